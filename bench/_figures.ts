/**
 * The benchmark's numbers as it prints them, and the median it takes of its rounds.
 *
 * @module
 */

/**
 * The median of some numbers (of an even count, the mean of the middle two).
 *
 * @param values The numbers; not changed.
 * @returns Their median.
 *
 * @example
 * ```ts
 * import { median } from "./_figures.ts";
 *
 * console.log(median([3, 1, 2]), median([4, 1, 2, 3])); // 2 2.5
 * ```
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A time: milliseconds under a second, else seconds.
 *
 * @param value Milliseconds.
 * @returns The time as printed.
 *
 * @example
 * ```ts
 * import { ms } from "./_figures.ts";
 *
 * console.log(ms(850), ms(4823)); // 850 ms 4.82 s
 * ```
 */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

/**
 * A size in kibibytes, to a tenth.
 *
 * @param bytes The size in bytes.
 * @returns The size as printed.
 *
 * @example
 * ```ts
 * import { kb } from "./_figures.ts";
 *
 * console.log(kb(18227)); // 17.8 KB
 * ```
 */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * A size in mebibytes, whole.
 *
 * @param bytes The size in bytes.
 * @returns The size as printed.
 *
 * @example
 * ```ts
 * import { mb } from "./_figures.ts";
 *
 * console.log(mb(146_000_000)); // 139 MB
 * ```
 */
export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}
