/**
 * Encodes 8-bit RGB images as PNG files.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import { filterScanlines, type PngFilter } from "./_filter.ts";
import { pngOfImageData } from "./png_file.ts";
import { PngRowEncoder } from "./png_row_encoder.ts";
import { deflate } from "../flate/zlib.ts";
import type { RgbImage } from "./rgb_image.ts";
import { MAX_DIMENSION } from "./_png_header.ts";

/** The zlib level masks are written with; see {@linkcode EncodePngOptions.level}. */
export const DEFAULT_ZLIB_LEVEL = 2;

export type { PngFilter } from "./_filter.ts";

/**
 * Options of {@linkcode encodePng}.
 *
 * @example Smallest files, slowest encoding
 * ```ts
 * import type { EncodePngOptions } from "@lab/masks/raster";
 *
 * const options: EncodePngOptions = { level: 9, filter: "adaptive" };
 * ```
 */
export interface EncodePngOptions {
  /**
   * The zlib compression level, 0 (stored, fastest) to 9 (smallest). Default: 2: on 1920×1080
   * masks with the Up filter it measured as fast as 1 with files several times smaller, and 3
   * to 9 cost more time for a few percent (`bench/deflate_bench.ts`).
   */
  level?: number;
  /**
   * The scanline filter: one of PNG's five for every row, or `"adaptive"` to choose per row the
   * one with the smallest sum of residuals (libpng's heuristic). Default: `"up"`: masks are flat
   * regions whose rows mostly repeat the row above, so Up turns them into runs of zeros, at a
   * fraction of adaptive's cost.
   */
  filter?: PngFilter;
}

const FILTERS: readonly PngFilter[] = ["none", "sub", "up", "average", "paeth", "adaptive"];

/**
 * Encodes an image as an 8-bit RGB PNG (colour type 2, not interlaced) with IHDR, one IDAT and
 * IEND chunks.
 *
 * @param image The pixels to encode.
 * @param options The compression level and scanline filter.
 * @returns The PNG file's bytes.
 * @throws {PngError} when the image's size or data length is invalid.
 * @throws {RangeError} when `level` or `filter` is out of range.
 *
 * @example
 * ```ts
 * import { encodePng } from "@lab/masks/raster";
 *
 * const image = { width: 2, height: 2, data: new Uint8Array(12).fill(200) };
 * const png = await encodePng(image, { level: 9, filter: "adaptive" });
 * console.log(png[1], png[2], png[3]); // 80 78 71 ("PNG")
 * ```
 */
export async function encodePng(
  image: RgbImage,
  options: EncodePngOptions = {},
): Promise<Uint8Array> {
  const { level = DEFAULT_ZLIB_LEVEL, filter = "up" } = options;
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new RangeError(`Cannot encode at zlib level ${level}: give a level from 0 to 9`);
  }
  if (!FILTERS.includes(filter)) {
    throw new RangeError(
      `Cannot encode with the filter ${JSON.stringify(filter)}: give one of ${FILTERS.join(", ")}`,
    );
  }
  const { width, height, data } = image;
  for (const [name, size] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_DIMENSION) {
      throw new PngError(
        `the image's ${name} is ${size}; it must be an integer from 1 to 2^31 - 1`,
      );
    }
  }
  if (data.length !== width * height * 3) {
    throw new PngError(
      `the image data holds ${data.length} bytes; a ${width}×${height} RGB image needs ${
        width * height * 3
      }`,
    );
  }
  if (filter === "up") {
    // The masks' filter: the same encoder the export streams strips of rows into.
    using encoder = new PngRowEncoder({ width, height, bitDepth: 8, colourType: 2, level });
    encoder.writeRows(data);
    return encoder.end();
  }
  const scanlines = filterScanlines(data, { rowBytes: width * 3, bytesPerPixel: 3, filter });
  const idat = await deflate(scanlines, { level });
  return pngOfImageData({ width, height, bitDepth: 8, colourType: 2 }, idat);
}
