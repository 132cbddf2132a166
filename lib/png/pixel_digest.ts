/**
 * The SHA-256 of a mask's pixels in one canonical form, whatever the PNG's compression, filters
 * or chunking: what `pixelSha256` in a manifest entry's files holds.
 *
 * The canonical form is the ASCII header `lab-masks-pixels/2 <width> <height> <layout>\n`, then,
 * for `indexed8` only, the palette's RGB triplets, then each row top to bottom, as its
 * differences with the row above (each byte minus the byte above, modulo 256; above the first row
 * is a row of zeros): the row's differences are cut into pieces of 16 bytes from its first byte
 * (the last piece holds what is left when the row's length is not a multiple of 16); each piece
 * that is not all zeros is written as its number, counted from 1, in 4 bytes little-endian, then
 * its bytes; the row ends with 4 zero bytes. A mask changes little from one row to the next, so a
 * row costs a few pieces, and a row the same as the row above 4 bytes. The layouts:
 *
 * - `gray8`: one byte a pixel;
 * - `gray16`: two bytes a pixel, big-endian;
 * - `rgb8`: red, green, blue, a byte each;
 * - `indexed8/<n>`: one palette index a pixel, after the `n` palette entries (`3n` bytes).
 *
 * @module
 */

import { createHash } from "node:crypto";
import { Sha256 } from "../sha256.ts";
import type { PixelLayout } from "./pixel_layout.ts";
import { PixelPieces } from "./pixel_pieces.ts";

/** The canonical form's version: the first word of its header. */
export const PIXEL_FORM = "lab-masks-pixels/2";

/** Masks of at most this many pixels are hashed without `node:crypto` (see the constructor). */
const SMALL_IMAGE = 512 * 512;

/** The size and layout of the pixels a {@linkcode PixelDigest} hashes. */
export interface PixelDigestOptions {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The layout of each row. */
  layout: PixelLayout;
  /** `indexed8`: the palette's RGB triplets. */
  palette?: Uint8Array;
}

/**
 * Whether row `row` of a strip is the same as the row above it: `true` or `false` when the
 * caller knows (e.g. an Up-filtered row of zeros), `undefined` to let the digest compare.
 */
export type SameAsAbove = (row: number) => boolean | undefined;

/**
 * Hashes a mask's rows, given top to bottom, in the canonical form. One digest is fed either
 * rows (`update`, `updateRows`) or their differences (`updateDifferences`, `updateForm`), not
 * both: only rows tell the digest the row above the next.
 *
 * @example The digest of a 2×1 grey mask
 * ```ts
 * import { PixelDigest } from "@lab/masks/png";
 *
 * const digest = new PixelDigest({ width: 2, height: 1, layout: "gray8" });
 * digest.update(new Uint8Array([0, 1]));
 * console.log(digest.hex().length); // 64
 * ```
 */
export class PixelDigest {
  #hash: { update(data: Uint8Array | string): unknown };
  #digestHex: () => string;
  #rowBytes: number;
  /** The last row given (zeros before the first); `undefined` once differences were given. */
  #last: Uint8Array | undefined;
  /** The rows' pieces, staged for the hash. */
  #pieces: PixelPieces;

  /**
   * Starts the digest with the canonical header (and palette).
   *
   * @param options The size and layout.
   */
  constructor(options: PixelDigestOptions) {
    const { width, height, layout, palette } = options;
    const word = layout === "indexed8" ? `indexed8/${(palette?.length ?? 0) / 3}` : layout;
    // A small mask's form is hashed by `Sha256`, which leaves no native object behind for a full
    // collection to free (the cost of 100,000 small tasks); a large one's by `node:crypto`, about
    // eight times faster with the processor's SHA instructions.
    if (width * height <= SMALL_IMAGE) {
      const hash = new Sha256();
      this.#hash = hash;
      this.#digestHex = () => hash.digestHex();
    } else {
      const hash = createHash("sha256");
      this.#hash = hash;
      this.#digestHex = () => hash.digest("hex");
    }
    this.#hash.update(`${PIXEL_FORM} ${width} ${height} ${word}\n`);
    if (layout === "indexed8" && palette) this.#hash.update(palette);
    this.#rowBytes = width * (layout === "rgb8" ? 3 : layout === "gray16" ? 2 : 1);
    this.#last = new Uint8Array(this.#rowBytes);
    this.#pieces = new PixelPieces(this.#hash, this.#rowBytes);
  }

  /** The bytes of one row. */
  get rowBytes(): number {
    return this.#rowBytes;
  }

  /**
   * Adds whole rows given back to back.
   *
   * @param rows The rows' bytes.
   * @param sameAsAbove Which rows are the same as the row above, where the caller knows.
   */
  update(rows: Uint8Array, sameAsAbove?: SameAsAbove): void {
    const rowBytes = this.#rowBytes;
    this.updateRows(rows, 0, rowBytes, rowBytes === 0 ? 0 : rows.length / rowBytes, sameAsAbove);
  }

  /**
   * Adds `count` rows of a strip whose rows start `stride` bytes apart in `memory`.
   *
   * @param memory The bytes holding the rows.
   * @param at The first row's first byte.
   * @param stride The distance between rows.
   * @param count How many rows.
   * @param sameAsAbove Which rows are the same as the row above, where the caller knows.
   * @throws {RangeError} after differences were given.
   */
  updateRows(
    memory: Uint8Array,
    at: number,
    stride: number,
    count: number,
    sameAsAbove?: SameAsAbove,
  ): void {
    const last = this.#rowsOnly();
    const rowBytes = this.#rowBytes;
    for (let row = 0, p = at; row < count; row++, p += stride) {
      if (sameAsAbove?.(row) === true) this.#pieces.endRow();
      else if (row === 0) this.#pieces.addRow(memory, p, last, 0);
      else this.#pieces.addRow(memory, p, memory, p - stride);
    }
    if (count > 0) {
      const from = at + (count - 1) * stride;
      last.set(memory.subarray(from, from + rowBytes));
    }
  }

  /**
   * Adds `count` rows given as their differences with the row above (PNG's Up filter, without
   * the filter-type byte), `stride` bytes apart in `memory` from `at`.
   *
   * @param memory The bytes holding the differences.
   * @param at The first row's first byte.
   * @param stride The distance between rows.
   * @param count How many rows.
   * @param noDifference Which rows are known to be all zeros (they are not read).
   */
  updateDifferences(
    memory: Uint8Array,
    at: number,
    stride: number,
    count: number,
    noDifference?: (row: number) => boolean,
  ): void {
    this.#last = undefined;
    for (let row = 0, p = at; row < count; row++, p += stride) {
      if (noDifference?.(row) === true) this.#pieces.endRow();
      else this.#pieces.addRow(memory, p, undefined, 0);
    }
  }

  /**
   * Adds bytes of the canonical form as they are, e.g. written by the kernels
   * (`digestPieces`) from rows they hold.
   *
   * @param bytes The canonical form of whole rows.
   */
  updateForm(bytes: Uint8Array): void {
    this.#last = undefined;
    this.#pieces.flush();
    this.#hash.update(bytes);
  }

  /**
   * Ends the digest.
   *
   * @returns The SHA-256, 64 hex digits.
   */
  hex(): string {
    this.#pieces.flush();
    return this.#digestHex();
  }

  #rowsOnly(): Uint8Array {
    if (this.#last === undefined) {
      throw new RangeError("PixelDigest was given differences: it cannot take rows after them");
    }
    return this.#last;
  }
}
