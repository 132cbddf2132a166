/**
 * How a mask's pixels are laid out in the canonical form of the pixel digest, by the PNG flavours
 * this tool writes.
 *
 * @module
 */

/** How a mask's pixels are laid out in its canonical form. */
export type PixelLayout = "gray8" | "gray16" | "rgb8" | "indexed8";

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
