/**
 * Raster work for masks: an exact PNG decoder that reads every PNG flavour the way the SDK's
 * OpenCV-based export does, an 8-bit RGB PNG encoder, the semantic-mapping recolouring and the
 * `data:` URI the platform stores masks in.
 *
 * @example From a task's mask to a recoloured PNG
 * ```ts
 * import { applySemanticMapping, decodeDataUri, decodePng, encodeDataUri, encodePng } from "@lab/masks/raster";
 *
 * const uri = encodeDataUri(
 *   await encodePng({ width: 1, height: 1, data: new Uint8Array([1, 1, 7]) }),
 * );
 * const mask = await decodePng(decodeDataUri(uri));
 * const recoloured = applySemanticMapping(mask, new Map([[7, [255, 0, 0] as const]]));
 * const png = await encodePng(recoloured);
 * console.log([...recoloured.data], png.length > 0); // [255, 0, 0] true
 * ```
 *
 * @module
 */

export type { RgbImage } from "../png/rgb_image.ts";
export { decodePng, type DecodePngOptions, DEFAULT_MAX_PIXELS } from "../png/decode_png.ts";
export { encodePng, type EncodePngOptions, type PngFilter } from "../png/encode_png.ts";
export { applySemanticMapping } from "./semantic_mapping.ts";
export { decodeDataUri, encodeDataUri } from "./mask_data_uri.ts";
export {
  encodeGreyPng,
  type EncodeGreyPngOptions,
  type GreyImage,
} from "../png/encode_grey_png.ts";
export { rasterizeShapes, type Shape } from "./rasterize_shapes.ts";
export { shapesOfAnnotations, type ShapesOfAnnotationsOptions } from "./shapes_of_annotations.ts";
export { MaskSampler, type MaskSamples, THUMBNAIL_SIDE } from "./mask_sampler.ts";
export {
  type PixelSink,
  type TranscodedMask,
  transcodeMask,
  type TranscodeMaskOptions,
  transcodePng,
  type TranscodePngOptions,
} from "./transcode_png.ts";
export { censusOf, type MaskCensus } from "../png/mask_census.ts";
