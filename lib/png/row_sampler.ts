/**
 * What the PNG readers hand a mask's unfiltered rows to on the way, besides their own work: the
 * report's thumbnail sampler (`MaskSampler` of `lib/raster/mask_sampler.ts`) is one.
 *
 * @module
 */

/**
 * Takes rows of pixels as a reader unfilters them, top to bottom.
 *
 * @example A sampler that counts the rows it is given
 * ```ts
 * import type { RowSampler } from "./row_sampler.ts";
 *
 * let rows = 0;
 * const sampler: RowSampler = { takeRows: (_pixels, _at, _stride, _first, count) => rows += count };
 * sampler.takeRows(new Uint8Array(6), 0, 6, 0, 1, 3);
 * console.log(rows); // 1
 * ```
 */
export interface RowSampler {
  /**
   * Takes the next rows.
   *
   * @param pixels The bytes holding the rows.
   * @param at Where the first row's first pixel is in `pixels`.
   * @param stride Bytes from one row's start to the next one's.
   * @param first The first row's number in the image.
   * @param count How many rows.
   * @param channels Bytes per pixel: 3 (RGB) or 4 (RGBA).
   */
  takeRows(
    pixels: Uint8Array,
    at: number,
    stride: number,
    first: number,
    count: number,
    channels: number,
  ): void;
}
