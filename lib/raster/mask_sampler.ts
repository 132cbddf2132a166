/**
 * A mask's thumbnail, sampled by nearest neighbour from the rows a decode or a transcode already
 * holds unfiltered, so the report's pictures cost no second decode: each strip of rows gives
 * the thumbnail rows whose source row it holds.
 *
 * @module
 */

import type { RowSampler, RowStrip } from "../png/row_sampler.ts";

/**
 * The longest side of a thumbnail, in pixels.
 *
 * @example
 * ```ts
 * import { THUMBNAIL_SIDE } from "@lab/masks/raster";
 *
 * console.log(THUMBNAIL_SIDE); // 160
 * ```
 */
export const THUMBNAIL_SIDE = 160;

/**
 * The samples of a mask's thumbnail, in the platform's convention.
 *
 * @example
 * ```ts
 * import type { MaskSamples } from "@lab/masks/raster";
 *
 * const samples: MaskSamples = { width: 2, height: 1, codes: new Uint16Array([0, 1 + 7]) };
 * console.log(samples.codes[1] - 1); // 7 (the B of a labelled pixel)
 * ```
 */
export interface MaskSamples {
  /** Width in pixels, at least 1. */
  width: number;
  /** Height in pixels, at least 1. */
  height: number;
  /** `width * height` codes, row-major: 0 for an unlabelled pixel (`R = 0`), else `1 + B`. */
  codes: Uint16Array;
}

/**
 * Takes a mask's rows as they come, top to bottom (in strips or all at once), and keeps the
 * thumbnail's samples: the pixel nearest each thumbnail pixel's centre.
 *
 * @example
 * ```ts
 * import { MaskSampler } from "@lab/masks/raster";
 *
 * const sampler = new MaskSampler(2, 1, 1);
 * sampler.takeRows(new Uint8Array([0, 0, 0, 5, 5, 7]), 0, 6, 0, 1, 3);
 * console.log(sampler.samples()); // { width: 1, height: 1, codes: Uint16Array(1) [ 8 ] }
 * ```
 */
export class MaskSampler implements RowSampler {
  #sourceWidth: number;
  #sourceHeight: number;
  #columns: Uint32Array;
  #rows: Uint32Array;
  #samples: MaskSamples;
  #next = 0;

  /**
   * Plans the thumbnail of a mask of this size.
   *
   * @param width The mask's width.
   * @param height The mask's height.
   * @param side The thumbnail's longest side; a smaller mask keeps its size.
   */
  constructor(width: number, height: number, side: number = THUMBNAIL_SIDE) {
    const scale = Math.min(1, side / Math.max(width, height));
    const thumbWidth = Math.max(1, Math.round(width * scale));
    const thumbHeight = Math.max(1, Math.round(height * scale));
    this.#sourceWidth = width;
    this.#sourceHeight = height;
    // The source pixel nearest each thumbnail pixel's centre.
    this.#columns = centres(thumbWidth, width);
    this.#rows = centres(thumbHeight, height);
    this.#samples = {
      width: thumbWidth,
      height: thumbHeight,
      codes: new Uint16Array(thumbWidth * thumbHeight),
    };
  }

  /**
   * Samples the thumbnail rows whose source rows are among these.
   *
   * @param strip The rows: buffer, offset of the first row's first pixel, stride, the first
   * row's number in the mask, row count, bytes per pixel (3 for RGB, 4 for RGBA).
   */
  takeRows(...[pixels, at, stride, first, count, channels]: RowStrip): void {
    const { width, codes } = this.#samples;
    const columns = this.#columns;
    while (this.#next < this.#rows.length && this.#rows[this.#next] < first + count) {
      const source = this.#rows[this.#next];
      if (source >= first) {
        const row = at + (source - first) * stride;
        const out = this.#next * width;
        for (let x = 0; x < width; x++) {
          const pixel = row + columns[x] * channels;
          codes[out + x] = pixels[pixel] === 0 ? 0 : 1 + pixels[pixel + 2];
        }
      }
      this.#next++;
    }
  }

  /**
   * The samples, once every row went by.
   *
   * @returns The thumbnail's size and codes.
   */
  samples(): MaskSamples {
    if (this.#next < this.#rows.length) {
      throw new Error(
        `the sampler saw ${this.#next} of ${this.#rows.length} rows of a ` +
          `${this.#sourceWidth}×${this.#sourceHeight} mask`,
      );
    }
    return this.#samples;
  }
}

function centres(count: number, size: number): Uint32Array {
  const at = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    at[i] = Math.min(size - 1, Math.floor(((i + 0.5) * size) / count));
  }
  return at;
}
