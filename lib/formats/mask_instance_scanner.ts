import type { MaskInstance } from "./mask_instances.ts";
import { byInstance } from "./_instance_segments.ts";
import { InstanceRowScan } from "./_instance_row_scan.ts";

/** Strips of 8-bit RGB (or RGBA) rows, as the strip decoders hand them over. */
export interface InstanceRows {
  /** `count` rows of `width * channels` bytes, `stride` bytes apart. */
  data: Uint8Array;
  /** Bytes a pixel: 3 (RGB), or 4 (RGBA: the alpha is not read). The same in every strip. Default: 3. */
  channels?: 3 | 4;
  /** From one row's first byte to the next row's. Default: `width * channels`. */
  stride?: number;
  /** The first row's index in the image. */
  first: number;
  /** How many rows. */
  count: number;
  /** Per row, 1 where it is known to repeat the row above (see `RgbRows.repeats`). */
  repeats?: Uint8Array;
  /** Where a row first differs from the row before it, from a byte (see `RgbRows.differsFrom`). */
  differsFrom?: (row: number, from: number) => number;
  /**
   * Whether `differsFrom` also answers for row 0, against the last row of the strip before (zeros
   * above the mask's first row), as `UnpackedRows.differsFrom` does. Default: `false`.
   */
  firstDiffers?: boolean;
}

/**
 * Finds a mask's instances (one per distinct pair of red value R >= 1 and the class of the blue
 * value, as COCO wants them) from its rows, top to bottom, in one pass: no copy of the mask, no
 * pass down its columns. Each row is compared with the row above four bytes at a time; only
 * where they differ are pixels looked at, and where a pixel's instance differs from the one
 * above, a vertical run ends in that column and another begins. At the end the runs are put in
 * column-major order by a counting sort on their column (a column's runs end in row order), and
 * each instance's run lengths follow.
 *
 * @example Two instances of class 1 in a 2×1 mask
 * ```ts
 * import { MaskInstanceScanner } from "@lab/masks/formats";
 *
 * const classes = new Uint8Array(256);
 * classes[7] = 1;
 * const scanner = new MaskInstanceScanner(2, 1, classes);
 * scanner.takeRows({ data: new Uint8Array([1, 1, 7, 2, 2, 7]), first: 0, count: 1 });
 * console.log(scanner.end().map((instance) => instance.counts)); // [[0, 1, 1], [1, 1]]
 * ```
 */
export class MaskInstanceScanner {
  #scan: InstanceRowScan;
  #width: number;
  #height: number;

  /**
   * Prepares a scan.
   *
   * @param width The mask's width in pixels.
   * @param height The mask's height in pixels.
   * @param classOfBChannel The class (1..) of each blue value 0..255, 0 for none: such pixels
   * belong to no instance.
   * @throws {RangeError} when a side is not a whole number from 1, the mask has more than
   * 2^31 - 1 pixels, or the class table fewer than 256 entries.
   */
  constructor(width: number, height: number, classOfBChannel: ArrayLike<number>) {
    this.#scan = new InstanceRowScan(width, height, classOfBChannel);
    this.#width = width;
    this.#height = height;
  }

  /**
   * Takes the next rows, top to bottom.
   *
   * @param rows The rows: `count` rows of `width * channels` bytes from row `first`.
   * @throws {RangeError} when they are fewer bytes than their rows, more rows than are left, or
   * of other bytes a pixel than 3 or 4 or than the strips before.
   * @throws {TypeError} after {@linkcode MaskInstanceScanner.end}.
   */
  takeRows(rows: InstanceRows): void {
    this.#scan.takeRows(rows);
  }

  /**
   * Ends the scan (asked again, it gives the same instances): no rows are taken after it.
   *
   * @returns The instances, ordered by instance id, then class; each with its run lengths in
   * column-major order from a run of 0s, its area and its box.
   */
  end(): MaskInstance[] {
    const { segments, found } = this.#scan.end();
    return byInstance(segments.instances(found, this.#width, this.#height));
  }
}
