/**
 * The SHA-256 of a mask's pixels in one canonical form, whatever the PNG's compression, filters
 * or chunking: what `pixelSha256` in a manifest entry's files holds.
 *
 * The canonical form is the ASCII header `lab-masks-pixels/1 <width> <height> <layout>\n`, then,
 * for `indexed8` only, the palette's RGB triplets, then the rows top to bottom as decoded, with
 * no filter bytes. The layouts:
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
  #zeros?: Uint8Array;

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
  }

  /** The bytes of one row. */
  get rowBytes(): number {
    return this.#rowBytes;
  }

  /**
   * Adds rows (or a part of them: the bytes are hashed as a stream).
   *
   * @param bytes The rows' bytes, back to back.
   */
  update(bytes: Uint8Array): void {
    this.#hash.update(bytes);
  }

  /**
   * Adds `count` rows of a strip whose rows start `stride` bytes apart in `memory`.
   *
   * @param memory The bytes holding the rows.
   * @param at The first row's first byte.
   * @param stride The distance between rows.
   * @param count How many rows.
   */
  updateRows(memory: Uint8Array, at: number, stride: number, count: number): void {
    const rowBytes = this.#rowBytes;
    if (stride === rowBytes) {
      return void this.#hash.update(memory.subarray(at, at + count * rowBytes));
    }
    for (let row = 0, p = at; row < count; row++, p += stride) {
      this.#hash.update(memory.subarray(p, p + rowBytes));
    }
  }

  /**
   * Adds `count` rows of zeros.
   *
   * @param count How many rows.
   */
  zeroRows(count: number): void {
    const zeros = this.#zeros ??= new Uint8Array(Math.max(this.#rowBytes, 64 * 1024));
    let left = count * this.#rowBytes;
    while (left > 0) {
      const take = Math.min(left, zeros.length);
      this.#hash.update(zeros.subarray(0, take));
      left -= take;
    }
  }

  /**
   * Ends the digest.
   *
   * @returns The SHA-256, 64 hex digits.
   */
  hex(): string {
    return this.#hash.digest("hex");
  }
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
