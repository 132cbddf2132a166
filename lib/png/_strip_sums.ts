/**
 * The strips' side of the kernels that carry the image data's Adler-32 over the rows they
 * unfilter (`transcodeRows`, `unfilter`, `unfilterConvert`, `unfilterLabels`: see
 * `_kernels/adler_rows.wat`): the stream's check goes to the kernel in a word of its memory and
 * comes back summed over the strip, the rows from a bad one on summed here.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { StripCheck } from "./inflate_png.ts";

/** Where a strip's scanlines are in the kernels' memory, and the word the kernel sums in. */
export interface SummedStrip {
  /** Row 0's filter-type byte. */
  at: number;
  /** Bytes from one scanline to the next (the filter-type byte and the row). */
  stride: number;
  /** The strip's rows. */
  count: number;
  /** The word the kernel carries the check in: 4 bytes, 4-aligned. */
  word: number;
}

/**
 * Runs `work` on a strip. With a `check` (see `RowStrips.sumsStrips`), `work` gets the word that
 * holds the stream's Adler-32, for the kernel it calls to carry on over the rows it works on, and
 * the check is left summed over the strip's bytes as they landed: by the kernel up to a bad row,
 * from there on here (the kernel leaves that row and the rest as they landed). Without, `work`
 * gets 0.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param strip Where the strip's scanlines and the word are.
 * @param check The stream's check before the strip, or `undefined` when none is owed.
 * @param work Calls the kernel, with the word or 0; returns -1, or the first bad row.
 * @returns What `work` returned.
 */
export function carryCheck(
  kernels: KernelExports,
  memory: Uint8Array,
  strip: SummedStrip,
  check: StripCheck | undefined,
  work: (sums: number) => number,
): number {
  if (check === undefined) return work(0);
  const word = new Uint32Array(memory.buffer, strip.word, 1);
  word[0] = check.adler;
  const bad = work(strip.word);
  check.adler = word[0];
  if (bad >= 0) {
    const from = strip.at + bad * strip.stride;
    check.adler = kernels.adler32(from, (strip.count - bad) * strip.stride, check.adler) >>> 0;
  }
  return bad;
}
