import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskAnswers, taskMask } from "../detect/task_mask.ts";
import { decodeDataUri } from "../raster/mask_data_uri.ts";

/**
 * Takes the masks out of a page of tasks as PNG bytes, as soon as the page arrives. Mask strings
 * are most of a page's memory: turned into bytes at once they die young in V8's heap, where a
 * page of strings held while the page is exported would survive collections and grow the heap
 * with the length of the run. A mask that is not a valid data URI stays as it is, to fail later
 * with its reason like any bad mask. Vector projects' annotations are left in place.
 *
 * @returns Each task's mask (bytes, or the value as found), `undefined` for no mask.
 */
export function detachMasks(tasks: readonly Task[], source: MaskSource): unknown[] {
  return tasks.map((task) => {
    const mask = taskMask(task, source);
    if ((source.kind ?? "mask") !== "mask" || typeof mask !== "string") return mask;
    let bytes: Uint8Array;
    try {
      bytes = decodeDataUri(mask);
    } catch {
      return mask;
    }
    forgetMask(task, source);
    return bytes;
  });
}

/** Removes the mask string from the task document, where `taskMask` found it. */
function forgetMask(task: Task, source: MaskSource): void {
  const answers = taskAnswers(task, source)?.answers;
  if (answers) delete answers.mask;
}
