/**
 * Hands out one file path per task, so two tasks with the same name never overwrite each other
 * (the SDK silently overwrites). The first task keeps `<name>.png`; a later one gets
 * `<name>__<task id>.png`. Paths are compared case-insensitively, so an export copied to a macOS
 * or Windows disk loses nothing either.
 *
 * @example
 * ```ts
 * import { MaskFileRegistry } from "@lab/masks";
 *
 * const registry = new MaskFileRegistry();
 * console.log(registry.claim("a.png", "t1")); // "a.png"
 * console.log(registry.claim("A.png", "t2")); // "A__t2.png"
 * ```
 */
export class MaskFileRegistry {
  #claimed = new Set<string>();

  /**
   * Claims a path for a task, or a de-duplicated one when it is taken.
   *
   * @param path The wanted path, ending in `.png`.
   * @param taskId The task's id, used to make the path unique.
   * @returns The path to write: `path` itself, or `<stem>__<task id>.png` (then `_2`, `_3`...).
   */
  claim(path: string, taskId: string): string {
    if (this.#take(path)) return path;
    const stem = path.slice(0, -".png".length);
    const id = taskId.replace(/[^A-Za-z0-9_-]/g, "_");
    for (let attempt = 1;; attempt++) {
      const candidate = attempt === 1 ? `${stem}__${id}.png` : `${stem}__${id}_${attempt}.png`;
      if (this.#take(candidate)) return candidate;
    }
  }

  #take(path: string): boolean {
    const key = path.normalize("NFC").toLowerCase();
    if (this.#claimed.has(key)) return false;
    this.#claimed.add(key);
    return true;
  }
}
