/**
 * Decodes any PNG to 8-bit RGB, exactly as the SDK's OpenCV-based export reads masks.
 *
 * @module
 */

import { checkPng, DEFAULT_MAX_PIXELS } from "./inflate_png.ts";
import { readPngRows } from "./png_rows.ts";
import type { RgbImage } from "./rgb_image.ts";

export { DEFAULT_MAX_PIXELS };

/**
 * Options of {@linkcode decodePng}.
 *
 * @example Refusing masks above 4K resolution
 * ```ts
 * import type { DecodePngOptions } from "@lab/masks/raster";
 *
 * const options: DecodePngOptions = { maxPixels: 3840 * 2160 };
 * ```
 */
export interface DecodePngOptions {
  /**
   * Refuse images with more pixels (width × height) than this, checked on the header before any
   * pixel buffer is allocated or any data inflated: a guard against decompression bombs. The
   * decoded image needs 3 bytes per pixel; decoding it, a few strips of rows more.
   * Default: {@linkcode DEFAULT_MAX_PIXELS} (100 million).
   */
  maxPixels?: number;
}

/**
 * Decodes a PNG of any flavour to 8-bit RGB, matching OpenCV's `IMREAD_COLOR` (the SDK's decoder):
 * alpha is dropped without compositing, grey is replicated, a palette is expanded (tRNS ignored),
 * 16-bit samples keep their high byte, grey below 8 bits is scaled to 0..255. All bit depths and
 * colour types, Adam7 interlacing and any number of IDAT chunks are supported; every chunk's CRC
 * is checked.
 *
 * @param bytes The PNG file's bytes.
 * @param options The pixel limit.
 * @returns The image's pixels as RGB.
 * @throws {PngError} when the data is not a valid PNG, is truncated or corrupt, or the image is
 * larger than `maxPixels`.
 * @throws {RangeError} when `maxPixels` is not a positive number.
 * @throws {TypeError} when `bytes` is not a `Uint8Array`.
 *
 * @example Decoding a 1×1 red PNG
 * ```ts
 * import { decodePng, encodePng } from "@lab/masks/raster";
 *
 * const png = await encodePng({ width: 1, height: 1, data: new Uint8Array([255, 0, 0]) });
 * const image = await decodePng(png);
 * console.log(image.width, [...image.data]); // 1 [255, 0, 0]
 * ```
 */
// deno-lint-ignore require-await -- async so that every error is a rejection, as documented.
export async function decodePng(
  bytes: Uint8Array,
  options: DecodePngOptions = {},
): Promise<RgbImage> {
  const png = checkPng(bytes, options.maxPixels);
  const { width, height } = png.header;
  const data = new Uint8Array(width * height * 3);
  // The strips are copied into the whole image: the one buffer the size of the image.
  readPngRows(png, (rows) => data.set(rows.data, rows.first * width * 3));
  return { width, height, data };
}
