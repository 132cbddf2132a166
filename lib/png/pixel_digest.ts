/**
 * The SHA-256 of a mask's pixels in one canonical form, whatever the PNG's compression, filters
 * or chunking: what `pixelSha256` in a manifest entry's files holds.
 *
 * The canonical form is the ASCII header `lab-masks-pixels/1 <width> <height> <layout>\n`, then,
 * for `indexed8` only, the palette's RGB triplets, then each row top to bottom, as decoded (no
 * filter byte): the byte `0` alone when the row is the same as the row above (above the first
 * row is a row of zeros, as in PNG), else the byte `1` and the row's bytes. Masks repeat rows a
 * lot, so most rows cost one byte. The layouts:
 *
 * - `gray8`: one byte a pixel;
 * - `gray16`: two bytes a pixel, big-endian;
 * - `rgb8`: red, green, blue, a byte each;
 * - `indexed8/<n>`: one palette index a pixel, after the `n` palette entries (`3n` bytes).
 *
 * @module
 */

import { createHash, type Hash } from "node:crypto";

/** How a mask's pixels are laid out in its canonical form. */
export type PixelLayout = "gray8" | "gray16" | "rgb8" | "indexed8";

/** The canonical form's version: the first word of its header. */
export const PIXEL_FORM = "lab-masks-pixels/1";

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
 * Bytes gathered before each hash update: the canonical form (a row the same as the row above is
 * one `0`; another, `1` then its bytes) is handed to the hash a strip at a time, not two calls a
 * row (each call into `node:crypto` costs more than copying a row).
 */
const STAGE_BYTES = 64 * 1024;

/**
 * Hashes a mask's rows, given top to bottom, in the canonical form.
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
  #hash: Hash;
  #rowBytes: number;
  /** The last row hashed (zeros before the first). */
  #last: Uint8Array;
  /** The canonical form's bytes not hashed yet: `#stage[0..#staged)`. */
  #stage: Uint8Array;
  #staged = 0;

  /**
   * Starts the digest with the canonical header (and palette).
   *
   * @param options The size and layout.
   */
  constructor(options: PixelDigestOptions) {
    const { width, height, layout, palette } = options;
    const word = layout === "indexed8" ? `indexed8/${(palette?.length ?? 0) / 3}` : layout;
    this.#hash = createHash("sha256").update(`${PIXEL_FORM} ${width} ${height} ${word}\n`);
    if (layout === "indexed8" && palette) this.#hash.update(palette);
    this.#rowBytes = width * (layout === "rgb8" ? 3 : layout === "gray16" ? 2 : 1);
    this.#last = new Uint8Array(this.#rowBytes);
    this.#stage = new Uint8Array(Math.max(STAGE_BYTES, this.#rowBytes + 1));
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
   */
  updateRows(
    memory: Uint8Array,
    at: number,
    stride: number,
    count: number,
    sameAsAbove?: SameAsAbove,
  ): void {
    const rowBytes = this.#rowBytes;
    let changed = -1;
    for (let row = 0, p = at; row < count; row++, p += stride) {
      const known = sameAsAbove?.(row);
      const same = known ??
        (row === 0
          ? sameBytes(memory, p, this.#last, 0, rowBytes)
          : sameBytes(memory, p, memory, p - stride, rowBytes));
      if (this.#staged + 1 + rowBytes > this.#stage.length) this.#flush();
      if (same) {
        this.#stage[this.#staged++] = 0;
        continue;
      }
      this.#stage[this.#staged] = 1;
      this.#stage.set(memory.subarray(p, p + rowBytes), this.#staged + 1);
      this.#staged += 1 + rowBytes;
      changed = row;
    }
    // The row above the next call's first: the last changed row (the rows after it repeat it).
    if (changed >= 0) {
      const from = at + changed * stride;
      this.#last.set(memory.subarray(from, from + rowBytes));
    }
  }

  /**
   * Ends the digest.
   *
   * @returns The SHA-256, 64 hex digits.
   */
  hex(): string {
    this.#flush();
    return this.#hash.digest("hex");
  }

  #flush(): void {
    if (this.#staged > 0) this.#hash.update(this.#stage.subarray(0, this.#staged));
    this.#staged = 0;
  }
}

/** Whether `length` bytes at `a[i]` and `b[j]` are the same. */
function sameBytes(a: Uint8Array, i: number, b: Uint8Array, j: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/**
 * The canonical layout of a PNG's colour type and bit depth, as this tool writes masks.
 *
 * @param colourType The PNG colour type.
 * @param bitDepth The PNG bit depth.
 * @returns The layout, or `undefined` for a flavour that has none (it is hashed as `rgb8`).
 *
 * @example
 * ```ts
 * import { pixelLayoutOf } from "@lab/masks/png";
 *
 * console.log(pixelLayoutOf(0, 16), pixelLayoutOf(6, 8)); // "gray16" undefined
 * ```
 */
export function pixelLayoutOf(colourType: number, bitDepth: number): PixelLayout | undefined {
  if (colourType === 0 && bitDepth === 8) return "gray8";
  if (colourType === 0 && bitDepth === 16) return "gray16";
  if (colourType === 2 && bitDepth === 8) return "rgb8";
  if (colourType === 3 && bitDepth === 8) return "indexed8";
  return undefined;
}
