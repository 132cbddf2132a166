import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskAnswers, taskMask } from "../detect/task_mask.ts";
import { decodeDataUri } from "../raster/mask_data_uri.ts";

/**
 * Takes the masks out of tasks as PNG bytes, each as soon as its task is read. Mask strings are
 * most of a page's memory: turned into bytes at once, one task at a time, they die young in V8's
 * heap, where strings still alive at a young collection would be copied, make V8 grow its young
 * generation, and so grow the process with the length of the run. A mask that is not a valid data
 * URI stays as it is, to fail later with its reason like any bad mask. Vector projects'
 * annotations are left in place.
 */
export class MaskDetacher {
  #source: MaskSource;
  #masks = new WeakMap<object, unknown>();

  /** @param source Where the project keeps its masks. */
  constructor(source: MaskSource) {
    this.#source = source;
  }

  /** Takes a task's mask out now (a `TaskPagesOptions.onTask`). */
  readonly detach = (task: Task): void => {
    if (typeof task !== "object" || task === null || this.#masks.has(task)) return;
    this.#masks.set(task, detachMask(task, this.#source));
  };

  /**
   * A task's mask, once: as `detach` took it out (or takes it out now, for a source that did not
   * call `detach`), `undefined` for no mask.
   */
  take(task: Task): unknown {
    this.detach(task);
    const mask = this.#masks.get(task);
    this.#masks.delete(task);
    return mask;
  }
}

function detachMask(task: Task, source: MaskSource): unknown {
  const mask = taskMask(task, source);
  if ((source.kind ?? "mask") !== "mask" || typeof mask !== "string") return mask;
  let bytes: Uint8Array;
  try {
    bytes = decodeDataUri(mask);
  } catch {
    return mask;
  }
  // Removed from the task document, where `taskMask` found it.
  const answers = taskAnswers(task, source)?.answers;
  if (answers) delete answers.mask;
  return bytes;
}
