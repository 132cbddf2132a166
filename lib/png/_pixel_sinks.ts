/**
 * How the `rgb` fast path hands a strip's rows to a {@linkcode PixelSink} (e.g. the dataset
 * card's tally of labelled pixels), with which rows repeat the row above where it knows.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { PixelSink } from "./fast_rgb.ts";
import type { StripLayout } from "./_strip_layout.ts";

/**
 * Hands a strip's unfiltered input rows to a sink as RGB, once its output rows are deflated: RGBA
 * rows are packed into the output rows' room first.
 *
 * @param pixels The sink.
 * @param strip The kernels, their memory, the strips' layout and the strip's rows.
 */
export function sinkRows(
  pixels: PixelSink,
  strip: { kernels: KernelExports; memory: Uint8Array; layout: StripLayout; count: number },
): void {
  const { kernels, memory, layout, count } = strip;
  const { width, channels, input, output, flags } = layout;
  const inStride = layout.inRow + 1;
  const outStride = layout.outRow + 1;
  // The kernel flagged the rows that repeat the row above (0); a row flagged 1 may still repeat
  // it (its flag also counts bytes past the row): its Up-filtered RGB row tells.
  const same = new Uint8Array(count);
  for (let row = 0; row < count; row++) {
    const p = output + (row + 1) * outStride + 1;
    same[row] =
      memory[flags + row] === 0 || kernels.skipZeros(p, p + layout.outRow) === p + layout.outRow
        ? 1
        : 0;
  }
  const sameAsAbove = (row: number) => same[row] === 1;
  if (channels === 3) {
    return pixels.updateRows(memory, input + inStride + 1, inStride, count, sameAsAbove);
  }
  const rows = output + outStride + 1;
  kernels.packRgb(input + inStride + 1, inStride, rows, outStride, count, width, channels);
  pixels.updateRows(memory, rows, outStride, count, sameAsAbove);
}

/**
 * Which rows of a strip, still filtered, are the same as the row above (1) or not (2), as their
 * Up filter tells; for rows of other filters, no one knows yet (0).
 */
export function upZeroRows(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: StripLayout,
  count: number,
): Uint8Array {
  const stride = layout.inRow + 1;
  const same = new Uint8Array(count);
  for (let row = 0, p = layout.input + stride; row < count; row++, p += stride) {
    // An Up-filtered row holds its differences with the row above: none, the same row.
    if (memory[p] === 2) same[row] = kernels.skipZeros(p + 1, p + stride) === p + stride ? 1 : 2;
  }
  return same;
}
