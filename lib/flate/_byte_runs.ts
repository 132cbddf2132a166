/**
 * Where the run-length deflater's runs end, read in TypeScript: a run repeating the byte (or
 * pixel) before, and the zeros skipped four bytes at a time where no SIMD kernel holds the bytes.
 *
 * @module
 */

import { MAX_MATCH } from "./_deflate_block.ts";

/**
 * How many bytes from `i` (at most 258, before `to`) repeat the byte `distance` before them.
 *
 * @param bytes Where the bytes are.
 * @param at The byte at a position, those before the bytes given included.
 * @param i Where the run would start.
 * @param to Where the bytes end.
 * @param distance How far back the repeated byte is.
 * @returns The run's length, 0 when the first byte repeats nothing.
 *
 * @example
 * ```ts
 * import { runLength } from "./_byte_runs.ts";
 *
 * const bytes = new Uint8Array([1, 2, 3, 1, 2, 3, 1, 9]);
 * console.log(runLength(bytes, (j) => bytes[j], 3, bytes.length, 3)); // 3
 * ```
 */
export function runLength(
  bytes: Uint8Array,
  at: (j: number) => number,
  i: number,
  to: number,
  distance: number,
): number {
  const max = Math.min(MAX_MATCH, to - i);
  let length = 0;
  while (length < max && bytes[i + length] === at(i + length - distance)) length++;
  return length;
}

/** The last buffer {@linkcode skipZerosByWord} read, as 32-bit words. */
let wordsOf: { buffer: ArrayBufferLike; words: Int32Array } | undefined;

/**
 * The first nonzero byte of `bytes` in `[from, to)`, or `to`: four bytes at a time.
 *
 * @param bytes Where the bytes are.
 * @param from The first position looked at.
 * @param to The position after the last.
 * @returns The position of the first byte that is not zero, or `to`.
 *
 * @example
 * ```ts
 * import { skipZerosByWord } from "./_byte_runs.ts";
 *
 * const bytes = new Uint8Array(100);
 * bytes[77] = 5;
 * console.log(skipZerosByWord(bytes, 3, 100)); // 77
 * ```
 */
export function skipZerosByWord(bytes: Uint8Array, from: number, to: number): number {
  const offset = bytes.byteOffset;
  let i = from;
  // Bytes one by one up to a word boundary of the buffer.
  while (i < to && ((offset + i) & 3) !== 0) {
    if (bytes[i] !== 0) return i;
    i++;
  }
  if (i >= to) return to;
  const { buffer } = bytes;
  if (wordsOf?.buffer !== buffer || wordsOf.words.length !== buffer.byteLength >> 2) {
    wordsOf = { buffer, words: new Int32Array(buffer, 0, buffer.byteLength >> 2) };
  }
  const words = wordsOf.words;
  let w = (offset + i) >> 2;
  const lastWord = (offset + to) >> 2;
  while (w < lastWord && words[w] === 0) w++;
  i = w * 4 - offset;
  while (i < to && bytes[i] === 0) i++;
  return i;
}
