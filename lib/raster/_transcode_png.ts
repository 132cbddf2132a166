/**
 * From a mask's PNG, whatever its flavour, to the 8-bit RGB PNG the SDK writes, by the cheapest
 * correct route: the bytes themselves when they already are that PNG, the SIMD kernels for 8-bit
 * RGB and RGBA, the general decoder and encoder for everything else.
 *
 * @module
 */

import { writePng } from "./_chunks.ts";
import { isFastFlavour, transcodeFastRgb, verifyFastRgb } from "./_fast_rgb.ts";
import { type CheckedPng, checkPng, inflateCheckedPng } from "./_inflate_png.ts";
import { pixelsOf } from "./decode_png.ts";
import { DEFAULT_ZLIB_LEVEL, encodePng } from "./encode_png.ts";
import { applySemanticMapping, colourTableOf } from "./semantic_mapping.ts";

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
 * @throws {ConfigError} when `maxPixels` or the mapping is out of range.
 */
export async function transcodePng(
  bytes: Uint8Array,
  options: TranscodePngOptions = {},
): Promise<Uint8Array> {
  const png = checkPng(bytes, options.maxPixels);
  const mapping = options.colourByBChannel;
  const { header } = png;
  if (!isFastFlavour(header)) {
    const image = pixelsOf(inflateCheckedPng(png));
    const colourTable = mapping && mapping.size > 0 ? colourTableOf(mapping) : undefined;
    const recoloured = mapping && colourTable ? applySemanticMapping(image, mapping) : image;
    return await encodePng(recoloured, { level: DEFAULT_ZLIB_LEVEL });
  }
  const colourTable = mapping && mapping.size > 0 ? colourTableOf(mapping) : undefined;
  if (colourTable === undefined && header.colourType === 2 && isPlain(png)) {
    verifyFastRgb(png);
    return bytes;
  }
  const idat = transcodeFastRgb(png, { colourTable, level: DEFAULT_ZLIB_LEVEL });
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, header.width);
  view.setUint32(4, header.height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return writePng([
    { type: "IHDR", data: ihdr },
    { type: "IDAT", data: idat },
    { type: "IEND", data: new Uint8Array(0) },
  ]);
}

function isPlain(png: CheckedPng): boolean {
  return png.palette === undefined && png.ancillary.every((type) => HARMLESS_CHUNKS.has(type));
}
