/**
 * The general PNG decoder, strip by strip: any flavour (16-bit, palette, grey, grey + alpha,
 * Adam7) is inflated, unfiltered and converted to 8-bit RGB a strip of rows at a time, so no
 * buffer is the size of the image. An interlaced image's seven passes follow one another in the
 * image data, and every strip of the output needs rows of each: each pass gets its own zlib
 * stream over the same data, which first inflates (and drops) the passes before its own, then
 * keeps pace with the strips. That inflates the data about twice over, in exchange for memory
 * of a few strips whatever the image's size.
 *
 * @module
 */

import type { PngError } from "../errors.ts";
import type { ScanlinePass } from "./_adam7.ts";
import { type CheckedPng, readStream, tooLarge, truncated } from "./inflate_png.ts";
import { createPassWriter, type PassWriter } from "./_pass_to_rgb.ts";
import { CHANNELS_BY_COLOUR_TYPE } from "./_png_header.ts";
import { invalidFilterError, unfilterRows } from "./_unfilter.ts";
import { InflateStream } from "../flate/inflate_stream.ts";

/** A strip of decoded rows. */
export interface RgbRows {
  /** `count` rows of `width * 3` bytes, red, green, blue per pixel; valid until the next strip. */
  data: Uint8Array;
  /** The first row's number in the image. */
  first: number;
  /** How many rows. */
  count: number;
  /**
   * Per row, 1 where the row is known to repeat the row above (zeros above the first row of the
   * image), 0 where that is not known; absent when no row is known.
   */
  repeats?: Uint8Array;
  /**
   * Where row `row` (1 to `count - 1`) first differs from the row before it, from byte `from`:
   * that byte's index in the row, or the row's length when none differs. Given where the kernels
   * hold the rows.
   */
  differsFrom?: (row: number, from: number) => number;
  /**
   * The rows where the kernels' strip reader unfiltered them, not packed as RGB: given when it was
   * asked for them (`MaskRowsOptions.unpacked`), `data` then packed only when read.
   */
  unpacked?: UnpackedRows;
  /** The rows converted as the reader was asked (see {@linkcode RowConversion}). */
  converted?: ConvertedRows;
  /** The rows' labels, when the reader was asked for them (see {@linkcode RowConversion}). */
  labels?: RowLabels;
  /**
   * With `labels` asked: the mask of one label (255 where the pixel's label is `label`, else 0)
   * over the strip's rows, Up-filtered under `above` (the row written above them): a `binary`
   * file's rows. Valid until the strip's callback returns; each call's rows replace the last's.
   */
  labelMask?: (label: number, above: Uint8Array) => ConvertedRows;
}

/**
 * A strip's rows where they were unfiltered: RGB or RGBA, each row after its filter type byte.
 * Valid until the reader's next strip.
 */
export interface UnpackedRows {
  /** The rows, from the first row's first byte. */
  data: Uint8Array;
  /** Bytes a pixel: 3 (RGB) or 4 (RGBA; the alpha is no part of a mask's colour). */
  channels: 3 | 4;
  /** From one row's first byte to the next row's. */
  stride: number;
  /**
   * Where row `row` (0 to `count - 1`) first differs from the row before it, from byte `from`:
   * that byte's index in the row, or the row's length (`width * channels`) when none differs. The
   * row before row 0 is the last row of the strip before; above the image's first row, zeros.
   */
  differsFrom: (row: number, from: number) => number;
}

/** Each pixel's label (its blue where red is not 0, else 0), and which labels each row holds. */
export interface RowLabels {
  /** A byte a pixel, the rows back to back. */
  bytes: Uint8Array;
  /** 256 bytes a row: 1 at each label the row holds. */
  seen: Uint8Array;
  /** 256 bytes: 1 at each label some row holds. */
  held: Uint8Array;
}

/**
 * Rows converted by the kernels as they were read, Up-filtered and ready to deflate: what
 * `PngRowEncoder.writeScanlines` takes. Valid until the reader's next strip.
 */
export interface ConvertedRows {
  /** `count` PNG scanlines (filter type byte 2, then the row's Up differences). */
  scanlines: Uint8Array;
  /** The distance between scanlines: the row's bytes and its filter type byte. */
  stride: number;
  /** How many rows. */
  count: number;
  /** Per row, 0 where its Up differences are all zeros (the row repeats the row above). */
  flags: Uint8Array;
  /** The rows' canonical form for the pixel digest (`PixelDigest.updateForm`). */
  form: Uint8Array;
  /** The last row, unfiltered. */
  last: Uint8Array;
  /**
   * The position of the first nonzero byte of `scanlines` in `[from, to)`, or `to`, as the kernels
   * found it where the rows are (a deflater skips the rows' zeros with it). Asked from a zero byte,
   * positions in increasing order, the way `RunDeflate` asks.
   */
  skipZeros?: (scanlines: Uint8Array, from: number, to: number) => number;
  /**
   * `panoptic`: per row, its number of runs of equal pixels, then each run's first column and
   * pixel (`R + 256·G + 256²·B`).
   */
  runs?: Int32Array;
}

/**
 * Rows the kernels convert as they read them: `index`, a byte a pixel (0 where red is 0, else the
 * byte of `byBChannel` at blue); `instance16`, 16 bits big-endian a pixel (red); `panoptic`, 8-bit
 * RGB, the pixel's instance (red, but 0 for a class that is stuff, 1 in `stuff`), its class (of
 * `classOfB` at blue; 0 where red is 0) and 0, with the rows' runs of equal pixels; all handed over
 * Up-filtered as `converted`. `labels`: each pixel's label and which labels each row holds, as
 * `labels`. With `convertedOnly`, nothing else of the strip is read (its RGB rows, `data`, are
 * then not given: its Up-filtered rows are not unfiltered where they are).
 */
export type RowConversion =
  & (
    | { kind: "index"; byBChannel: Uint8Array }
    | { kind: "instance16" }
    | { kind: "labels" }
    | { kind: "panoptic"; classOfB: Uint8Array; stuff: Uint8Array }
  )
  & { convertedOnly?: boolean };

/** Options of {@linkcode readPngRows}. */
export interface ReadPngRowsOptions {
  /** Rows per strip (a multiple of 8 for an interlaced image). Default: about 256 KiB of data. */
  stripRows?: number;
}

/** Bytes of a strip, as for the fast path's strips (measured there). */
const STRIP_BYTES = 256 * 1024;

/** One pass's own zlib stream, and its rows of the current strip (slot 0: the row above). */
interface PassCursor {
  pass: ScanlinePass;
  /** Its index among the passes: the order errors are reported in. */
  index: number;
  stream: InflateStream;
  rows: Uint8Array;
}

/** The first error of the decode, in the order decoding whole images reports them. */
interface Failure {
  /** The pass's index. */
  pass: number;
  /** 0: a bad filter type (all rows of a pass are unfiltered before any is converted), 1: a bad
   * palette index. */
  kind: number;
  error: PngError;
}

/**
 * Decodes a checked PNG of any flavour to 8-bit RGB as `decodePng` does, handing over the rows
 * strip by strip, top to bottom. The whole image data is always read, with the same checks and
 * messages as decoding it whole: a corrupt, truncated or oversized stream is reported as soon as
 * it is found; a bad filter type or palette index once the whole stream is known to be sound,
 * and then no more strips are handed over.
 *
 * @param png The checked PNG.
 * @param onRows Takes each strip of rows (its bytes are reused for the next strip).
 * @param options The strip size.
 * @throws {PngError} when the data is truncated, corrupt or longer than the image needs, a row
 * has an invalid filter type or a palette index is out of range.
 */
export function readPngRows(
  png: CheckedPng,
  onRows: (rows: RgbRows) => void,
  options: ReadPngRowsOptions = {},
): void {
  const { header, passes } = png;
  const { width, height } = header;
  const bitsPerPixel = CHANNELS_BY_COLOUR_TYPE[header.colourType] * header.bitDepth;
  const bytesPerPixel = Math.max(1, bitsPerPixel >> 3);
  const stripRows = options.stripRows ??
    defaultStripRows(passes[0].rowBytes, width, header.interlaced);
  const strip = { width, height: stripRows, data: new Uint8Array(stripRows * width * 3) };
  const writePass = createPassWriter(header, { palette: png.palette, image: strip });
  const cursors: PassCursor[] = [];
  try {
    for (const [index, pass] of passes.entries()) cursors.push(openCursor(png, pass, index));
    let failure: Failure | undefined;
    for (let first = 0; first < height; first += stripRows) {
      const end = Math.min(height, first + stripRows);
      for (const cursor of cursors) {
        const found = readStrip(png, cursor, { first, end, bytesPerPixel, writePass, failure });
        if (found !== undefined && (failure === undefined || isBefore(found, failure))) {
          failure = found;
        }
      }
      if (failure === undefined) {
        onRows({
          data: strip.data.subarray(0, (end - first) * width * 3),
          first,
          count: end - first,
        });
      }
    }
    if (readStream(cursors.at(-1)!.stream, new Uint8Array(1)) > 0) throw tooLarge(png);
    if (failure !== undefined) throw failure.error;
  } finally {
    for (const cursor of cursors) cursor.stream.close();
  }
}

/** Rows of about {@linkcode STRIP_BYTES}, raw or decoded (a 1-bit grey row is 24 times larger
 * decoded); at least 8 for an interlaced image, whose strips hold rows of every pass. */
function defaultStripRows(rowBytes: number, width: number, interlaced: boolean): number {
  const rows = Math.max(1, Math.floor(STRIP_BYTES / Math.max(rowBytes + 1, width * 3)));
  return interlaced ? Math.max(8, rows - (rows % 8)) : rows;
}

/** Opens a pass's stream and inflates the passes before it, which it drops. */
function openCursor(png: CheckedPng, pass: ScanlinePass, index: number): PassCursor {
  const stream = new InflateStream(png.compressed, { maxOutputLength: png.totalBytes + 1 });
  const cursor = { pass, index, stream, rows: new Uint8Array(0) };
  const scratch = new Uint8Array(Math.min(pass.offset, 64 * 1024));
  for (let skipped = 0; skipped < pass.offset;) {
    const want = Math.min(scratch.length, pass.offset - skipped);
    const got = readStream(stream, scratch.subarray(0, want));
    skipped += got;
    if (got < want) {
      stream.close();
      throw truncated(skipped, png);
    }
  }
  return cursor;
}

interface StripWork {
  first: number;
  end: number;
  bytesPerPixel: number;
  writePass: PassWriter;
  failure?: Failure;
}

/**
 * Inflates a pass's rows that fall in the strip `[first, end)`, unfilters them and writes their
 * pixels into the strip, unless an error found before makes them moot.
 *
 * @returns The error these rows hold, if any.
 */
function readStrip(png: CheckedPng, cursor: PassCursor, work: StripWork): Failure | undefined {
  const { pass } = cursor;
  const firstRow = rowOfPass(pass, work.first);
  const count = rowOfPass(pass, work.end) - firstRow;
  if (count <= 0) return undefined;
  const stride = pass.rowBytes + 1;
  if (cursor.rows.length < (count + 1) * stride) {
    const grown = new Uint8Array((count + 1) * stride);
    grown.set(cursor.rows.subarray(0, stride));
    cursor.rows = grown;
  }
  const { rows } = cursor;
  const got = readStream(cursor.stream, rows.subarray(stride, (count + 1) * stride));
  if (got < count * stride) throw truncated(pass.offset + firstRow * stride + got, png);
  const { failure } = work;
  // An error in an earlier pass, or a bad filter type earlier in this one, is reported first.
  if (
    failure &&
    (failure.pass < cursor.index || (failure.pass === cursor.index && failure.kind === 0))
  ) {
    return undefined;
  }
  const above = firstRow === 0 ? new Uint8Array(pass.rowBytes) : rows.subarray(1, stride);
  const { bytesPerPixel } = work;
  const bad = unfilterRows(rows, {
    at: stride,
    rows: count,
    rowBytes: pass.rowBytes,
    bytesPerPixel,
    above,
  });
  if (bad >= 0) {
    const error = invalidFilterError(rows[(bad + 1) * stride], firstRow + bad, pass.number);
    return { pass: cursor.index, kind: 0, error };
  }
  rows.copyWithin(0, count * stride, (count + 1) * stride);
  if (failure?.pass === cursor.index) return undefined;
  const y0 = pass.y0 + firstRow * pass.dy - work.first;
  try {
    // The rows sit from slot 1; the writer places them in the strip.
    work.writePass(rows, { ...pass, y0, height: count, offset: stride });
  } catch (error) {
    return { pass: cursor.index, kind: 1, error: error as PngError };
  }
  return undefined;
}

/** The number of the pass's first row at or below image row `y`. */
function rowOfPass(pass: ScanlinePass, y: number): number {
  if (y <= pass.y0) return 0;
  return Math.min(pass.height, Math.ceil((y - pass.y0) / pass.dy));
}

function isBefore(a: Failure, b: Failure): boolean {
  return a.pass < b.pass || (a.pass === b.pass && a.kind < b.kind);
}
