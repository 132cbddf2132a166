import { PngError } from "../errors.ts";
import { PngRowEncoder } from "./png_row_encoder.ts";

/** A single-channel image: 8-bit samples in a `Uint8Array`, 16-bit ones in a `Uint16Array`. */
export interface GreyImage {
  /** Width in pixels, at least 1. */
  width: number;
  /** Height in pixels, at least 1. */
  height: number;
  /** `width * height` samples, row-major. */
  data: Uint8Array | Uint16Array;
}

/** 16-bit samples converted to bytes at a time. */
const WIDE_STRIP_SAMPLES = 64 * 1024;

/** Options of {@linkcode encodeGreyPng}. */
export interface EncodeGreyPngOptions {
  /**
   * Write an indexed (palette) PNG whose sample `i` shows as the RGB triplet at `palette[3 * i]`:
   * viewers show colours, training code reads indices. 8-bit data only, at most 256 entries.
   *
   * @default {undefined} (a grey PNG)
   */
  palette?: Uint8Array;
  /** The zlib level, 0 to 9. @default {6} */
  level?: number;
}

/**
 * Encodes a single-channel image as a PNG: 8-bit grey (class indices, binary masks), 16-bit grey
 * (instance ids) or 8-bit palette.
 *
 * @param image The samples.
 * @param options A palette, and the zlib level.
 * @returns The PNG file's bytes.
 * @throws {PngError} when the size and data disagree, or a palette is given for 16-bit data or has
 * more than 256 entries.
 *
 * @example
 * ```ts
 * import { encodeGreyPng } from "@lab/masks/raster";
 *
 * const png = await encodeGreyPng({ width: 2, height: 1, data: new Uint16Array([1, 300]) });
 * console.log(png[24], png[25]); // 16 0 (bit depth, colour type)
 * ```
 */
// deno-lint-ignore require-await -- async so that every error is a rejection, as documented.
export async function encodeGreyPng(
  image: GreyImage,
  options: EncodeGreyPngOptions = {},
): Promise<Uint8Array> {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new PngError(`the image size ${width}×${height} is not a positive whole size`);
  }
  if (data.length !== width * height) {
    throw new PngError(
      `the image holds ${data.length} samples; ${width}×${height} needs ${width * height}`,
    );
  }
  const wide = data instanceof Uint16Array;
  const palette = options.palette;
  if (
    palette && (wide || palette.length % 3 !== 0 || palette.length > 768 || palette.length === 0)
  ) {
    throw new PngError("a palette needs 8-bit samples and 1 to 256 RGB entries");
  }
  using encoder = new PngRowEncoder({
    width,
    height,
    bitDepth: wide ? 16 : 8,
    colourType: palette ? 3 : 0,
    palette,
    level: options.level ?? 6,
  });
  if (!wide) encoder.writeRows(data);
  else {
    // 16-bit samples go out big-endian, a strip of rows at a time.
    const rows = Math.max(1, Math.floor(WIDE_STRIP_SAMPLES / width));
    const bytes = new Uint8Array(Math.min(rows, height) * width * 2);
    for (let first = 0; first < height; first += rows) {
      const strip = data.subarray(first * width, Math.min(height, first + rows) * width);
      for (let i = 0; i < strip.length; i++) {
        bytes[2 * i] = strip[i] >> 8;
        bytes[2 * i + 1] = strip[i] & 0xff;
      }
      encoder.writeRows(bytes.subarray(0, strip.length * 2));
    }
  }
  return encoder.end();
}
