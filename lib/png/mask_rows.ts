/**
 * A mask's rows, strip by strip, by the route that suits its PNG: the SIMD kernels' strip
 * reader for 8-bit RGB and RGBA without interlacing (what masks nearly always are), the general
 * strip decoder for every other flavour. Either way the rows come as 8-bit RGB, top to bottom,
 * with the census of their pixels counted on the way, and memory stays a few strips whatever the
 * image's size.
 *
 * @module
 */

import { readFastRows } from "./_fast_rows.ts";
import { isFastFlavour } from "./fast_rgb.ts";
import { type CheckedPng, checkPng } from "./inflate_png.ts";
import { addToCensus, emptyCensus, type MaskCensus } from "./mask_census.ts";
import { readPngRows, type RgbRows, type RowConversion } from "./png_rows.ts";

/** Options of {@linkcode openMaskRows}. */
export interface MaskRowsOptions {
  /** Refuse masks with more pixels than this. Default: 100 million. */
  maxPixels?: number;
  /**
   * Read every flavour with the general strip decoder, never with the kernels' strip reader: the
   * route the tests and the benchmark compare the kernels' with. Default: `false`.
   */
  generalDecoder?: boolean;
  /**
   * Also hand the rows over converted (`RgbRows.converted`), where the kernels read them (the
   * general decoder does not: convert its rows yourself).
   */
  convert?: RowConversion;
  /**
   * Hand over the rows where the kernels unfiltered them (`RgbRows.unpacked`), packing them as RGB
   * only when `data` is read: for a reader that takes RGBA rows as they are. The general decoder's
   * rows are never unpacked. Default: `false`.
   */
  unpacked?: boolean;
  /**
   * Count the census of the pixels on the way (what `read` returns). Default: `true`; `false`
   * for a reader that finds what it needs in the rows itself (`read` then returns an empty
   * census).
   */
  census?: boolean;
}

/** A checked mask PNG whose rows are ready to be read. */
export interface MaskRows {
  /** The mask's width in pixels. */
  width: number;
  /** The mask's height in pixels. */
  height: number;
  /** What was wrong in the PNG but read anyway (an ancillary chunk's CRC); none: empty. */
  warnings: string[];
  /**
   * Reads the rows, once: `onRows` gets each strip of 8-bit RGB rows, top to bottom, in a view
   * valid until it returns.
   *
   * @param onRows Takes each strip.
   * @returns The census of the image's pixels (empty when not asked).
   * @throws {PngError} when the image data is truncated, corrupt or longer than the image
   * needs, or a row has an invalid filter type.
   */
  read(onRows: (rows: RgbRows) => void): MaskCensus;
}

/**
 * Checks a mask's PNG (signature, chunks, header, size limit) and gives its size and a reader of
 * its rows that picks its own route.
 *
 * @param bytes The PNG file's bytes.
 * @param options The pixel limit and the route.
 * @returns The size and the row reader.
 * @throws {PngError} when the PNG is malformed or larger than the limit.
 * @throws {TypeError} when `bytes` is not a `Uint8Array`.
 *
 * @example
 * ```ts
 * import { encodePng } from "./encode_png.ts";
 * import { openMaskRows } from "./mask_rows.ts";
 *
 * const png = await encodePng({ width: 2, height: 1, data: new Uint8Array([1, 1, 7, 0, 0, 0]) });
 * const rows = openMaskRows(png);
 * const census = rows.read(({ data, count }) => console.log(count, [...data])); // 1 [1, 1, 7, 0, 0, 0]
 * console.log(rows.width, census.bSeen[7]); // 2 1
 * ```
 */
export function openMaskRows(bytes: Uint8Array, options: MaskRowsOptions = {}): MaskRows {
  const png = checkPng(bytes, options.maxPixels);
  const { width, height } = png.header;
  const general = options.generalDecoder || !isFastFlavour(png.header);
  return {
    width,
    height,
    warnings: png.warnings,
    read: (onRows) =>
      general
        ? readCountedRows(png, onRows, options.census ?? true)
        : readFastRows(png, onRows, options),
  };
}

/** The general strip decoder, counting the census of the rows as they come. */
function readCountedRows(
  png: CheckedPng,
  onRows: (rows: RgbRows) => void,
  counted: boolean,
): MaskCensus {
  const census = emptyCensus();
  readPngRows(png, (rows) => {
    if (counted) addToCensus(census, rows.data);
    onRows(rows);
  });
  return census;
}
