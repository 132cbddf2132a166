/**
 * From a mask's PNG, whatever its flavour, to the 8-bit RGB PNG the SDK writes, by the cheapest
 * correct route: the bytes themselves when they already are that PNG, the SIMD kernels for 8-bit
 * RGB and RGBA, the general decoder and encoder for everything else.
 *
 * @module
 */

import { writePng } from "./_chunks.ts";
import { isFastFlavour, transcodeFastRgb } from "./_fast_rgb.ts";
import { type InflatedPng, inflatePng } from "./_inflate_png.ts";
import { invalidFilterError } from "./_unfilter.ts";
import { pixelsOf } from "./decode_png.ts";
import { encodePng } from "./encode_png.ts";
import { applySemanticMapping, colourTableOf } from "./semantic_mapping.ts";

/**
 * The zlib level of written masks. Measured on 1920×1080 masks with the Up filter (see
 * `bench/deflate_bench.ts`): level 1 is no faster than 2 but its files are several times larger,
 * levels 3 to 9 cost more time for a few percent, so 2 it is.
 */
export const TRANSCODE_LEVEL = 2;

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
  const png = inflatePng(bytes, options.maxPixels);
  const mapping = options.colourByBChannel;
  const colourTable = mapping && mapping.size > 0 ? colourTableOf(mapping) : undefined;
  const { header } = png;
  if (!isFastFlavour(header)) {
    const image = pixelsOf(png);
    const recoloured = mapping && colourTable ? applySemanticMapping(image, mapping) : image;
    return await encodePng(recoloured, { level: TRANSCODE_LEVEL });
  }
  if (colourTable === undefined && header.colourType === 2 && isPlain(png)) {
    checkFilterTypes(png);
    return bytes;
  }
  const idat = transcodeFastRgb(png.scanlines, header, { colourTable, level: TRANSCODE_LEVEL });
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

function isPlain(png: InflatedPng): boolean {
  return png.palette === undefined && png.ancillary.every((type) => HARMLESS_CHUNKS.has(type));
}

/** Rows are left filtered; only their filter-type bytes need checking. */
function checkFilterTypes(png: InflatedPng): void {
  const { scanlines, passes: [pass] } = png;
  const stride = pass.rowBytes + 1;
  for (let row = 0; row < pass.height; row++) {
    const type = scanlines[row * stride];
    if (type > 4) throw invalidFilterError(type, row, 0);
  }
}
