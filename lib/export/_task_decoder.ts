import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { MasksError } from "../errors.ts";
import { decodePng } from "../raster/decode_png.ts";
import { decodeDataUri } from "../raster/mask_data_uri.ts";
import type { RgbImage } from "../raster/rgb_image.ts";

/** Builds the function that turns a task's mask into pixels, for the project's kind. */
export function taskDecoder(
  source: MaskSource,
  options: { maxPixels?: number },
): (task: Task, mask: unknown) => Promise<RgbImage> {
  return async (task, mask) => {
    const image = await decodePng(decodeDataUri(mask), { maxPixels: options.maxPixels });
    const expected = imageSize(task, source);
    if (expected && (expected.width !== image.width || expected.height !== image.height)) {
      throw new MasksError(
        `the mask is ${image.width}×${image.height} but the task's image is ` +
          `${expected.width}×${expected.height}, so its pixels would not line up`,
      );
    }
    return image;
  };
}

/** The size of the task's image, from `data.body.image` (or the form input's), when given. */
function imageSize(task: Task, source: MaskSource): { width: number; height: number } | undefined {
  const data = task.data;
  const body = (data && typeof data.body === "object" && data.body) ? data.body : data;
  const holder = source.input
    ? (body as Record<string, unknown> | undefined)?.[source.input.id]
    : body;
  const image = (holder as { image?: unknown } | undefined)?.image ??
    (body as { image?: unknown } | undefined)?.image;
  const { width, height } = (image ?? {}) as { width?: unknown; height?: unknown };
  return Number.isInteger(width) && Number.isInteger(height)
    ? { width: width as number, height: height as number }
    : undefined;
}
