/**
 * The IHDR chunk: image size, bit depth, colour type and interlace method, validated.
 *
 * @module
 */

import { PngError } from "../errors.ts";

/** The validated content of a PNG's IHDR chunk. */
export interface PngHeader {
  /** Width in pixels, at least 1. */
  width: number;
  /** Height in pixels, at least 1. */
  height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16, as allowed for the colour type. */
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colourType: number;
  /** Whether the scanlines are Adam7-interlaced. */
  interlaced: boolean;
}

/** Samples per pixel, by colour type. */
export const CHANNELS_BY_COLOUR_TYPE: Readonly<Record<number, number>> = {
  0: 1,
  2: 3,
  3: 1,
  4: 2,
  6: 4,
};

const COLOUR_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "grey",
  2: "RGB",
  3: "palette",
  4: "grey + alpha",
  6: "RGBA",
};

const BIT_DEPTHS_BY_COLOUR_TYPE: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** The largest width or height PNG allows (2^31 - 1). */
export const MAX_DIMENSION = 0x7fffffff;

/** Options of {@linkcode parseHeader}. */
export interface ParseHeaderOptions {
  /** Refuse images with more pixels than this. */
  maxPixels: number;
}

/**
 * Reads and validates an IHDR chunk, refusing images above the pixel limit before anything is
 * allocated for them.
 *
 * @param data The IHDR chunk's data (13 bytes).
 * @param options The pixel limit.
 * @returns The header.
 * @throws {PngError} when a field is out of range or the image is above the pixel limit.
 *
 * @example
 * ```ts
 * import { parseHeader } from "./_png_header.ts";
 *
 * const ihdr = new Uint8Array([0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
 * console.log(parseHeader(ihdr, { maxPixels: 10 }).width); // 2
 * ```
 */
export function parseHeader(data: Uint8Array, options: ParseHeaderOptions): PngHeader {
  if (data.length !== 13) {
    throw new PngError(`the PNG's IHDR chunk holds ${data.length} bytes instead of 13`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [bitDepth, colourType, compression, filter, interlace] = data.subarray(8);
  for (const [name, size] of [["width", width], ["height", height]] as const) {
    if (size === 0 || size > MAX_DIMENSION) {
      throw new PngError(`the PNG's ${name} is ${size}; it must be from 1 to ${MAX_DIMENSION}`);
    }
  }
  const depths = BIT_DEPTHS_BY_COLOUR_TYPE[colourType];
  if (depths === undefined) {
    throw new PngError(`the PNG has colour type ${colourType}; PNG allows 0, 2, 3, 4 and 6`);
  }
  if (!depths.includes(bitDepth)) {
    throw new PngError(
      `the PNG has bit depth ${bitDepth} with colour type ${colourType} (${
        COLOUR_TYPE_NAMES[colourType]
      }); PNG allows ${depths.join(", ")} for it`,
    );
  }
  if (compression !== 0) {
    throw new PngError(`the PNG has compression method ${compression}; PNG defines only 0`);
  }
  if (filter !== 0) throw new PngError(`the PNG has filter method ${filter}; PNG defines only 0`);
  if (interlace > 1) {
    throw new PngError(`the PNG has interlace method ${interlace}; PNG defines only 0 and 1`);
  }
  // The decompression-bomb guard: checked on the header alone, before any buffer is allocated.
  const pixels = width * height;
  if (pixels > options.maxPixels) {
    throw new PngError(
      `the PNG is ${width}×${height} (${pixels} pixels), above the limit of ${options.maxPixels} ` +
        "pixels; raise the pixel limit to decode it",
      { setting: "maxPixels" },
    );
  }
  return { width, height, bitDepth, colourType, interlaced: interlace === 1 };
}
