/**
 * A count and its noun, singular for one: `1 task`, `2 tasks`, `0 tasks`.
 *
 * @param count How many.
 * @param noun The noun, singular; its plural adds `s`.
 * @returns The count and the noun.
 *
 * @example
 * ```ts
 * import { plural } from "./plural.ts";
 *
 * console.log(plural(1, "task"), plural(2, "annotation")); // "1 task" "2 annotations"
 * ```
 */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
