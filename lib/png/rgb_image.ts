/**
 * The pixel buffer every raster function of `@lab/masks` reads and writes.
 *
 * @module
 */

/**
 * An 8-bit RGB image: `data` holds `width * height * 3` bytes, row by row from the top left, each
 * pixel as red, green, blue.
 *
 * @example A 2×1 image: one red pixel, one blue pixel
 * ```ts
 * import type { RgbImage } from "./rgb_image.ts";
 *
 * const image: RgbImage = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 0, 0, 255]) };
 * console.log(image.data.length === image.width * image.height * 3); // true
 * ```
 */
export interface RgbImage {
  /** Width in pixels, at least 1. */
  width: number;
  /** Height in pixels, at least 1. */
  height: number;
  /** `width * height * 3` bytes, row-major, red, green, blue per pixel. */
  data: Uint8Array;
}
