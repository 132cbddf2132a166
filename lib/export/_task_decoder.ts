import type { Task } from "../api/types.ts";
import type { MaskKind, MaskSource } from "../detect/resolve_mask_source.ts";
import { taskAnswers } from "../detect/task_mask.ts";
import { MasksError } from "../errors.ts";
import { decodePng, DEFAULT_MAX_PIXELS } from "../raster/decode_png.ts";
import { rasterizeShapes } from "../raster/rasterize_shapes.ts";
import { shapesOfAnnotations } from "../raster/shapes_of_annotations.ts";
import { maskBytes } from "./_mask_bytes.ts";
import type { RgbImage } from "../raster/rgb_image.ts";

/** A task's mask as plain data, which can be posted to a worker: what decoding it needs. */
export interface TaskMask {
  /** The mask value: a PNG data URI, or vector annotations. */
  mask: unknown;
  /** How the project stores masks: `mask` (PNG) or a vector kind. */
  kind: MaskKind;
  /** The size of the task's image, when the task gives it. */
  imageSize?: ImageSize;
  /** Vector kinds: each label's bChannel. */
  bChannelByLabel?: ReadonlyMap<string, number | undefined>;
  /** Refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
}

/** An image's size in pixels. */
export interface ImageSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/**
 * Builds the function that gathers, on the calling thread, what decoding a task's mask needs.
 *
 * @param source Where the project keeps its masks, and its labels.
 * @param options The pixel limit.
 * @returns The function from a task and its mask value to a {@linkcode TaskMask}.
 */
export function taskMaskOf(
  source: MaskSource,
  options: { maxPixels?: number },
): (task: Task, mask: unknown) => TaskMask {
  const kind = source.kind ?? "mask";
  const bChannelByLabel = kind === "mask"
    ? undefined
    : new Map(source.labels.map((label) => [label.id, label.bChannel]));
  return (task, mask) => ({
    mask,
    kind,
    imageSize: imageSize(task, source),
    bChannelByLabel,
    maxPixels: options.maxPixels,
  });
}

/**
 * Turns a task's mask (or shapes) into pixels.
 *
 * @param taskMask The mask and what decoding it needs.
 * @returns The pixels.
 * @throws {MasksError} when the mask cannot be read or does not fit the task's image.
 */
export async function decodeTaskMask(taskMask: TaskMask): Promise<RgbImage> {
  const { kind, imageSize: size, maxPixels } = taskMask;
  if (kind === "mask") {
    const image = await decodePng(maskBytes(taskMask.mask), { maxPixels });
    checkImageSize(image, size);
    return image;
  }
  if (!size) {
    throw new MasksError(
      "its image size is missing (data.body.image with width and height), so its shapes " +
        "cannot be placed",
    );
  }
  if (size.width * size.height > (maxPixels ?? DEFAULT_MAX_PIXELS)) {
    throw new MasksError(`its image is ${size.width}×${size.height}, above the pixel limit`);
  }
  const bChannelByLabel = taskMask.bChannelByLabel ?? new Map();
  const shapes = shapesOfAnnotations(taskMask.mask, {
    kind,
    bChannelOf: (labelIds) =>
      labelIds.map((id) => bChannelByLabel.get(id)).find((b) => b !== undefined),
  });
  return rasterizeShapes(shapes, size);
}

/**
 * Checks that a decoded mask has the size of the task's image, when the task gives one.
 *
 * @param image The mask's size.
 * @param expected The task's image size.
 * @throws {MasksError} when they differ.
 */
export function checkImageSize(image: ImageSize, expected: ImageSize | undefined): void {
  if (expected && (expected.width !== image.width || expected.height !== image.height)) {
    throw new MasksError(
      `the mask is ${image.width}×${image.height} but the task's image is ` +
        `${expected.width}×${expected.height}, so its pixels would not line up`,
    );
  }
}

/** The size of the task's image, from `data.body.image` (or the form input's), when given. */
function imageSize(task: Task, source: MaskSource): ImageSize | undefined {
  const found = taskAnswers(task, source);
  const image = found?.answers?.image ?? found?.body.image;
  const { width, height } = (image ?? {}) as { width?: unknown; height?: unknown };
  return Number.isInteger(width) && Number.isInteger(height)
    ? { width: width as number, height: height as number }
    : undefined;
}
