/**
 * From a mask's PNG, whatever its flavour, to the 8-bit RGB PNG the SDK writes, by the cheapest
 * correct route: the bytes themselves when they already are that PNG, the SIMD kernels for 8-bit
 * RGB and RGBA, the general decoder and encoder strip by strip for everything else.
 *
 * @module
 */

import { isFastFlavour, type PixelSink, transcodeFastRgb, verifyFastRgb } from "../png/fast_rgb.ts";
import { type CheckedPng, checkPng } from "../png/inflate_png.ts";
import { addToCensus, emptyCensus, type MaskCensus } from "../png/mask_census.ts";
import { pngOfImageData } from "../png/png_file.ts";
import { PngRowEncoder } from "../png/png_row_encoder.ts";
import type { PixelDigest } from "../png/pixel_digest.ts";
import { readPngRows } from "../png/png_rows.ts";
import { MaskSampler, type MaskSamples } from "./mask_sampler.ts";
import { DEFAULT_ZLIB_LEVEL } from "../png/encode_png.ts";
import { colourTableOf, recolourRows } from "./semantic_mapping.ts";

/**
 * Chunks that may stay in a mask written unchanged: text and timestamps, nothing that changes
 * how a viewer shows the pixels (`gAMA`, `iCCP`, `sRGB`, `tRNS`... send the mask through the
 * encoder, as the SDK would rewrite it).
 */
const HARMLESS_CHUNKS = new Set(["tEXt", "zTXt", "iTXt", "tIME", "pHYs"]);

/** Options of {@linkcode transcodePng}. */
export interface TranscodePngOptions {
  /** New colours by bChannel (the semantic mapping); none or empty keeps the colours. */
  colourByBChannel?: ReadonlyMap<number, readonly [number, number, number]>;
  /** Refuse masks with more pixels than this. Default: 100 million. */
  maxPixels?: number;
}

/** Options of {@linkcode transcodeMask}. */
export interface TranscodeMaskOptions extends TranscodePngOptions {
  /** Also count the census of the original pixels, for the mask's statistics. */
  census?: boolean;
  /** Also sample the original pixels for a thumbnail with this longest side. */
  thumbnailSide?: number;
  /**
   * Also hands the rows of the PNG written (8-bit RGB, recoloured), top to bottom, unfiltered,
   * to the sink this makes once the image's size is known.
   */
  pixels?: (size: { width: number; height: number }) => PixelSink | undefined;
  /** Also hashes the pixels of the PNG written, with the digest this makes once the size is known. */
  digest?: (size: { width: number; height: number }) => PixelDigest;
}

export type { PixelSink };

/** What {@linkcode transcodeMask} gives back. */
export interface TranscodedMask {
  /** The bytes of the PNG to write. */
  png: Uint8Array;
  /** The image's width in pixels. */
  width: number;
  /** The image's height in pixels. */
  height: number;
  /** The census of the original (not recoloured) pixels, when asked. */
  census?: MaskCensus;
  /** The thumbnail's samples of the original pixels, when asked. */
  samples?: MaskSamples;
  /** What was wrong in the PNG but read anyway (an ancillary chunk's CRC); none: empty. */
  warnings: string[];
}

/**
 * Converts a PNG to an 8-bit RGB PNG with exactly the pixels OpenCV's `IMREAD_COLOR` reads,
 * recoloured by the semantic mapping if one is given. The input is always fully checked (every
 * CRC, the whole zlib stream, every row's filter type), so a corrupt mask is reported even when
 * its bytes would be written unchanged.
 *
 * @param bytes The PNG file's bytes.
 * @param options The recolouring and the pixel limit.
 * @returns The bytes of the PNG to write: `bytes` itself when it already is a plain 8-bit RGB
 * PNG and no recolouring is asked.
 * @throws {PngError} when the data is not a valid PNG, is truncated or corrupt, or too large.
 * @throws {RangeError} when `maxPixels` is not a positive number.
 * @throws {ConfigError} when the mapping is out of range.
 *
 * @example Recolour bChannel 7 to red
 * ```ts
 * import { decodePng, encodePng, transcodePng } from "@lab/masks/raster";
 *
 * const mask = await encodePng({ width: 1, height: 1, data: new Uint8Array([1, 1, 7]) });
 * const png = await transcodePng(mask, { colourByBChannel: new Map([[7, [255, 0, 0]]]) });
 * console.log([...(await decodePng(png)).data]); // [255, 0, 0]
 * ```
 */
export async function transcodePng(
  bytes: Uint8Array,
  options: TranscodePngOptions = {},
): Promise<Uint8Array> {
  return (await transcodeMask(bytes, options)).png;
}

/**
 * {@linkcode transcodePng}, also giving the image's size and, if asked, the census of its
 * pixels, counted where the kernels already hold them unfiltered.
 *
 * @param bytes The PNG file's bytes.
 * @param options The recolouring, the pixel limit and whether to count the census.
 * @returns The PNG to write, the size and the census.
 * @throws {PngError} when the data is not a valid PNG, is truncated or corrupt, or too large.
 * @throws {RangeError} when `maxPixels` is not a positive number.
 * @throws {ConfigError} when the mapping is out of range.
 *
 * @example The size and the bChannels a mask uses
 * ```ts
 * import { encodePng, transcodeMask } from "@lab/masks/raster";
 *
 * const mask = await encodePng({ width: 2, height: 1, data: new Uint8Array([1, 1, 7, 0, 0, 0]) });
 * const { width, census } = await transcodeMask(mask, { census: true });
 * console.log(width, census!.bSeen[7], census!.bSeen[3]); // 2 1 0
 * ```
 */
// deno-lint-ignore require-await -- async so that every error is a rejection, as documented.
export async function transcodeMask(
  bytes: Uint8Array,
  options: TranscodeMaskOptions = {},
): Promise<TranscodedMask> {
  const png = checkPng(bytes, options.maxPixels);
  const mapping = options.colourByBChannel;
  const { header } = png;
  const { width, height } = header;
  const pixels = options.pixels?.({ width, height });
  const digest = options.digest?.({ width, height });
  const sampler = options.thumbnailSide === undefined
    ? undefined
    : new MaskSampler(width, height, options.thumbnailSide);
  if (!isFastFlavour(header)) {
    const table = tableOf(mapping);
    const encoded = transcodeOtherFlavour(png, {
      table,
      census: options.census,
      sampler,
      pixels,
      digest,
    });
    return { ...encoded, width, height, samples: sampler?.samples(), warnings: png.warnings };
  }
  const colourTable = tableOf(mapping);
  if (colourTable === undefined && header.colourType === 2 && isPlain(png)) {
    const { census } = verifyFastRgb(png, { census: options.census, sampler, pixels, digest });
    return {
      png: bytes,
      width,
      height,
      census,
      samples: sampler?.samples(),
      warnings: png.warnings,
    };
  }
  const { idat, census } = transcodeFastRgb(png, {
    colourTable,
    census: options.census,
    sampler,
    pixels,
    digest,
  });
  const file = pngOfImageData({ width, height, bitDepth: 8, colourType: 2 }, idat!);
  return { png: file, width, height, census, samples: sampler?.samples(), warnings: png.warnings };
}

/**
 * Every flavour but the fast ones, strip by strip: decoded, counted, sampled, recoloured, encoded.
 */
function transcodeOtherFlavour(
  png: CheckedPng,
  options: {
    table?: Uint8Array;
    census?: boolean;
    sampler?: MaskSampler;
    pixels?: PixelSink;
    digest?: PixelDigest;
  },
): { png: Uint8Array; census?: MaskCensus } {
  const { table, sampler, pixels } = options;
  const { width, height } = png.header;
  const census = options.census ? emptyCensus() : undefined;
  using encoder = new PngRowEncoder({
    width,
    height,
    bitDepth: 8,
    colourType: 2,
    level: DEFAULT_ZLIB_LEVEL,
    digest: options.digest,
  });
  readPngRows(png, ({ data, first, count }) => {
    if (census) addToCensus(census, data);
    sampler?.takeRows(data, 0, width * 3, first, count, 3);
    const rows = table ? recolourRows(data, table) : data;
    pixels?.update(rows);
    encoder.writeRows(rows);
  });
  return { png: encoder.end(), census };
}

/** The mapping's colour table; `undefined` for no or an empty mapping. */
function tableOf(mapping: TranscodePngOptions["colourByBChannel"]): Uint8Array | undefined {
  return mapping && mapping.size > 0 ? colourTableOf(mapping) : undefined;
}

function isPlain(png: CheckedPng): boolean {
  // A chunk skipped for its CRC must not be written out again.
  return png.palette === undefined && png.warnings.length === 0 &&
    png.ancillary.every((type) => HARMLESS_CHUNKS.has(type));
}
