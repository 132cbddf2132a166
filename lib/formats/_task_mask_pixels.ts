import { MasksError, PngError } from "../errors.ts";
import { pngMaskOf } from "../detect/mask_of.ts";
import { decodePng } from "../png/decode_png.ts";
import type { RgbImage } from "../png/rgb_image.ts";

/**
 * Decodes a task's mask (its data URI) into pixels, as the mask export reads it.
 *
 * @throws {MasksError} `its mask cannot be read: ...`, a {@linkcode PngError} keeping its setting
 * when the mask is above the pixel limit.
 */
export async function taskMaskPixels(value: unknown, maxPixels?: number): Promise<RgbImage> {
  const mask = pngMaskOf(value);
  if (mask.kind === "invalid") throw new MasksError(`its mask cannot be read: ${mask.reason}`);
  try {
    return await decodePng(mask.bytes, { maxPixels });
  } catch (error) {
    throwUnreadable(error);
  }
}

/**
 * Throws a decoder's error as the task's: "its mask cannot be read: …", of the same class (a PNG
 * above the pixel limit keeps its setting, for each surface to name); anything but a
 * `MasksError` (a bug) as it is.
 *
 * @param error What decoding the mask threw.
 */
export function throwUnreadable(error: unknown): never {
  if (!(error instanceof MasksError)) throw error;
  const reason = `its mask cannot be read: ${error.message}`;
  if (error instanceof PngError) {
    throw new PngError(reason, { cause: error, setting: error.setting });
  }
  throw new MasksError(reason, { cause: error });
}
