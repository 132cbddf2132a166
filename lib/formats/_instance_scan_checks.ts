/**
 * The checks of what a `MaskInstanceScanner` is given: a mask's size whose pixels its runs can
 * count, a class table for every blue value, and rows that are the image's. A wrong one is refused
 * by name, before anything is read out of bounds.
 *
 * @module
 */

import { checkArgumentType, type OptionType, wholeNumber } from "../option_types.ts";
import type { InstanceRows } from "./mask_instance_scanner.ts";

/** The most pixels a mask's runs count (32-bit positions), and so the longest run. */
export const MOST_PIXELS = 2 ** 31 - 1;

/** A side of a mask. */
const SIDE = wholeNumber(1, MOST_PIXELS);

/** A class for each blue value, 0 to 255. */
const CLASS_TABLE: OptionType = {
  expects: "a list of 256 classes, one for each blue value",
  is: (value) =>
    typeof value === "object" && value !== null &&
    typeof (value as ArrayLike<number>).length === "number",
  inRange: (value) => (value as ArrayLike<number>).length >= 256,
};

/**
 * Checks a scanner's mask size and class table.
 *
 * @param width The mask's width.
 * @param height Its height.
 * @param classOfBChannel Its class table.
 * @throws {TypeError} naming an argument of the wrong type.
 * @throws {RangeError} naming one out of range, or a mask of more than 2^31 - 1 pixels.
 *
 * @example
 * ```ts
 * import { checkScanSize } from "./_instance_scan_checks.ts";
 *
 * checkScanSize(1920, 1080, new Uint8Array(256)); // passes
 * ```
 */
export function checkScanSize(
  width: number,
  height: number,
  classOfBChannel: ArrayLike<number>,
): void {
  checkArgumentType(width, "width", SIDE);
  checkArgumentType(height, "height", SIDE);
  if (width * height > MOST_PIXELS) {
    throw new RangeError(
      `a mask of ${width}×${height} has more than ${MOST_PIXELS} pixels, which its runs cannot count`,
    );
  }
  checkArgumentType(classOfBChannel, "classOfBChannel", CLASS_TABLE);
}

/**
 * Checks a strip of rows against the image: whole rows of `width * channels` bytes, `stride`
 * apart, within its height, with as many bytes a pixel as the strips before.
 *
 * @param rows The strip.
 * @param width The image's width.
 * @param rowsLeft The rows of the image not taken yet.
 * @param before The bytes a pixel of the strips before: 0 for the first strip.
 * @returns The strip's bytes a pixel and the distance between its rows.
 * @throws {TypeError} when the rows' bytes are not a `Uint8Array`.
 * @throws {RangeError} when there are fewer bytes than rows, more rows than the image has left,
 * bytes a pixel other than 3 or 4 or than the strips before, or rows closer than their bytes.
 *
 * @example
 * ```ts
 * import { checkInstanceRows } from "./_instance_scan_checks.ts";
 *
 * checkInstanceRows({ data: new Uint8Array(6), first: 0, count: 1 }, 2, 1, { channels: 0 }); // { channels: 3, stride: 6 }
 * ```
 */
export function checkInstanceRows(
  rows: InstanceRows,
  width: number,
  rowsLeft: number,
  before: { channels: 0 | 3 | 4 },
): { channels: 3 | 4; stride: number } {
  const { data, count, channels = 3 } = rows;
  if (!(data instanceof Uint8Array)) {
    throw new TypeError("rows.data must be a Uint8Array of the rows' RGB bytes");
  }
  if (!(Number.isInteger(count) && count >= 0 && count <= rowsLeft)) {
    throw new RangeError(`rows.count must be a whole number from 0 to ${rowsLeft}; got ${count}`);
  }
  if (channels !== 3 && channels !== 4 || (before.channels !== 0 && channels !== before.channels)) {
    const expected = before.channels === 0 ? "3 or 4" : `${before.channels}, as the strips before`;
    throw new RangeError(`rows.channels must be ${expected}; got ${channels}`);
  }
  const rowBytes = width * channels;
  const stride = rows.stride ?? rowBytes;
  if (!(Number.isInteger(stride) && stride >= rowBytes)) {
    throw new RangeError(`rows.stride must be a whole number from ${rowBytes}; got ${stride}`);
  }
  const needed = count === 0 ? 0 : (count - 1) * stride + rowBytes;
  if (data.length < needed) {
    throw new RangeError(
      `rows.data holds ${data.length} bytes, fewer than ${count} rows of ${rowBytes}` +
        (stride === rowBytes ? "" : ` bytes ${stride} apart (${needed})`),
    );
  }
  return { channels, stride };
}
