/**
 * Decodes any PNG to 8-bit RGB, exactly as the SDK's OpenCV-based export reads masks.
 *
 * @module
 */

import { ConfigError, PngError } from "../errors.ts";
import { type ScanlinePass, scanlinePasses } from "./_adam7.ts";
import { createPassWriter } from "./_pass_to_rgb.ts";
import { CHANNELS_BY_COLOUR_TYPE, type PngHeader } from "./_png_header.ts";
import { readPngStructure } from "./_png_structure.ts";
import { unfilterPass } from "./_unfilter.ts";
import { inflate, OUTPUT_TOO_LARGE } from "./_zlib.ts";
import type { RgbImage } from "./rgb_image.ts";

/**
 * The default of {@linkcode DecodePngOptions.maxPixels}: 100 million pixels (e.g. 10000×10000).
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_PIXELS } from "./mod.ts";
 *
 * console.log(DEFAULT_MAX_PIXELS); // 100000000
 * ```
 */
export const DEFAULT_MAX_PIXELS = 100_000_000;

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
 * @throws {ConfigError} when `maxPixels` is not a positive number.
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
export async function decodePng(
  bytes: Uint8Array,
  options: DecodePngOptions = {},
): Promise<RgbImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!(maxPixels > 0)) {
    throw new ConfigError(
      `Option "maxPixels" is ${maxPixels}; give a positive number of pixels, or leave it out for ${DEFAULT_MAX_PIXELS}.`,
      { setting: "maxPixels" },
    );
  }
  const { header, palette, compressed } = readPngStructure(bytes, { maxPixels });
  const { passes, totalBytes } = scanlinePasses(header);
  const scanlines = await inflateScanlines(compressed, { header, passes, totalBytes });
  const { width, height } = header;
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

interface Layout {
  header: PngHeader;
  passes: ScanlinePass[];
  totalBytes: number;
}

async function inflateScanlines(compressed: Uint8Array, layout: Layout): Promise<Uint8Array> {
  const { header, totalBytes } = layout;
  let scanlines: Uint8Array;
  try {
    // Inflating at most the expected length also bounds memory against zlib bombs.
    scanlines = await inflate(compressed, { maxOutputLength: totalBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === OUTPUT_TOO_LARGE) {
      throw new PngError(
        `the PNG holds more image data than its ${header.width}×${header.height} pixels need ` +
          `(${totalBytes} bytes): the file is corrupt`,
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new PngError(`the PNG's image data is not valid zlib data (${reason})`, {
      cause: error,
    });
  }
  if (scanlines.length < totalBytes) {
    throw new PngError(`the PNG is truncated: IDAT data ends ${whereDataEnds(scanlines, layout)}`);
  }
  return scanlines;
}

function whereDataEnds(scanlines: Uint8Array, layout: Layout): string {
  const { header, passes } = layout;
  if (!header.interlaced) {
    return `at row ${Math.floor(scanlines.length / (passes[0].rowBytes + 1))} of ${header.height}`;
  }
  const pass = passes.findLast((candidate) => candidate.offset <= scanlines.length) ?? passes[0];
  return `in Adam7 pass ${pass.number} of 7`;
}
