/**
 * A PNG encoder that takes its rows strip by strip: each strip is Up-filtered and handed to one
 * zlib deflate stream, so only the compressed file grows with the image, never a buffer of its
 * pixels. The bytes are exactly those of filtering and deflating the whole image at once.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import { pngOfImageData } from "./png_file.ts";
import { DeflateStream } from "../flate/zlib_streams.ts";

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
  /** The zlib level, 0 to 9. */
  level: number;
  /**
   * Also gets every row as written, unfiltered (e.g. to hash the image's pixels), with which rows
   * are the same as the row above.
   */
  pixels?: { update(rows: Uint8Array, sameAsAbove?: (row: number) => boolean): void };
}

/** The high bit of each byte of a 32-bit word, and the other bits. */
const HIGH_BITS = 0x80808080 | 0;
const LOW_BITS = 0x7f7f7f7f;

/** Raw bytes of the zero rows written at a time by {@linkcode PngRowEncoder.writeZeroRows}. */
const ZERO_BYTES = 64 * 1024;

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
  #deflate: DeflateStream;
  /** The last row written, raw: the Up filter's row above. */
  #previous: Uint8Array;
  #lines = new Uint8Array(0);
  #zeros?: Uint8Array;
  /** Per row of the last strip: 0 when it repeats the row above. */
  #changed = new Uint8Array(0);
  #written = 0;
  /** One filtered row, word-aligned (see `#upFilterWords`). */
  #difference = new Int32Array(0);
  #differenceBytes = new Uint8Array(0);

  /**
   * Starts an image.
   *
   * @param options The image's size, format and zlib level.
   */
  constructor(options: PngRowEncoderOptions) {
    this.#options = options;
    const channels = options.colourType === 2 ? 3 : 1;
    this.#rowBytes = options.width * channels * (options.bitDepth / 8);
    this.#previous = new Uint8Array(this.#rowBytes);
    this.#deflate = new DeflateStream({ level: options.level });
  }

  /** Rows written so far. */
  get rowsWritten(): number {
    return this.#written;
  }

  /**
   * Filters and compresses the next rows; `samples` may change afterwards.
   *
   * @param samples Whole rows, back to back (16-bit samples big-endian).
   * @throws {PngError} when the bytes are not whole rows, or more rows than the image's height.
   */
  writeRows(samples: Uint8Array): void {
    const rowBytes = this.#rowBytes;
    const rows = samples.length / rowBytes;
    if (!Number.isInteger(rows) || this.#written + rows > this.#options.height) {
      throw new PngError(
        `${samples.length} bytes are not whole rows of ${rowBytes} bytes within the image's ` +
          `${this.#options.height - this.#written} rows left`,
      );
    }
    const stride = rowBytes + 1;
    if (this.#lines.length < rows * stride) this.#lines = new Uint8Array(rows * stride);
    if (this.#changed.length < rows) this.#changed = new Uint8Array(rows);
    if (rowBytes % 4 === 0 && samples.byteOffset % 4 === 0) this.#upFilterWords(samples, rows);
    else this.#upFilterBytes(samples, rows);
    const changed = this.#changed;
    if (rows > 0) this.#previous.set(samples.subarray(samples.length - rowBytes));
    this.#options.pixels?.update(samples, (row) => changed[row] === 0);
    this.#deflate.write(this.#lines.subarray(0, rows * stride));
    this.#written += rows;
  }

  /** The Up filter, a byte at a time; notes which rows repeat the row above. */
  #upFilterBytes(samples: Uint8Array, rows: number): void {
    const rowBytes = this.#rowBytes;
    const stride = rowBytes + 1;
    const lines = this.#lines;
    const changed = this.#changed;
    let above = this.#previous;
    let up = 0;
    for (let y = 0, at = 0, s = 0; y < rows; y++, at += stride, s += rowBytes) {
      lines[at] = 2;
      let any = 0;
      for (let i = 0; i < rowBytes; i++) {
        const difference = samples[s + i] - above[up + i];
        lines[at + 1 + i] = difference;
        any |= difference;
      }
      changed[y] = any === 0 ? 0 : 1;
      above = samples;
      up = s;
    }
  }

  /**
   * The Up filter four bytes at a time, for rows of whole 32-bit words: each byte's difference
   * modulo 256 without carries between bytes (the high bits apart, then put back), into a
   * word-aligned row copied after the row's filter type; notes which rows repeat the row above.
   */
  #upFilterWords(samples: Uint8Array, rows: number): void {
    const rowBytes = this.#rowBytes;
    const words = rowBytes >> 2;
    const stride = rowBytes + 1;
    const lines = this.#lines;
    const changed = this.#changed;
    if (this.#difference.length !== words) {
      this.#difference = new Int32Array(words);
      this.#differenceBytes = new Uint8Array(this.#difference.buffer);
    }
    const difference = this.#difference;
    const here = new Int32Array(samples.buffer, samples.byteOffset, rows * words);
    let above = new Int32Array(this.#previous.buffer, 0, words);
    let up = 0;
    for (let y = 0, at = 0, s = 0; y < rows; y++, at += stride, s += words) {
      let any = 0;
      for (let i = 0; i < words; i++) {
        const a = here[s + i];
        const b = above[up + i];
        const d = (((a | HIGH_BITS) - (b & LOW_BITS)) | 0) ^ ((a ^ ~b) & HIGH_BITS);
        difference[i] = d;
        any |= d;
      }
      lines[at] = 2;
      lines.set(this.#differenceBytes, at + 1);
      changed[y] = any === 0 ? 0 : 1;
      above = here;
      up = s;
    }
  }

  /**
   * Writes rows of zeros (e.g. the rows above a label's first pixel, in a binary mask).
   *
   * @param count How many rows.
   */
  writeZeroRows(count: number): void {
    const perWrite = Math.max(1, Math.floor(ZERO_BYTES / this.#rowBytes));
    const zeros = this.#zeros ??= new Uint8Array(perWrite * this.#rowBytes);
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
    return pngOfImageData(this.#options, this.#deflate.end());
  }

  /** Gives zlib's state back, when the image is abandoned. Safe to call twice. */
  close(): void {
    this.#deflate.close();
  }

  /** Closes the encoder: `using encoder = new PngRowEncoder(options)`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
