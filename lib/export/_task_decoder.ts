import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { MasksError } from "../errors.ts";
import { decodePng, DEFAULT_MAX_PIXELS } from "../raster/decode_png.ts";
import { rasterizeShapes } from "../raster/rasterize_shapes.ts";
import { shapesOfAnnotations } from "../raster/shapes_of_annotations.ts";
import { decodeDataUri } from "../raster/mask_data_uri.ts";
import type { RgbImage } from "../raster/rgb_image.ts";

/** Builds the function that turns a task's mask into pixels, for the project's kind. */
export function taskDecoder(
  source: MaskSource,
  options: { maxPixels?: number },
): (task: Task, mask: unknown) => Promise<RgbImage> {
  const kind = source.kind ?? "mask";
  if (kind !== "mask") {
    const bChannelById = new Map(source.labels.map((label) => [label.id, label.bChannel]));
    return (task, annotations) => {
      const size = imageSize(task, source);
      if (!size) {
        throw new MasksError(
          "its image size is missing (data.body.image with width and height), so its shapes " +
            "cannot be placed",
        );
      }
      const pixels = size.width * size.height;
      if (pixels > (options.maxPixels ?? DEFAULT_MAX_PIXELS)) {
        throw new MasksError(`its image is ${size.width}×${size.height}, above the pixel limit`);
      }
      const shapes = shapesOfAnnotations(annotations, {
        kind,
        bChannelOf: (labelIds) =>
          labelIds.map((id) => bChannelById.get(id)).find((b) => b !== undefined),
      });
      return Promise.resolve(rasterizeShapes(shapes, size));
    };
  }
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
