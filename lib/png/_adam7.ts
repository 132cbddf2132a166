/**
 * Where each scanline lives in a PNG's inflated image data: one pass for a plain image, up to
 * seven reduced images for an Adam7-interlaced one.
 *
 * @module
 */

import { CHANNELS_BY_COLOUR_TYPE, type PngHeader } from "./_png_header.ts";

/** One reduced image (or the whole image) in the inflated data. */
export interface ScanlinePass {
  /** The Adam7 pass number, 1 to 7, or 0 for a non-interlaced image. */
  number: number;
  /** Column of the pass's first pixel in the full image. */
  x0: number;
  /** Row of the pass's first pixel in the full image. */
  y0: number;
  /** Columns between two pixels of the pass. */
  dx: number;
  /** Rows between two rows of the pass. */
  dy: number;
  /** Pixels per row of the pass. */
  width: number;
  /** Rows in the pass. */
  height: number;
  /** Bytes per row, without the filter-type byte. */
  rowBytes: number;
  /** Where the pass's first filter-type byte is in the inflated data. */
  offset: number;
}

/** The seven Adam7 passes as `[x0, y0, dx, dy]`. */
const ADAM7: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/**
 * Lays out the passes of an image's inflated data; empty Adam7 passes are left out.
 *
 * @param header The PNG's header.
 * @returns The passes in data order, and the exact length the inflated data must have.
 *
 * @example
 * ```ts
 * import { scanlinePasses } from "./_adam7.ts";
 *
 * const header = { width: 3, height: 2, bitDepth: 8, colourType: 2, interlaced: false };
 * console.log(scanlinePasses(header).totalBytes); // 20
 * ```
 */
export function scanlinePasses(header: PngHeader): { passes: ScanlinePass[]; totalBytes: number } {
  const bitsPerPixel = CHANNELS_BY_COLOUR_TYPE[header.colourType] * header.bitDepth;
  const grid = header.interlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  const passes: ScanlinePass[] = [];
  let offset = 0;
  grid.forEach(([x0, y0, dx, dy], index) => {
    const width = Math.ceil(Math.max(0, header.width - x0) / dx);
    const height = Math.ceil(Math.max(0, header.height - y0) / dy);
    if (width === 0 || height === 0) return;
    const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
    const number = header.interlaced ? index + 1 : 0;
    passes.push({ number, x0, y0, dx, dy, width, height, rowBytes, offset });
    offset += (rowBytes + 1) * height;
  });
  return { passes, totalBytes: offset };
}
