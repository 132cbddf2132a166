import { isFastFlavour } from "./_fast_rgb.ts";
import { readFastRows } from "./_fast_rows.ts";
import { checkPng } from "./_inflate_png.ts";
import { readPngRows, type RgbRows } from "./_png_rows.ts";

/** Options of {@linkcode readMaskRows}. */
export interface ReadMaskRowsOptions {
  /** Refuse images with more pixels than this, before any data is inflated. Default: 100 million. */
  maxPixels?: number;
}

/**
 * Decodes a PNG mask to 8-bit RGB rows as `decodePng` does, handing them over strip by strip, top
 * to bottom, with no buffer the size of the image: 8-bit RGB and RGBA masks without interlacing
 * through the SIMD kernels' strip reader, every other flavour through the general strip decoder.
 * The checks and error messages are `decodePng`'s.
 *
 * The rows' taker gets a view that is valid until it returns (the next strip reuses its bytes).
 *
 * @param bytes The PNG file's bytes.
 * @param rowsTaker Called with the image's size once its header is checked, before any row;
 * returns the taker of each strip of rows: `count` rows of `width * 3` bytes from row `first`.
 * @param options The pixel limit.
 * @returns The image's size.
 * @throws {PngError} when the PNG is not one, is above the pixel limit, or its data is truncated
 * or corrupt.
 *
 * @example Count a mask's labelled pixels (red above 0)
 * ```ts
 * import { encodePng } from "./encode_png.ts";
 * import { readMaskRows } from "./read_mask_rows.ts";
 *
 * const png = await encodePng({ width: 2, height: 1, data: new Uint8Array([1, 1, 3, 0, 0, 0]) });
 * let labelled = 0;
 * readMaskRows(png, () => (rows) => {
 *   for (let i = 0; i < rows.data.length; i += 3) if (rows.data[i] > 0) labelled++;
 * });
 * console.log(labelled); // 1
 * ```
 */
export function readMaskRows(
  bytes: Uint8Array,
  rowsTaker: (size: { width: number; height: number }) => (rows: RgbRows) => void,
  options: ReadMaskRowsOptions = {},
): { width: number; height: number } {
  const png = checkPng(bytes, options.maxPixels);
  const onRows = rowsTaker({ width: png.header.width, height: png.header.height });
  if (isFastFlavour(png.header)) readFastRows(png, onRows);
  else readPngRows(png, onRows);
  return { width: png.header.width, height: png.header.height };
}
