/**
 * A PNG encoder that takes its rows strip by strip: each strip is Up-filtered and handed to one
 * deflate stream (zlib's, or the mask-row encoder `RunDeflate`, which takes a row that repeats
 * the row above without reading it), so only the compressed file grows with the image, never a
 * buffer of its pixels. The bytes are exactly those of filtering and deflating the whole image at
 * once.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import { pngOfImageData } from "./png_file.ts";
import { DeflateStream } from "../flate/deflate_stream.ts";
import { RunDeflate } from "../flate/run_deflate.ts";
import type { PixelDigest } from "./pixel_digest.ts";
import type { ConvertedRows } from "./png_rows.ts";
import { deflateKernels, withDeflateKernels } from "./_deflate_kernels.ts";
import { UpFilter } from "./_up_filter.ts";
import { checkRowEncoderOptions } from "./_row_encoder_options.ts";

/** What {@linkcode PngRowEncoder} writes: a non-interlaced image of one colour type and depth. */
export interface PngRowEncoderOptions {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The bit depth: 8 or 16. */
  bitDepth: 8 | 16;
  /** The colour type: 0 grey, 2 RGB, 3 palette. */
  colourType: 0 | 2 | 3;
  /** For palette images: the PLTE chunk's RGB triplets. */
  palette?: Uint8Array;
  /** The zlib level, 0 to 9 (not used by the mask-row encoder). */
  level: number;
  /**
   * Which deflate encoder compresses the rows: `"zlib"` (at `level`), or `"mask-rows"`, made for
   * masks' flat regions (`RunDeflate`: runs of zeros once Up-filtered; a row that repeats the row
   * above costs a few steps), several times faster on masks, in other bytes of the same pixels.
   * Default: `"zlib"`.
   */
  deflater?: "zlib" | "mask-rows";
  /**
   * Also hashes the image's pixels, from the rows' Up differences the encoder computes (or the
   * canonical form of scanlines given ready, `writeScanlines`).
   */
  digest?: Pick<PixelDigest, "updateDifferences" | "updateForm">;
}

/** Raw bytes of the zero rows written at a time by {@linkcode PngRowEncoder.writeZeroRows}. */
const ZERO_BYTES = 64 * 1024;

/** No rows' flags: those of the deflater's call before the first. */
const NO_FLAGS = new Uint8Array(0);

/** Zero bytes every encoder of the thread reads (never writes): a `binary` mask has several. */
let sharedZeros = new Uint8Array(ZERO_BYTES);

/** At least `bytes` zero bytes, shared. */
function zerosOf(bytes: number): Uint8Array {
  if (sharedZeros.length < bytes) sharedZeros = new Uint8Array(bytes);
  return sharedZeros;
}

/**
 * Encodes a PNG from its rows, given top to bottom in strips of any size, with PNG's Up filter
 * on every row (masks are flat regions whose rows mostly repeat the row above).
 *
 * @example Two rows of a grey image, one at a time
 * ```ts
 * import { PngRowEncoder } from "./png_row_encoder.ts";
 *
 * using encoder = new PngRowEncoder({ width: 2, height: 2, bitDepth: 8, colourType: 0, level: 6 });
 * encoder.writeRows(new Uint8Array([0, 255]));
 * encoder.writeRows(new Uint8Array([255, 0]));
 * console.log(encoder.end()[25]); // 0 (colour type: grey)
 * ```
 */
export class PngRowEncoder {
  #options: PngRowEncoderOptions;
  #rowBytes: number;
  #deflate: DeflateStream | RunDeflate;
  /** The rows' Up filter, and the row above the next. */
  #up: UpFilter;
  #written = 0;
  /** What {@linkcode PngRowEncoder.writeScanlines} tells the deflater, one object for every call. */
  #scanlines: Parameters<RunDeflate["writeScanlines"]>[1] = {
    first: 0,
    stride: 0,
    count: 0,
    flags: NO_FLAGS,
    at: 0,
  };

  /**
   * Starts an image.
   *
   * @param options The image's size, format and zlib level.
   * @throws {TypeError} when an option is of the wrong type.
   * @throws {RangeError} when one is out of range, or the options make no PNG (a palette image
   * without its palette, or at 16 bits).
   */
  constructor(options: PngRowEncoderOptions) {
    checkRowEncoderOptions(options);
    this.#options = options;
    const channels = options.colourType === 2 ? 3 : 1;
    this.#rowBytes = options.width * channels * (options.bitDepth / 8);
    this.#up = new UpFilter(this.#rowBytes, options.digest);
    this.#deflate = options.deflater === "mask-rows"
      ? new RunDeflate({ pixelBytes: Math.min(3, channels * (options.bitDepth / 8)) })
      : new DeflateStream({ level: options.level });
  }

  /** Rows written so far. */
  get rowsWritten(): number {
    return this.#written;
  }

  /**
   * Filters and compresses the next rows; `samples` may change afterwards.
   *
   * @param samples Whole rows, back to back (16-bit samples big-endian).
   * @param repeats Per row, 1 where the caller knows it repeats the row above (the mask-row
   * encoder then neither filters nor reads it), 0 where not known.
   * @throws {PngError} when the bytes are not whole rows, or more rows than the image's height.
   */
  writeRows(samples: Uint8Array, repeats?: Uint8Array): void {
    const rowBytes = this.#rowBytes;
    const rows = samples.length / rowBytes;
    if (!Number.isInteger(rows) || this.#written + rows > this.#options.height) {
      throw new PngError(
        `${samples.length} bytes are not whole rows of ${rowBytes} bytes within the image's ` +
          `${this.#options.height - this.#written} rows left`,
      );
    }
    // zlib reads every scanline: only the mask-row encoder may skip the known repeats.
    const known = this.#deflate instanceof RunDeflate ? repeats : undefined;
    const up = this.#up;
    up.filter(samples, rows, known);
    const stride = rowBytes + 1;
    const deflate = this.#deflate;
    if (deflate instanceof RunDeflate) {
      deflate.writeScanlines(up.lines, { first: 0, stride, count: rows, flags: up.changed, at: 0 });
    } else deflate.write(up.lines.subarray(0, rows * stride));
    this.#written += rows;
  }

  /**
   * Compresses the next rows, given Up-filtered with their digest's form by the strip reader's
   * kernels (see `RowConversion`): nothing is filtered or compared here.
   *
   * @param rows The scanlines, which rows have no difference, the digest's form, the last row.
   * @throws {PngError} when the rows are not of this image's width, or more rows than its height.
   */
  writeScanlines(rows: ConvertedRows): void {
    const { scanlines, stride, count } = rows;
    if (stride !== this.#rowBytes + 1 || this.#written + count > this.#options.height) {
      throw new PngError(
        `${count} scanlines of ${stride} bytes are not rows of ${this.#rowBytes} bytes within ` +
          `the image's ${this.#options.height - this.#written} rows left`,
      );
    }
    const deflate = this.#deflate;
    if (deflate instanceof RunDeflate) {
      const { flags, skipZeros, form } = rows;
      // Where the kernels hold the rows, they find the rows' zeros from their form.
      const kernel = deflateKernels();
      const inKernels = kernel !== undefined && kernel.memory.buffer === form.buffer;
      const formAt = inKernels ? form.byteOffset - kernel.memory.byteOffset : undefined;
      const call = this.#scanlines;
      call.stride = stride;
      call.count = count;
      call.flags = flags;
      call.skipZeros = skipZeros;
      call.kernel = kernel;
      call.form = formAt;
      deflate.writeScanlines(scanlines, call);
    } else deflate.write(scanlines.subarray(0, count * stride));
    this.#options.digest?.updateForm(rows.form);
    if (count > 0) this.#up.follow(rows.last);
    this.#written += count;
  }

  /**
   * Writes rows of zeros (e.g. the rows above a label's first pixel, in a binary mask).
   *
   * @param count How many rows.
   */
  writeZeroRows(count: number): void {
    const perWrite = Math.max(1, Math.floor(ZERO_BYTES / this.#rowBytes));
    const zeros = zerosOf(perWrite * this.#rowBytes);
    const deflate = this.#deflate;
    if (deflate instanceof RunDeflate && count > 1 && !this.#up.isAboveZero()) {
      // Under a row that is not zeros, only the first row of zeros has differences.
      this.writeRows(zeros.subarray(0, this.#rowBytes));
      return this.writeZeroRows(count - 1);
    }
    if (
      deflate instanceof RunDeflate && this.#up.isAboveZero() &&
      this.#written + count <= this.#options.height
    ) {
      // Below a row of zeros, each row repeats the row above: nothing to filter or read; the
      // digest's form of such rows is 4 zero bytes each.
      deflate.zeroRows(2, this.#rowBytes, count);
      this.#options.digest?.updateForm(zerosOf(4 * count).subarray(0, 4 * count));
      this.#written += count;
      return;
    }
    for (let left = count; left > 0; left -= perWrite) {
      this.writeRows(zeros.subarray(0, Math.min(left, perWrite) * this.#rowBytes));
    }
  }

  /**
   * Ends the image.
   *
   * @returns The PNG file's bytes.
   * @throws {PngError} when fewer rows than the image's height were written.
   */
  end(): Uint8Array {
    const { height } = this.#options;
    if (this.#written !== height) {
      this.close();
      throw new PngError(`the image has ${height} rows but ${this.#written} were written`);
    }
    const deflate = this.#deflate;
    const stream = deflate instanceof RunDeflate
      ? withDeflateKernels((kernel) => deflate.end(kernel))
      : deflate.end();
    const png = pngOfImageData(this.#options, stream);
    // The file holds a copy of the stream: its buffer goes to the next mask's stream.
    if (deflate instanceof RunDeflate) deflate.release();
    return png;
  }

  /** Gives zlib's state back, when the image is abandoned. Safe to call twice. */
  close(): void {
    if (this.#deflate instanceof DeflateStream) this.#deflate.close();
  }

  /** Closes the encoder: `using encoder = new PngRowEncoder(options)`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
