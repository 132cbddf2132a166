/**
 * The part of decoding every path shares: check a PNG's chunks and inflate its image data,
 * reporting a truncated or oversized stream in the image's own terms.
 *
 * @module
 */

import { ConfigError, PngError } from "../errors.ts";
import { type ScanlinePass, scanlinePasses } from "./_adam7.ts";
import { type PngStructure, readPngStructure } from "./_png_structure.ts";
import { inflateInto, inflateSync, OUTPUT_TOO_LARGE } from "./_zlib.ts";

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

/** A PNG whose chunks were checked, with the layout of its image data once inflated. */
export interface CheckedPng extends PngStructure {
  /** Where each pass's rows are in the inflated data. */
  passes: ScanlinePass[];
  /** The exact length of the inflated data. */
  totalBytes: number;
}

/** A PNG whose chunks were checked and whose image data was inflated, still filtered. */
export interface InflatedPng extends CheckedPng {
  /** The inflated image data: each scanline's filter-type byte, then its filtered bytes. */
  scanlines: Uint8Array;
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
  return inflateCheckedPng(checkPng(bytes, maxPixels));
}

/**
 * Inflates a checked PNG's image data into a buffer of its own.
 *
 * @param png The checked PNG.
 * @returns The PNG with its scanlines.
 * @throws {PngError} when the data is truncated, corrupt or longer than the image needs.
 */
export function inflateCheckedPng(png: CheckedPng): InflatedPng {
  return { ...png, scanlines: inflateScanlines(png) };
}

/**
 * Checks every chunk (layout and CRC) and lays out the image data, without inflating it.
 *
 * @param bytes The PNG file's bytes.
 * @param maxPixels Refuse images with more pixels than this; `undefined` for the default.
 * @returns The structure and the layout of the inflated data.
 * @throws {PngError} when the file is not a valid PNG, is truncated or corrupt, or too large.
 * @throws {ConfigError} when `maxPixels` is not a positive number.
 */
export function checkPng(bytes: Uint8Array, maxPixels: number | undefined): CheckedPng {
  const limit = maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!(limit > 0)) {
    throw new ConfigError(
      `Option "maxPixels" is ${limit}; give a positive number of pixels, or leave it out for ${DEFAULT_MAX_PIXELS}.`,
      { setting: "maxPixels" },
    );
  }
  const structure = readPngStructure(bytes, { maxPixels: limit });
  return { ...structure, ...scanlinePasses(structure.header) };
}

/**
 * Inflates a checked PNG's image data, all of it, into `target` (e.g. WebAssembly memory), with
 * the same checks and messages as {@linkcode inflatePng}.
 *
 * @param png The checked PNG.
 * @param target At least `png.totalBytes + 1` bytes; the first `totalBytes` receive the data.
 * @throws {PngError} when the data is truncated, corrupt or longer than the image needs.
 */
export function inflatePngInto(png: CheckedPng, target: Uint8Array): void {
  const window = target.subarray(0, png.totalBytes + 1);
  let written: number;
  try {
    written = inflateInto(png.compressed, window);
  } catch (error) {
    throw notZlib(error);
  }
  if (written > png.totalBytes) throw tooLarge(png, undefined);
  if (written < png.totalBytes) throw truncated(window.subarray(0, written), png);
}

function inflateScanlines(png: CheckedPng): Uint8Array {
  let scanlines: Uint8Array;
  try {
    // Inflating at most the expected length also bounds memory against zlib bombs.
    scanlines = inflateSync(png.compressed, { maxOutputLength: png.totalBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === OUTPUT_TOO_LARGE) throw tooLarge(png, error);
    throw notZlib(error);
  }
  if (scanlines.length < png.totalBytes) throw truncated(scanlines, png);
  return scanlines;
}

function tooLarge(png: CheckedPng, cause: unknown): PngError {
  const { header, totalBytes } = png;
  return new PngError(
    `the PNG holds more image data than its ${header.width}×${header.height} pixels need ` +
      `(${totalBytes} bytes): the file is corrupt`,
    { cause },
  );
}

function notZlib(error: unknown): PngError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PngError(`the PNG's image data is not valid zlib data (${reason})`, { cause: error });
}

function truncated(scanlines: Uint8Array, png: CheckedPng): PngError {
  return new PngError(`the PNG is truncated: IDAT data ends ${whereDataEnds(scanlines, png)}`);
}

function whereDataEnds(scanlines: Uint8Array, png: CheckedPng): string {
  const { header, passes } = png;
  if (!header.interlaced) {
    return `at row ${Math.floor(scanlines.length / (passes[0].rowBytes + 1))} of ${header.height}`;
  }
  const pass = passes.findLast((candidate) => candidate.offset <= scanlines.length) ?? passes[0];
  return `in Adam7 pass ${pass.number} of 7`;
}
