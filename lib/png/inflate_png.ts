/**
 * The part of decoding every path shares: check a PNG's chunks and inflate its image data strip
 * by strip, reporting a truncated or oversized stream in the image's own terms.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import { type ScanlinePass, scanlinePasses } from "./_adam7.ts";
import { type PngStructure, readPngStructure } from "./_png_structure.ts";
import { type AdlerSum, InflateStream } from "../flate/inflate_stream.ts";
import { BYTES, checkArgumentType } from "../option_types.ts";

/**
 * The default pixel limit of `decodePng` and `convertMask`: 100 million pixels (e.g. 10000×10000).
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_PIXELS } from "@lab/masks/raster";
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

/**
 * Checks every chunk (layout and CRC) and lays out the image data, without inflating it.
 *
 * @param bytes The PNG file's bytes.
 * @param maxPixels Refuse images with more pixels than this; `undefined` for the default.
 * @returns The structure and the layout of the inflated data.
 * @throws {PngError} when the file is not a valid PNG, is truncated or corrupt, or too large.
 * @throws {RangeError} when `maxPixels` is not a positive number.
 * @throws {TypeError} when `bytes` is not a `Uint8Array`.
 */
export function checkPng(bytes: Uint8Array, maxPixels: number | undefined): CheckedPng {
  checkArgumentType(bytes, "bytes", BYTES);
  const limit = maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!(limit > 0)) {
    throw new RangeError(
      `Cannot check a PNG against a limit of ${limit} pixels: give a positive number, or leave ` +
        `it out for ${DEFAULT_MAX_PIXELS}`,
    );
  }
  const structure = readPngStructure(bytes, { maxPixels: limit });
  return { ...structure, ...scanlinePasses(structure.header) };
}

/** Where {@linkcode inflatePngStrips} puts each strip of rows, and what it does with it. */
export interface RowStrips {
  /** Rows per strip, at least 1. */
  rows: number;
  /** Where each strip lands: at least `rows` scanlines (filter-type byte and row bytes each). */
  window: Uint8Array;
  /**
   * Works on a strip that has landed in the window (its first row, its row count). Returns the
   * error a bad row deserves: it is thrown once the whole stream is known to be sound, since a
   * corrupt, truncated or oversized stream is reported first, as if it had been inflated whole.
   * Once it has returned one, it is not called again. With `check` (see `sumsStrips`), it
   * carries the stream's Adler-32 on over the strip's bytes as they landed, bad rows or not.
   */
  onStrip(first: number, count: number, check?: StripCheck): PngError | undefined;
  /**
   * Sums the stream's Adler-32 over each strip in the window, faster than zlib does (a kernel
   * that skips the zeros most mask rows inflate to); zlib checks the stream without it.
   */
  adler?: AdlerSum;
  /**
   * With `adler`, whether `onStrip` sums each strip's check itself, in the work that reads its
   * rows anyway: it then gets a {@linkcode StripCheck} wherever the sum is owed (not where zlib
   * checks the stream itself, nor for a strip in which the stream ends, which `adler` sums).
   */
  sumsStrips?: boolean;
}

/** The stream's Adler-32 as a strip lands (`b << 16 | a`): `onStrip` leaves it summed over it. */
export interface StripCheck {
  /** The sum: before the strip's bytes as `onStrip` gets it, after them as it leaves it. */
  adler: number;
}

/**
 * Inflates a checked, non-interlaced PNG's image data strip by strip into a small window (e.g.
 * in WebAssembly memory), so the rows of a strip are worked on while they are in cache and no
 * buffer the size of the image is needed. The whole stream is always read, with the same checks
 * and messages as the general decoder.
 *
 * @param png The checked PNG, not interlaced.
 * @param strips The strip size, the window and the work on each strip.
 * @throws {PngError} when the data is truncated, corrupt or longer than the image needs, or
 * what `onStrip` returned.
 */
export function inflatePngStrips(png: CheckedPng, strips: RowStrips): void {
  const { rowBytes, height } = png.passes[0];
  const stride = rowBytes + 1;
  using stream = new InflateStream(png.compressed, {
    maxOutputLength: png.totalBytes + 1,
    adler: strips.adler,
  });
  let written = 0;
  let failure: PngError | undefined;
  for (let first = 0; first < height; first += strips.rows) {
    const count = Math.min(strips.rows, height - first);
    const owing = strips.sumsStrips === true && failure === undefined;
    const got = readStream(stream, strips.window.subarray(0, count * stride), owing);
    written += got;
    if (got < count * stride) throw truncated(written, png);
    if (failure !== undefined) continue;
    const check = stream.owed > 0 ? { adler: stream.adler } : undefined;
    failure = strips.onStrip(first, count, check);
    if (check !== undefined) stream.settle(check.adler);
  }
  if (readStream(stream, new Uint8Array(1)) > 0) throw tooLarge(png);
  if (failure !== undefined) throw failure;
}

/**
 * Reads the next inflated bytes of a stream, a zlib failure reported as the PNG's.
 *
 * @param stream The stream.
 * @param target Where the bytes go.
 * @param owing Whether the caller sums the bytes' check (see `InflateStream.read`).
 * @returns How many bytes were written: fewer than asked only where the stream ends.
 * @throws {PngError} when the stream is corrupt.
 */
export function readStream(stream: InflateStream, target: Uint8Array, owing = false): number {
  try {
    return stream.read(target, { owing });
  } catch (error) {
    // A sum owed and not settled is the caller's mistake, not the file's.
    if (error instanceof TypeError) throw error;
    throw notZlib(error);
  }
}

/**
 * The error for image data longer than the image needs.
 *
 * @param png The checked PNG.
 * @returns The error to throw.
 */
export function tooLarge(png: CheckedPng): PngError {
  const { header, totalBytes } = png;
  return new PngError(
    `the PNG holds more image data than its ${header.width}×${header.height} pixels need ` +
      `(${totalBytes} bytes): the file is corrupt`,
  );
}

function notZlib(error: unknown): PngError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PngError(`the PNG's image data is not valid zlib data (${reason})`, { cause: error });
}

/**
 * The error for image data that ends early.
 *
 * @param written How many bytes the image data inflated to.
 * @param png The checked PNG.
 * @returns The error to throw, saying in which row or pass the data ends.
 */
export function truncated(written: number, png: CheckedPng): PngError {
  return new PngError(`the PNG is truncated: IDAT data ends ${whereDataEnds(written, png)}`);
}

function whereDataEnds(written: number, png: CheckedPng): string {
  const { header, passes } = png;
  if (!header.interlaced) {
    return `at row ${Math.floor(written / (passes[0].rowBytes + 1))} of ${header.height}`;
  }
  const pass = passes.findLast((candidate) => candidate.offset <= written) ?? passes[0];
  return `in Adam7 pass ${pass.number} of 7`;
}
