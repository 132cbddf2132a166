/**
 * The part of decoding every path shares: check a PNG's chunks and inflate its image data,
 * reporting a truncated or oversized stream in the image's own terms.
 *
 * @module
 */

import { ConfigError, PngError } from "../errors.ts";
import { type ScanlinePass, scanlinePasses } from "./_adam7.ts";
import type { PngHeader } from "./_png_header.ts";
import { type PngStructure, readPngStructure } from "./_png_structure.ts";
import { inflateSync, OUTPUT_TOO_LARGE } from "./_zlib.ts";

/**
 * The default pixel limit of `decodePng` and `convertMask`: 100 million pixels (e.g. 10000×10000).
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_PIXELS } from "./mod.ts";
 *
 * console.log(DEFAULT_MAX_PIXELS); // 100000000
 * ```
 */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** A PNG whose chunks were checked and whose image data was inflated, still filtered. */
export interface InflatedPng extends PngStructure {
  /** The inflated image data: each scanline's filter-type byte, then its filtered bytes. */
  scanlines: Uint8Array;
  /** Where each pass's rows are in `scanlines`. */
  passes: ScanlinePass[];
}

/**
 * Checks every chunk (layout and CRC) and inflates the image data, all of it, on this thread.
 *
 * @param bytes The PNG file's bytes.
 * @param maxPixels Refuse images with more pixels than this; `undefined` for the default.
 * @returns The structure, the scanlines and the pass layout.
 * @throws {PngError} when the file is not a valid PNG, is truncated or corrupt, or too large.
 * @throws {ConfigError} when `maxPixels` is not a positive number.
 *
 * @example
 * ```ts
 * import { encodePng } from "./encode_png.ts";
 * import { inflatePng } from "./_inflate_png.ts";
 *
 * const png = await encodePng({ width: 2, height: 1, data: new Uint8Array(6) });
 * console.log(inflatePng(png, undefined).scanlines.length); // 7
 * ```
 */
export function inflatePng(bytes: Uint8Array, maxPixels: number | undefined): InflatedPng {
  // Everything runs on the calling thread: `node:zlib`'s sync calls measured faster than its
  // thread pool, and the export spreads masks over workers itself.
  const limit = maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!(limit > 0)) {
    throw new ConfigError(
      `Option "maxPixels" is ${limit}; give a positive number of pixels, or leave it out for ${DEFAULT_MAX_PIXELS}.`,
      { setting: "maxPixels" },
    );
  }
  const structure = readPngStructure(bytes, { maxPixels: limit });
  const { passes, totalBytes } = scanlinePasses(structure.header);
  const layout = { header: structure.header, passes, totalBytes };
  return { ...structure, passes, scanlines: inflateScanlines(structure.compressed, layout) };
}

interface Layout {
  header: PngHeader;
  passes: ScanlinePass[];
  totalBytes: number;
}

function inflateScanlines(compressed: Uint8Array, layout: Layout): Uint8Array {
  const { header, totalBytes } = layout;
  let scanlines: Uint8Array;
  try {
    // Inflating at most the expected length also bounds memory against zlib bombs.
    scanlines = inflateSync(compressed, { maxOutputLength: totalBytes });
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
