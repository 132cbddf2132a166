/**
 * The check of {@linkcode PngRowEncoder}'s options: an image PNG can hold, in a form the encoder
 * writes. A wrong one is refused by name, never written into a file no decoder reads.
 *
 * @module
 */

import {
  checkOptionTypes,
  oneOf,
  type OptionType,
  type OptionTypes,
  wholeNumber,
  withMethods,
} from "../option_types.ts";
import type { PngRowEncoderOptions } from "./png_row_encoder.ts";
import { MAX_DIMENSION } from "./_png_header.ts";

/** A PNG's width or height: 1 to 2^31 - 1 pixels (the format's limit). */
const SIDE = wholeNumber(1, MAX_DIMENSION);

/** A palette: RGB triplets, 1 to 256 of them. */
const PALETTE: OptionType = {
  expects: "a Uint8Array of 1 to 256 RGB triplets",
  is: (value) => value instanceof Uint8Array,
  inRange: (value) => {
    const { length } = value as Uint8Array;
    return length % 3 === 0 && length >= 3 && length <= 768;
  },
};

const TYPES: OptionTypes<PngRowEncoderOptions> = {
  width: { ...SIDE, required: true },
  height: { ...SIDE, required: true },
  bitDepth: { ...oneOf([8, 16]), required: true },
  colourType: { ...oneOf([0, 2, 3]), required: true },
  palette: PALETTE,
  level: { ...wholeNumber(0, 9), required: true },
  deflater: oneOf(["zlib", "mask-rows"]),
  digest: withMethods("a pixel digest", ["updateDifferences", "updateForm"]),
};

/**
 * Checks an encoder's options: each one's type and range, then what PNG allows together (a
 * palette image is 8-bit and has its palette).
 *
 * @param options The options as given.
 * @throws {TypeError} naming an option of the wrong type.
 * @throws {RangeError} naming one out of range, or a palette image without its palette or at 16
 * bits.
 *
 * @example
 * ```ts
 * import { checkRowEncoderOptions } from "./_row_encoder_options.ts";
 *
 * try {
 *   checkRowEncoderOptions({ width: 2, height: 2, bitDepth: 8, colourType: 3, level: 6 });
 * } catch (error) {
 *   console.log((error as Error).message); // "options.palette must be given with colourType 3 (a palette image)"
 * }
 * ```
 */
export function checkRowEncoderOptions(options: PngRowEncoderOptions): void {
  checkOptionTypes(options, TYPES);
  if (options.colourType !== 3) return;
  if (options.palette === undefined) {
    throw new RangeError("options.palette must be given with colourType 3 (a palette image)");
  }
  if (options.bitDepth !== 8) {
    throw new RangeError(`options.bitDepth must be 8 with colourType 3; got ${options.bitDepth}`);
  }
}
