/**
 * The PNG codec: an exact decoder that reads every PNG flavour the way the SDK's OpenCV-based
 * export does, the 8-bit RGB and grey encoders, and the strip reader of masks that picks its own
 * route (the SIMD kernels for 8-bit RGB and RGBA, the general decoder for every other flavour),
 * counting the census of the pixels on the way.
 *
 * @example Reading a mask's rows strip by strip
 * ```ts
 * import { encodePng, openMaskRows } from "@lab/masks/png";
 *
 * const png = await encodePng({ width: 1, height: 1, data: new Uint8Array([1, 1, 7]) });
 * const census = openMaskRows(png).read(({ first, count }) => console.log(first, count)); // 0 1
 * console.log(census.bSeen[7]); // 1
 * ```
 *
 * @module
 */

export type { RgbImage } from "./rgb_image.ts";
export { decodePng, type DecodePngOptions, DEFAULT_MAX_PIXELS } from "./decode_png.ts";
export { encodePng, type EncodePngOptions, type PngFilter } from "./encode_png.ts";
export { encodeGreyPng, type EncodeGreyPngOptions, type GreyImage } from "./encode_grey_png.ts";
export { censusOf, type MaskCensus } from "./mask_census.ts";
export { type MaskRows, type MaskRowsOptions, openMaskRows } from "./mask_rows.ts";
export type { ConvertedRows, RgbRows, RowConversion, RowLabels, UnpackedRows } from "./png_rows.ts";
export type { RowSampler, RowStrip } from "./row_sampler.ts";
export {
  PIXEL_FORM,
  PixelDigest,
  type PixelDigestOptions,
  type SameAsAbove,
} from "./pixel_digest.ts";
export { PIXEL_PIECE_BYTES, pixelFormBound } from "./pixel_pieces.ts";
export { type PixelLayout, pixelLayoutOf } from "./pixel_layout.ts";
export { pngPixelSha256 } from "./png_pixel_sha256.ts";
export { BChannelTally } from "./b_channel_tally.ts";
export { type PngSamples, pngSamples } from "./png_samples.ts";
