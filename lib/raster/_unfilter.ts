/**
 * Reverses PNG's five scanline filters (None, Sub, Up, Average, Paeth), in place.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import type { ScanlinePass } from "./_adam7.ts";

/** Options of {@linkcode unfilterPass}. */
export interface UnfilterOptions {
  /** Bytes per complete pixel, rounded up to at least 1: the distance of the "left" byte. */
  bytesPerPixel: number;
}

/**
 * Reconstructs the rows of one pass in place: afterwards each row holds raw samples, and its
 * filter-type byte is left as it was.
 *
 * @param scanlines The inflated image data.
 * @param pass Where the pass's rows are.
 * @param options The filter's pixel distance.
 * @throws {PngError} when a row has a filter type other than 0 to 4.
 *
 * @example
 * ```ts
 * import { unfilterPass } from "./_unfilter.ts";
 *
 * // One row of three grey pixels with the Sub filter: 10, +5, +5.
 * const data = new Uint8Array([1, 10, 5, 5]);
 * const pass = { number: 0, x0: 0, y0: 0, dx: 1, dy: 1, width: 3, height: 1, rowBytes: 3, offset: 0 };
 * unfilterPass(data, pass, { bytesPerPixel: 1 });
 * console.log([...data.subarray(1)]); // [10, 15, 20]
 * ```
 */
export function unfilterPass(
  scanlines: Uint8Array,
  pass: ScanlinePass,
  options: UnfilterOptions,
): void {
  const { rowBytes, height } = pass;
  const bpp = options.bytesPerPixel;
  const stride = rowBytes + 1;
  const zeroRow = new Uint8Array(rowBytes);
  const d = scanlines;
  for (let y = 0; y < height; y++) {
    const filterAt = pass.offset + y * stride;
    const row = filterAt + 1;
    // The row above the first one is all zeros, as PNG defines.
    const above = y === 0 ? zeroRow : d;
    const up = y === 0 ? 0 : row - stride;
    switch (d[filterAt]) {
      case 0:
        break;
      case 1:
        for (let i = bpp; i < rowBytes; i++) d[row + i] += d[row + i - bpp];
        break;
      case 2:
        if (y > 0) { for (let i = 0; i < rowBytes; i++) d[row + i] += d[up + i]; }
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
        throw invalidFilterError(d[filterAt], y, pass.number);
    }
  }
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
