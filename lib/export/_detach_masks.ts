import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskAnswers } from "../detect/task_mask.ts";
import { type Mask, maskOf } from "../detect/mask_of.ts";

/**
 * Takes the masks out of tasks as {@linkcode Mask}s, each as soon as its task is read. Mask
 * strings are most of a page's memory: turned into bytes at once, one task at a time, they die
 * young in V8's heap, where strings still alive at a young collection would be copied, make V8
 * grow its young generation, and so grow the process with the length of the run. A mask that is
 * not a valid data URI becomes an `invalid` mask, to fail later with its reason like any bad
 * mask. Vector projects' annotations are left in place.
 */
export class MaskDetacher {
  #source: MaskSource;
  #masks = new WeakMap<object, Mask | undefined>();

  /** @param source Where the project keeps its masks. */
  constructor(source: MaskSource) {
    this.#source = source;
  }

  /** Takes a task's mask out now (a `TaskPagesOptions.onTask`). */
  readonly detach = (task: Task): void => {
    if (typeof task !== "object" || task === null || this.#masks.has(task)) return;
    const mask = maskOf(task, this.#source);
    // Removed from the task document, where `taskMask` found it.
    if (mask?.kind === "png") delete taskAnswers(task, this.#source)?.answers?.mask;
    this.#masks.set(task, mask);
  };

  /**
   * A task's mask, once: as `detach` took it out (or takes it out now, for a source that did not
   * call `detach`), `undefined` for no mask.
   */
  take(task: Task): Mask | undefined {
    this.detach(task);
    const mask = this.#masks.get(task);
    this.#masks.delete(task);
    return mask;
  }
}
