/**
 * A PNG's pixels as stored, for tools that compare or hash them: its samples row by row, as they
 * are once inflated and unfiltered (no conversion), or decoded to 8-bit RGB as OpenCV reads them.
 *
 * @module
 */

import { checkPng } from "./inflate_png.ts";
import { CHANNELS_BY_COLOUR_TYPE } from "./_png_header.ts";
import { readPngRows } from "./png_rows.ts";
import { invalidFilterError, unfilterRows } from "./_unfilter.ts";
import { inflatePngStrips } from "./inflate_png.ts";
import type { PngError } from "../errors.ts";

/** Inflated bytes per strip, as the other strip readers. */
const STRIP_BYTES = 256 * 1024;

/** A checked PNG whose rows can be read. */
export interface PngSamples {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA). */
  colourType: number;
  /** Bits per sample. */
  bitDepth: number;
  /** Whether the image is Adam7-interlaced. */
  interlaced: boolean;
  /** The palette's RGB triplets (PLTE), for colour type 3. */
  palette?: Uint8Array;
  /** Bytes of one row of samples as stored (16-bit samples take two bytes, big-endian). */
  rowBytes: number;
  /**
   * Hands over the rows of samples as stored, top to bottom, a strip at a time (the bytes are
   * reused for the next strip). Not for interlaced images.
   *
   * @throws {RangeError} when the image is interlaced.
   * @throws {PngError} when the data is corrupt or a row has a bad filter type.
   */
  readRaw(onRows: (rows: Uint8Array) => void): void;
  /**
   * Hands over the rows decoded to 8-bit RGB as OpenCV's `IMREAD_COLOR` reads them, a strip at
   * a time.
   *
   * @throws {PngError} when the data is corrupt.
   */
  readRgb(onRows: (rows: Uint8Array) => void): void;
}

/**
 * Checks a PNG (every chunk and CRC) and gives its header and row readers.
 *
 * @param bytes The PNG file's bytes.
 * @param maxPixels Refuse images with more pixels than this. Default: 100 million.
 * @returns The header and the readers.
 * @throws {PngError} when the file is not a valid PNG or too large.
 * @throws {TypeError} when `bytes` is not a `Uint8Array`.
 *
 * @example The samples of a 2×1 RGB PNG
 * ```ts
 * import { encodePng, pngSamples } from "@lab/masks/png";
 *
 * const png = pngSamples(await encodePng({ width: 2, height: 1, data: new Uint8Array([1, 2, 3, 4, 5, 6]) }));
 * png.readRaw((rows) => console.log([...rows])); // [1, 2, 3, 4, 5, 6]
 * ```
 */
export function pngSamples(bytes: Uint8Array, maxPixels?: number): PngSamples {
  const png = checkPng(bytes, maxPixels);
  const { width, height, colourType, bitDepth, interlaced } = png.header;
  const rowBytes = png.passes[0].rowBytes;
  const bitsPerPixel = CHANNELS_BY_COLOUR_TYPE[colourType] * bitDepth;
  const bytesPerPixel = Math.max(1, bitsPerPixel >> 3);
  return {
    width,
    height,
    colourType,
    bitDepth,
    interlaced,
    palette: png.palette,
    rowBytes,
    readRaw(onRows) {
      if (interlaced) throw new RangeError("readRaw() reads PNGs without interlacing");
      const stride = rowBytes + 1;
      const rows = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / stride)));
      // Slot 0: the row above the strip's first; the strip lands from slot 1.
      const memory = new Uint8Array((rows + 1) * stride);
      const packed = new Uint8Array(rows * rowBytes);
      inflatePngStrips(png, {
        rows,
        window: memory.subarray(stride),
        onStrip(first, count): PngError | undefined {
          const above = first === 0 ? new Uint8Array(rowBytes) : memory.subarray(1, stride);
          const bad = unfilterRows(memory, {
            at: stride,
            rows: count,
            rowBytes,
            bytesPerPixel,
            above,
          });
          if (bad >= 0) return invalidFilterError(memory[(bad + 1) * stride], first + bad, 0);
          for (let r = 0; r < count; r++) {
            const at = (r + 1) * stride + 1;
            packed.set(memory.subarray(at, at + rowBytes), r * rowBytes);
          }
          onRows(packed.subarray(0, count * rowBytes));
          memory.copyWithin(0, count * stride, (count + 1) * stride);
          return undefined;
        },
      });
    },
    readRgb(onRows) {
      readPngRows(png, ({ data }) => onRows(data));
    },
  };
}
