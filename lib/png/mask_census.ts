/**
 * The census of a mask's pixels that its statistics are made from, counted by the SIMD kernels
 * where the pixels already are (the rows a transcode just unfiltered), or over a decoded image.
 *
 * @module
 */

import { align16, type KernelExports, SLACK, withKernels } from "./kernels.ts";
import type { RgbImage } from "./rgb_image.ts";

/** What a mask's pixels hold, in the platform's convention (`R` instance id, `B` bChannel). */
export interface MaskCensus {
  /** 256 flags by B value: 1 when a labelled pixel (`R >= 1`) has that B. */
  bSeen: Uint8Array;
  /** 256 entries by instance id R: the B of its first pixel in raster order, -1 when none. */
  firstB: Int16Array;
}

/** The bytes a census needs in the kernels' memory: its two tables. */
export const CENSUS_BYTES = 256 + 512;

/** Rows of pixels in the kernels' memory, and where the census tables go. */
export interface CensusRows {
  /** The first pixel of the first row. */
  ptr: number;
  /** Bytes from one row's start to the next one's. */
  stride: number;
  /** How many rows. */
  rows: number;
  /** Pixels per row. */
  width: number;
  /** Bytes per pixel: 3 (RGB) or 4 (RGBA). */
  channels: number;
  /** A row of zero bytes (plus 16), the row above the first. */
  zero: number;
  /** {@linkcode CENSUS_BYTES} bytes for the tables, at an even offset. */
  tables: number;
}

/**
 * Counts the census of rows already in the kernels' memory. The 16 bytes after the last row
 * must be readable.
 *
 * @param kernels The kernels.
 * @param memory A view of their whole memory.
 * @param rows Where the rows and the tables are.
 * @returns The census, in arrays of its own.
 */
export function censusOfRows(
  kernels: KernelExports,
  memory: Uint8Array,
  rows: CensusRows,
): MaskCensus {
  const { ptr, stride, width, channels, zero, tables } = rows;
  clearCensus(memory, tables);
  kernels.census(ptr, stride, rows.rows, width, channels, zero, tables, tables + 256);
  return readCensus(memory, tables);
}

/**
 * Empties the census tables, before a kernel counts into them.
 *
 * @param memory A view of the kernels' whole memory.
 * @param tables Where the tables are.
 */
export function clearCensus(memory: Uint8Array, tables: number): void {
  memory.fill(0, tables, tables + CENSUS_BYTES);
}

/**
 * Reads the census tables a kernel counted into.
 *
 * @param memory A view of the kernels' whole memory.
 * @param tables Where the tables are.
 * @returns The census, in arrays of its own.
 */
export function readCensus(memory: Uint8Array, tables: number): MaskCensus {
  const bSeen = memory.slice(tables, tables + 256);
  const firstB = new Int16Array(256);
  // Stored as B + 1 in little-endian 16 bits (B is at most 255: the high byte is 0 or 1).
  for (let r = 0, at = tables + 256; r < 256; r++, at += 2) {
    firstB[r] = memory[at] + (memory[at + 1] << 8) - 1;
  }
  return { bSeen, firstB };
}

/**
 * An empty census, to count strips of rows into with {@linkcode addToCensus}.
 *
 * @returns The census of no pixels.
 */
export function emptyCensus(): MaskCensus {
  return { bSeen: new Uint8Array(256), firstB: new Int16Array(256).fill(-1) };
}

/**
 * Counts the next rows of a mask, in raster order, into its census.
 *
 * @param census The census so far; changed in place.
 * @param pixels RGB pixels, 3 bytes each.
 *
 * @example
 * ```ts
 * import { addToCensus, emptyCensus } from "./mask_census.ts";
 *
 * const census = emptyCensus();
 * addToCensus(census, new Uint8Array([0, 0, 9, 5, 5, 1]));
 * addToCensus(census, new Uint8Array([5, 5, 2]));
 * console.log(census.firstB[5], census.bSeen[2], census.bSeen[9]); // 1 1 0
 * ```
 */
export function addToCensus(census: MaskCensus, pixels: Uint8Array): void {
  const { bSeen, firstB } = census;
  for (let i = 0; i < pixels.length; i += 3) {
    const r = pixels[i];
    if (r === 0) continue;
    const b = pixels[i + 2];
    bSeen[b] = 1;
    if (firstB[r] < 0) firstB[r] = b;
  }
}

/**
 * Counts the census of a decoded image.
 *
 * @param image The mask's pixels.
 * @returns The census.
 *
 * @example
 * ```ts
 * import { censusOf } from "@lab/masks/raster";
 *
 * const census = censusOf({ width: 2, height: 1, data: new Uint8Array([0, 0, 9, 5, 5, 1]) });
 * console.log(census.firstB[5], census.bSeen[1], census.bSeen[9]); // 1 1 0
 * ```
 */
export function censusOf(image: RgbImage): MaskCensus {
  const { width, height, data } = image;
  const zero = align16(data.length + SLACK);
  const tables = align16(zero + width * 3 + SLACK);
  return withKernels(tables + CENSUS_BYTES, (kernels, memory) => {
    memory.set(data, 0);
    memory.fill(0, zero, zero + width * 3);
    return censusOfRows(kernels, memory, {
      ptr: 0,
      stride: width * 3,
      rows: height,
      width,
      channels: 3,
      zero,
      tables,
    });
  });
}
