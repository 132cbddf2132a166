/**
 * Decodes any PNG to 8-bit RGB, exactly as the SDK's OpenCV-based export reads masks.
 *
 * @module
 */

import { decodeFastRgb, isFastFlavour } from "./_fast_rgb.ts";
import { DEFAULT_MAX_PIXELS, type InflatedPng, inflatePng } from "./_inflate_png.ts";
import { createPassWriter } from "./_pass_to_rgb.ts";
import { CHANNELS_BY_COLOUR_TYPE } from "./_png_header.ts";
import { unfilterPass } from "./_unfilter.ts";
import type { RgbImage } from "./rgb_image.ts";
import { releaseBytes } from "../_release_bytes.ts";

export { DEFAULT_MAX_PIXELS };

/**
 * Options of {@linkcode decodePng}.
 *
 * @example Refusing masks above 4K resolution
 * ```ts
 * import type { DecodePngOptions } from "./mod.ts";
 *
 * const options: DecodePngOptions = { maxPixels: 3840 * 2160 };
 * ```
 */
export interface DecodePngOptions {
  /**
   * Refuse images with more pixels (width × height) than this, checked on the header before any
   * pixel buffer is allocated or any data inflated: a guard against decompression bombs. The
   * decoded image needs 3 bytes per pixel, plus up to 8 bytes per pixel while decoding.
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
 *
 * @example Decoding a 1×1 red PNG
 * ```ts
 * import { decodePng, encodePng } from "./mod.ts";
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
  const inflated = inflatePng(bytes, options.maxPixels);
  const image = pixelsOf(inflated);
  // Freed now, not at the worker's next full collection: masks that follow must not pile up.
  releaseBytes(inflated.scanlines);
  return image;
}

/**
 * Unfilters an inflated PNG and converts it to 8-bit RGB as {@linkcode decodePng} does; the
 * scanlines are changed in place.
 *
 * @param png The checked and inflated PNG.
 * @returns The image's pixels as RGB.
 * @throws {PngError} when a row has an invalid filter type or a palette index is out of range.
 */
export function pixelsOf(png: InflatedPng): RgbImage {
  const { header, palette, scanlines, passes } = png;
  const { width, height } = header;
  if (isFastFlavour(header)) return { width, height, data: decodeFastRgb(scanlines, header) };
  const image = { width, height, data: new Uint8Array(width * height * 3) };
  const writePass = createPassWriter(header, { palette, image });
  const bitsPerPixel = CHANNELS_BY_COLOUR_TYPE[header.colourType] * header.bitDepth;
  const bytesPerPixel = Math.max(1, bitsPerPixel >> 3);
  for (const pass of passes) {
    unfilterPass(scanlines, pass, { bytesPerPixel });
    writePass(scanlines, pass);
  }
  return image;
}
