/**
 * Reverses PNG's five scanline filters (None, Sub, Up, Average, Paeth), in place, a strip of
 * rows at a time.
 *
 * @module
 */

import { PngError } from "../errors.ts";

/** Where the rows to unfilter are, and the row above the first. */
export interface UnfilterRows {
  /** Where the first row's filter-type byte is. */
  at: number;
  /** How many rows. */
  rows: number;
  /** Bytes per row, without the filter-type byte. */
  rowBytes: number;
  /** Bytes per complete pixel, rounded up to at least 1: the distance of the "left" byte. */
  bytesPerPixel: number;
  /** The unfiltered row above the first one: zeros for a pass's first row, as PNG defines. */
  above: Uint8Array;
}

/**
 * Reconstructs rows in place: afterwards each row holds raw samples, and its filter-type byte is
 * left as it was. Stops at the first row with a filter type other than 0 to 4.
 *
 * @param data The buffer holding the rows, each its filter-type byte then `rowBytes` bytes.
 * @param rows Where the rows are, and the row above the first.
 * @returns -1, or the index (from 0) of the first row with an invalid filter type.
 *
 * @example
 * ```ts
 * import { unfilterRows } from "./_unfilter.ts";
 *
 * // One row of three grey pixels with the Sub filter: 10, +5, +5.
 * const data = new Uint8Array([1, 10, 5, 5]);
 * const above = new Uint8Array(3);
 * unfilterRows(data, { at: 0, rows: 1, rowBytes: 3, bytesPerPixel: 1, above });
 * console.log([...data.subarray(1)]); // [10, 15, 20]
 * ```
 */
export function unfilterRows(data: Uint8Array, rows: UnfilterRows): number {
  const { rowBytes, bytesPerPixel: bpp } = rows;
  const stride = rowBytes + 1;
  const d = data;
  for (let y = 0; y < rows.rows; y++) {
    const filterAt = rows.at + y * stride;
    const row = filterAt + 1;
    // The first row's "above" is the row given; every later one's is the row before it.
    const above = y === 0 ? rows.above : d;
    const up = y === 0 ? 0 : row - stride;
    switch (d[filterAt]) {
      case 0:
        break;
      case 1:
        for (let i = bpp; i < rowBytes; i++) d[row + i] += d[row + i - bpp];
        break;
      case 2:
        for (let i = 0; i < rowBytes; i++) d[row + i] += above[up + i];
        break;
      case 3:
        for (let i = 0; i < bpp && i < rowBytes; i++) d[row + i] += above[up + i] >> 1;
        for (let i = bpp; i < rowBytes; i++) {
          d[row + i] += (d[row + i - bpp] + above[up + i]) >> 1;
        }
        break;
      case 4:
        for (let i = 0; i < bpp && i < rowBytes; i++) d[row + i] += above[up + i];
        for (let i = bpp; i < rowBytes; i++) {
          const a = d[row + i - bpp];
          const b = above[up + i];
          const c = above[up + i - bpp];
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - c - c);
          d[row + i] += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        break;
      default:
        return y;
    }
  }
  return -1;
}

/**
 * The error for a row whose filter-type byte is not one of PNG's five.
 *
 * @param type The byte found.
 * @param row The row, counted within its pass.
 * @param pass The Adam7 pass number, or 0 for a non-interlaced image.
 * @returns The error to throw.
 */
export function invalidFilterError(type: number, row: number, pass: number): PngError {
  const where = pass === 0 ? `row ${row}` : `row ${row} of Adam7 pass ${pass}`;
  return new PngError(`the PNG has an invalid filter type ${type} on ${where}; PNG defines 0 to 4`);
}
