import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { MasksError, PngError } from "../errors.ts";
import { decodePng, DEFAULT_MAX_PIXELS } from "../png/decode_png.ts";
import { rasterizeShapes } from "../raster/rasterize_shapes.ts";
import { shapesOfAnnotations } from "../raster/shapes_of_annotations.ts";
import type { ImageSize, PngMask, ShapesMask } from "../detect/mask_of.ts";
import type { RgbImage } from "../png/rgb_image.ts";

/** A task's mask as plain data, which can be posted to a worker: what decoding it needs. */
export interface TaskMask {
  /** The mask: PNG bytes or vector annotations (an invalid mask never gets this far). */
  mask: PngMask | ShapesMask;
  /** Shapes: each label's bChannel. */
  bChannelByLabel?: ReadonlyMap<string, number | undefined>;
  /** Refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
}

/**
 * Builds the function that adds to a task's mask what decoding it needs: for shapes, the colour
 * (bChannel) of each label; the pixel limit.
 *
 * @param source Where the project keeps its masks, and its labels.
 * @param options The pixel limit.
 * @returns The function from a mask to a {@linkcode TaskMask}.
 */
export function taskMaskOf(
  source: MaskSource,
  options: { maxPixels?: number },
): (mask: PngMask | ShapesMask) => TaskMask {
  const bChannelByLabel = (source.kind ?? "mask") === "mask"
    ? undefined
    : new Map(source.labels.map((label) => [label.id, label.bChannel]));
  return (mask) => ({ mask, bChannelByLabel, maxPixels: options.maxPixels });
}

/**
 * Turns a task's mask (or shapes) into pixels.
 *
 * @param taskMask The mask and what decoding it needs.
 * @param onWarning Told once when shapes without a label were left out.
 * @returns The pixels.
 * @throws {MasksError} when the mask cannot be read.
 * @throws {PngError} with the setting `maxPixels` when the mask, or the image its shapes are
 * drawn on, is above the pixel limit.
 */
export async function decodeTaskMask(
  taskMask: TaskMask,
  onWarning?: (warning: string) => void,
): Promise<RgbImage> {
  const { mask, maxPixels } = taskMask;
  if (mask.kind === "png") {
    return await decodePng(mask.bytes, { maxPixels });
  }
  const size = mask.image;
  if (!size) {
    throw new MasksError(
      "its image size is missing (data.body.image with width and height), so its shapes " +
        "cannot be placed",
    );
  }
  if (size.width * size.height > (maxPixels ?? DEFAULT_MAX_PIXELS)) {
    // The PNG the shapes would become is above the limit: a PngError, as for a PNG mask, so the
    // setting that lets it through crosses the worker boundary and reaches each surface's hint.
    throw new PngError(`its image is ${size.width}×${size.height}, above the pixel limit`, {
      setting: "maxPixels",
    });
  }
  const bChannelByLabel = taskMask.bChannelByLabel ?? new Map();
  const unlabeled: string[] = [];
  const shapes = shapesOfAnnotations(mask.annotations, {
    kind: mask.geometry,
    bChannelOf: (labelIds) =>
      labelIds.map((id) => bChannelByLabel.get(id)).find((b) => b !== undefined),
    onUnlabeled: (name) => unlabeled.push(name),
  });
  if (unlabeled.length > 0) onWarning?.(unlabeledWarning(unlabeled));
  return rasterizeShapes(shapes, size);
}

/** One sentence for a task's annotations left out for want of a label, as COCO leaves them out. */
function unlabeledWarning(names: string[]): string {
  const listed = names.slice(0, 5).join(", ") + (names.length > 5 ? ", ..." : "");
  return names.length === 1
    ? `annotation ${names[0]} has no label, so it was left out`
    : `${names.length} annotations have no label (${listed}), so they were left out`;
}

/**
 * The warning for a mask whose size is not the task's image's, when the task gives one. The SDK
 * writes such a mask as it is (the lab API spec, "data.body.image"), and so do we, at its own
 * size: the warning tells the user its pixels may not line up with the image.
 *
 * @param image The mask's size.
 * @param expected The task's image size.
 * @returns The warning, or `undefined` when the sizes agree or the task gives none.
 */
export function imageSizeWarning(
  image: ImageSize,
  expected: ImageSize | undefined,
): string | undefined {
  if (!expected || (expected.width === image.width && expected.height === image.height)) {
    return undefined;
  }
  return `the mask is ${image.width}×${image.height} but the task's image is ` +
    `${expected.width}×${expected.height}; it was exported at its own size`;
}

/**
 * Why a task's mask failed, in words that fit its kind: a PNG mask "cannot be read"; a vector
 * task stores no mask, so its annotations "cannot be drawn".
 *
 * @param mask The task's mask (its kind).
 * @param problem What is wrong, as a clause.
 * @returns The reason.
 */
export function maskFailureReason(mask: { kind: string }, problem: string): string {
  const what = mask.kind === "shapes"
    ? "its annotations cannot be drawn"
    : "its mask cannot be read";
  return `${what}: ${problem}`;
}
