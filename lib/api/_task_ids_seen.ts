import { HashedKeys } from "../_hashed_keys.ts";
import { PackedStrings } from "../_packed_strings.ts";

/**
 * The task ids a walk over tasks has seen, packed (about 20 bytes a lab id) and found by their
 * hash: two ids are one only when their bytes are.
 *
 * @example
 * ```ts
 * import { TaskIdsSeen } from "./_task_ids_seen.ts";
 *
 * const seen = new TaskIdsSeen();
 * console.log(seen.again("t1"), seen.again("t2"), seen.again("t1")); // false false true
 * ```
 */
export class TaskIdsSeen {
  #ids = new PackedStrings();
  #index = new HashedKeys();

  /**
   * Notes a task id.
   *
   * @param id The id.
   * @returns Whether it was seen before (it is then not noted again).
   */
  again(id: string): boolean {
    if (this.#index.find(id, (number) => this.#ids.get(number) === id) !== undefined) return true;
    this.#index.add(id, this.#ids.push(id));
    return false;
  }
}
