import { checkOptionTypes, type OptionTypes, PIXEL_LIMIT } from "../option_types.ts";
import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { decodeDataUri } from "../raster/mask_data_uri.ts";
import { transcodePng } from "../raster/transcode_png.ts";

/** Options of {@linkcode convertMask}. */
export interface ConvertMaskOptions {
  /** Colours by blue-channel value, from `resolveSemanticMapping`; none keeps the platform colours. */
  colourByBChannel?: ReadonlyMap<number, RgbColour>;
  /**
   * Refuse masks with more pixels than this, before decoding them.
   *
   * @default {100_000_000}
   */
  maxPixels?: number;
}

const CONVERT_MASK_OPTION_TYPES: OptionTypes<ConvertMaskOptions> = {
  colourByBChannel: { expects: "a Map", is: (value) => value instanceof Map },
  maxPixels: PIXEL_LIMIT,
};

/**
 * Turns one task's mask (a PNG `data:` URI) into the PNG file the SDK writes: the mask decoded as
 * 8-bit RGB whatever its PNG flavour, optionally recoloured, encoded as an 8-bit RGB PNG. A mask
 * that already is a plain 8-bit RGB PNG, with no recolouring asked, is written as it came, after
 * the same full check (CRCs, the whole zlib stream, filter types) as any other.
 *
 * The work runs on the calling thread; `ConvertPool` spreads it over workers.
 *
 * @param mask The task's mask value.
 * @param options The semantic mapping and limits.
 * @returns The bytes of the PNG file to write.
 * @throws {PngError} when the mask is not a valid PNG data URI.
 * @throws {TypeError} when an option is of the wrong type; {@linkcode RangeError} when
 * `maxPixels` is not a whole number from 1 to 2^31.
 *
 * @example
 * ```ts
 * import { convertMask } from "@lab/masks";
 * import { decodePng, encodeDataUri, encodePng } from "@lab/masks/raster";
 *
 * const mask = encodeDataUri(
 *   await encodePng({ width: 1, height: 1, data: new Uint8Array([1, 1, 7]) }),
 * );
 * const png = await convertMask(mask, { colourByBChannel: new Map([[7, [9, 9, 9]]]) });
 * console.log((await decodePng(png)).data); // Uint8Array(3) [ 9, 9, 9 ]
 * ```
 */
export async function convertMask(
  mask: unknown,
  options: ConvertMaskOptions = {},
): Promise<Uint8Array> {
  checkOptionTypes(options, CONVERT_MASK_OPTION_TYPES);
  return await transcodePng(decodeDataUri(mask), options);
}
