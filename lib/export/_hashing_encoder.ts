/**
 * The mask formats' row encoders that also hash their pixels in the canonical form, and the file
 * each ends with.
 *
 * @module
 */

import { PngRowEncoder, type PngRowEncoderOptions } from "../png/png_row_encoder.ts";
import { PixelDigest } from "../png/pixel_digest.ts";
import { pixelLayoutOf } from "../png/pixel_layout.ts";
import { DEFAULT_ZLIB_LEVEL } from "../png/encode_png.ts";
import type { RenderedFile } from "./mask_format.ts";

/** An encoder that also hashes its pixels in the canonical form. */
export interface HashingEncoder extends PngRowEncoder {
  digest: PixelDigest;
}

/** A row encoder whose rows also go to a {@linkcode PixelDigest}. */
export function hashingEncoder(options: Omit<PngRowEncoderOptions, "digest">): HashingEncoder {
  const layout = pixelLayoutOf(options.colourType, options.bitDepth)!;
  const digest = new PixelDigest({ ...options, layout });
  return Object.assign(new PngRowEncoder({ ...options, digest }), { digest });
}

/** An 8-bit RGB encoder of a whole mask, hashing its pixels (zlib unless a deflater is named). */
export function rgbEncoder(
  size: { width: number; height: number },
  deflater?: "zlib" | "mask-rows",
): HashingEncoder {
  const { width, height } = size;
  return hashingEncoder({
    width,
    height,
    bitDepth: 8,
    colourType: 2,
    level: DEFAULT_ZLIB_LEVEL,
    deflater,
  });
}

/** Ends an encoder's file: its bytes and the digest of its pixels. */
export function fileOf(path: string, encoder: HashingEncoder): RenderedFile {
  const bytes = encoder.end();
  return { path, bytes, pixelSha256: encoder.digest.hex() };
}
