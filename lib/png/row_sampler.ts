/**
 * What the PNG readers hand a mask's unfiltered rows to on the way, besides their own work: the
 * report's thumbnail sampler (`MaskSampler` of `lib/raster/mask_sampler.ts`) is one.
 *
 * @module
 */

/**
 * One strip of rows as a reader hands it on: the buffer, where the first row starts, the bytes
 * from one row's start to the next one's, the first row's number in the image, how many rows, and
 * the bytes per pixel (3 for RGB, 4 for RGBA).
 *
 * @example The strip of one RGB row of two pixels at the top of an image
 * ```ts
 * import type { RowStrip } from "./row_sampler.ts";
 *
 * const strip: RowStrip = [new Uint8Array(6), 0, 6, 0, 1, 3];
 * console.log(strip.length); // 6
 * ```
 */
export type RowStrip = [
  pixels: Uint8Array,
  at: number,
  stride: number,
  first: number,
  count: number,
  channels: number,
];

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
   * @param strip The rows: buffer, offset, stride, first row, row count, bytes per pixel.
   */
  takeRows(...strip: RowStrip): void;
}
