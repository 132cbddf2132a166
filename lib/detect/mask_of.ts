/**
 * A task's mask, read once, as soon as the task arrives: the rest of the export takes it as one
 * of these and never looks at the task's raw value again.
 *
 * @module
 */

import type { Task } from "../api/types.ts";
import type { MaskSource } from "./resolve_mask_source.ts";
import { taskAnswers, taskMask } from "./task_mask.ts";
import { MasksError } from "../errors.ts";
import { decodeDataUri } from "../raster/mask_data_uri.ts";

/** An image's size in pixels. */
export interface ImageSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** A PNG mask (`iat-segmentation`, a form's segmentation input), its data URI decoded. */
export interface PngMask {
  /** Tells the masks apart. */
  kind: "png";
  /** The PNG file's bytes, not checked yet beyond their data URI. */
  bytes: Uint8Array;
  /** The size of the task's image, when the task gives it: the mask must match it. */
  image?: ImageSize;
}

/** A vector task's annotations (polygon and rectangle projects), rasterized later. */
export interface ShapesMask {
  /** Tells the masks apart. */
  kind: "shapes";
  /** How the project draws. */
  geometry: "polygon" | "rectangle";
  /** The task's `annotations` list, as the task has it. */
  annotations: readonly unknown[];
  /** The size of the task's image, which places the shapes; without it they cannot be drawn. */
  image?: ImageSize;
}

/** A mask value that cannot be a mask (not a data URI, bad base64...): its task fails. */
export interface InvalidMask {
  /** Tells the masks apart. */
  kind: "invalid";
  /** Why, as a clause: `the mask is a number, not a data URI string`. */
  reason: string;
}

/** A task's mask: PNG bytes, vector annotations, or a value that is no mask, with its reason. */
export type Mask = PngMask | ShapesMask | InvalidMask;

/**
 * Reads a task's mask where its source keeps it (see `taskMask`), as a {@linkcode Mask}.
 *
 * @param task The task document.
 * @param source Where the project keeps its masks.
 * @returns The mask, or `undefined` when the task has none (it is skipped, as the SDK does).
 */
export function maskOf(task: Task, source: MaskSource): Mask | undefined {
  const value = taskMask(task, source);
  if (value === undefined) return undefined;
  const image = imageSize(task, source);
  const kind = source.kind ?? "mask";
  if (kind === "mask") return pngMaskOf(value, image);
  // `taskMask` gives a vector source's mask only as an array.
  return { kind: "shapes", geometry: kind, annotations: value as unknown[], image };
}

/**
 * Reads a PNG mask's value: a `data:image/png;base64,...` URI.
 *
 * @param value The mask value as the task has it.
 * @param image The size of the task's image, when given.
 * @returns The PNG mask, or why the value is no mask.
 */
export function pngMaskOf(value: unknown, image?: ImageSize): PngMask | InvalidMask {
  try {
    return { kind: "png", bytes: decodeDataUri(value), image };
  } catch (error) {
    if (!(error instanceof MasksError)) throw error;
    return { kind: "invalid", reason: error.message };
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
