/**
 * The `pixelSha256` of a PNG file as it is now: its pixels decoded and hashed in the canonical
 * form of `PixelDigest`, for `verify` to compare with the manifest.
 *
 * @module
 */

import { pngSamples } from "./png_samples.ts";
import { PixelDigest } from "./pixel_digest.ts";
import { pixelLayoutOf } from "./pixel_layout.ts";

/**
 * Decodes a PNG and hashes its pixels in the canonical form: the layouts this tool writes
 * (`gray8`, `gray16`, `rgb8`, `indexed8`, not interlaced) as stored; any other flavour as the
 * 8-bit RGB OpenCV reads (`rgb8`), as an `rgb` export would write it.
 *
 * @param bytes The PNG file's bytes.
 * @param maxPixels Refuse images with more pixels than this. Default: 100 million.
 * @returns The SHA-256, 64 hex digits.
 * @throws {PngError} when the file is not a valid PNG.
 * @throws {TypeError} when `bytes` is not a `Uint8Array`.
 *
 * @example The same pixels, compressed differently
 * ```ts
 * import { encodePng, pngPixelSha256 } from "@lab/masks/png";
 *
 * const image = { width: 2, height: 1, data: new Uint8Array([1, 1, 7, 0, 0, 0]) };
 * const fast = await encodePng(image, { level: 1 });
 * const small = await encodePng(image, { level: 9 });
 * console.log(pngPixelSha256(fast) === pngPixelSha256(small)); // true
 * ```
 */
export function pngPixelSha256(bytes: Uint8Array, maxPixels?: number): string {
  const png = pngSamples(bytes, maxPixels);
  const { width, height, palette } = png;
  const layout = png.interlaced ? undefined : pixelLayoutOf(png.colourType, png.bitDepth);
  const digest = new PixelDigest({ width, height, layout: layout ?? "rgb8", palette });
  if (layout === undefined) png.readRgb((rows) => digest.update(rows));
  else png.readRaw((rows) => digest.update(rows));
  return digest.hex();
}
