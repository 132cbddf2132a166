/**
 * Joins byte arrays into one.
 *
 * @param parts The arrays, in order.
 * @returns Their bytes back to back: the only part itself when there is one.
 *
 * @example
 * ```ts
 * import { concatenate } from "./concatenate.ts";
 *
 * console.log(concatenate([new Uint8Array([1, 2]), new Uint8Array([3])])); // Uint8Array(3) [ 1, 2, 3 ]
 * ```
 */
export function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
