/**
 * PNG's Up filter for an encoder that takes its rows strip by strip: each row minus the row above
 * (the last row of the strip before, for a strip's first row), into scanlines with their filter
 * type, noting which rows repeat the row above. Rows of whole 32-bit words are filtered four bytes
 * at a time.
 *
 * @module
 */

import type { PixelDigest } from "./pixel_digest.ts";

/** The high bit of each byte of a 32-bit word, and the other bits. */
const HIGH_BITS = 0x80808080 | 0;
const LOW_BITS = 0x7f7f7f7f;

/** For the digest: a row without differences, and one with. */
const none = () => true;
const some = () => false;

/**
 * The Up filter of an image's rows: the last strip's scanlines, which of its rows repeat the row
 * above, and the row above the next strip.
 *
 * @example Two rows of two bytes
 * ```ts
 * import { UpFilter } from "./_up_filter.ts";
 *
 * const up = new UpFilter(2);
 * up.filter(new Uint8Array([5, 7, 5, 7]), 2);
 * console.log([...up.lines.subarray(0, 6)]); // [2, 5, 7, 2, 0, 0]
 * console.log([...up.changed.subarray(0, 2)]); // [1, 0]: the second row repeats the first
 * ```
 */
export class UpFilter {
  #rowBytes: number;
  #digest?: Pick<PixelDigest, "updateDifferences">;
  /** The last row filtered, raw: the row above the next. */
  #previous: Uint8Array;
  /** Whether `#previous` is all zeros; `undefined` until asked after a write. */
  #previousZero: boolean | undefined = true;
  #lines = new Uint8Array(0);
  /** Per row of the last strip: 0 when it repeats the row above. */
  #changed = new Uint8Array(0);
  /** One filtered row, word-aligned (see `#upFilterWords`). */
  #difference = new Int32Array(0);
  #differenceBytes = new Uint8Array(0);

  /**
   * Starts an image, whose first row has a row of zeros above.
   *
   * @param rowBytes The bytes of a row.
   * @param digest Hashes the rows' pixels from the differences the filter computes.
   */
  constructor(rowBytes: number, digest?: Pick<PixelDigest, "updateDifferences">) {
    this.#rowBytes = rowBytes;
    this.#digest = digest;
    this.#previous = new Uint8Array(rowBytes);
  }

  /** The last strip's scanlines, each its filter type (2, Up) and its differences. */
  get lines(): Uint8Array {
    return this.#lines;
  }

  /** Per row of the last strip: 0 when it repeats the row above, else 1. */
  get changed(): Uint8Array {
    return this.#changed;
  }

  /**
   * Filters the next rows into {@linkcode lines}, noting in {@linkcode changed} which repeat the
   * row above; `samples` may change afterwards.
   *
   * @param samples Whole rows, back to back.
   * @param rows How many.
   * @param repeats Per row, 1 where the row is known to repeat the row above (it is not filtered).
   */
  filter(samples: Uint8Array, rows: number, repeats?: Uint8Array): void {
    const rowBytes = this.#rowBytes;
    const stride = rowBytes + 1;
    if (this.#lines.length < rows * stride) this.#lines = new Uint8Array(rows * stride);
    if (this.#changed.length < rows) this.#changed = new Uint8Array(rows);
    const aligned = rowBytes % 4 === 0 && samples.byteOffset % 4 === 0;
    if (aligned) this.#upFilterWords(samples, rows, repeats);
    else this.#upFilterBytes(samples, rows, repeats);
    const changed = this.#changed;
    if (rows > 0) this.follow(samples.subarray(samples.length - rowBytes));
    // The word filter hands each row's differences over as it makes them, word-aligned.
    if (!aligned) {
      this.#digest?.updateDifferences(this.#lines, 1, stride, rows, (row) => changed[row] === 0);
    }
  }

  /**
   * Takes the row above the next from rows filtered elsewhere.
   *
   * @param last The last row written, raw.
   */
  follow(last: Uint8Array): void {
    this.#previous.set(last);
    this.#previousZero = undefined;
  }

  /**
   * Whether the row above the next is all zeros (found out when first asked after a write).
   *
   * @returns `true` when it is.
   */
  isAboveZero(): boolean {
    if (this.#previousZero === undefined) {
      // Four bytes at a time (the row has a buffer of its own), the last few one by one.
      const previous = this.#previous;
      const words = new Int32Array(previous.buffer, 0, previous.length >> 2);
      let any = 0;
      for (let i = 0; i < words.length && any === 0; i++) any |= words[i];
      for (let i = words.length * 4; i < previous.length; i++) any |= previous[i];
      this.#previousZero = any === 0;
    }
    return this.#previousZero;
  }

  /**
   * The Up filter, a byte at a time; notes which rows repeat the row above (those `repeats` gives
   * are not filtered).
   */
  #upFilterBytes(samples: Uint8Array, rows: number, repeats?: Uint8Array): void {
    const rowBytes = this.#rowBytes;
    const stride = rowBytes + 1;
    const lines = this.#lines;
    const changed = this.#changed;
    let above = this.#previous;
    let up = 0;
    for (let y = 0, at = 0, s = 0; y < rows; y++, at += stride, s += rowBytes) {
      changed[y] = 0;
      lines[at] = 2;
      if (repeats?.[y] !== 1) {
        let any = 0;
        for (let i = 0; i < rowBytes; i++) {
          const difference = samples[s + i] - above[up + i];
          lines[at + 1 + i] = difference;
          any |= difference;
        }
        changed[y] = any === 0 ? 0 : 1;
      }
      above = samples;
      up = s;
    }
  }

  /**
   * The Up filter four bytes at a time, for rows of whole 32-bit words: each byte's difference
   * modulo 256 without carries between bytes (the high bits apart, then put back), into a
   * word-aligned row copied after the row's filter type; notes which rows repeat the row above
   * (those `repeats` gives are not filtered).
   */
  #upFilterWords(samples: Uint8Array, rows: number, repeats?: Uint8Array): void {
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
    const digest = this.#digest;
    const here = new Int32Array(samples.buffer, samples.byteOffset, rows * words);
    let above = new Int32Array(this.#previous.buffer, 0, words);
    let up = 0;
    for (let y = 0, at = 0, s = 0; y < rows; y++, at += stride, s += words) {
      changed[y] = 0;
      lines[at] = 2;
      if (repeats?.[y] !== 1) {
        let any = 0;
        for (let i = 0; i < words; i++) {
          const a = here[s + i];
          const b = above[up + i];
          const d = (((a | HIGH_BITS) - (b & LOW_BITS)) | 0) ^ ((a ^ ~b) & HIGH_BITS);
          difference[i] = d;
          any |= d;
        }
        lines.set(this.#differenceBytes, at + 1);
        changed[y] = any === 0 ? 0 : 1;
      }
      digest?.updateDifferences(this.#differenceBytes, 0, 0, 1, changed[y] === 0 ? none : some);
      above = here;
      up = s;
    }
  }
}
