import type { MaskInstance } from "./mask_instances.ts";
import { ColumnRuns } from "./_column_runs.ts";
import { checkedTolerance, instancePolygons, polygonsOf } from "./_instance_polygons.ts";
import { traceRings } from "./_trace_rings.ts";
import {
  checkArgumentType,
  checkOptionTypes,
  type OptionType,
  type OptionTypes,
  wholeNumber,
} from "../option_types.ts";

/** A region of pixels: a box of the image and which of its pixels are in the region. */
export interface PixelRegion {
  /** The box's first column in the image. */
  left: number;
  /** The box's first row in the image. */
  top: number;
  /** The box's width. */
  width: number;
  /** The box's height. */
  height: number;
  /** 1 for a pixel of the region, row by row, `width × height` values. */
  inside: Uint8Array;
}

/** Options of {@linkcode tracePolygons}. */
export interface TracePolygonsOptions {
  /**
   * Douglas–Peucker tolerance in pixels: vertices closer than this to the line of their
   * neighbours are dropped. 0 keeps every corner, so the polygons are the pixels exactly.
   *
   * @default {0}
   */
  tolerance?: number;
}

/**
 * Traces a region's outlines on the pixel edges as polygons whose even-odd fill is the region:
 * one polygon per 8-connected part, each hole joined to its part's outline by a vertical cut
 * walked down and back up (a fill scanning rows crosses it twice at one place, one scanning
 * columns as pycocotools does never crosses it). Vertices are pixel corners, `(0, 0)` the
 * image's top-left corner: pixel `(x, y)` is the square `x..x+1 × y..y+1`.
 *
 * @param region The region.
 * @param options The simplification tolerance.
 * @returns The polygons, each as flat `x0, y0, x1, y1...` in image pixels, outlines clockwise
 * on screen, in the order their top-left pixels come row by row.
 * @throws {TypeError} when the region or the tolerance is of the wrong type.
 * @throws {RangeError} when the tolerance is not a finite number >= 0, the box's place and size
 * are not whole numbers >= 0, or `inside` does not hold `width × height` values.
 *
 * @example A 2×2 square with a one-pixel tail
 * ```ts
 * import { tracePolygons } from "@lab/masks/formats";
 *
 * const inside = new Uint8Array([1, 1, 0, 1, 1, 1]);
 * console.log(tracePolygons({ left: 10, top: 5, width: 3, height: 2, inside }));
 * // [[12, 5, 12, 6, 13, 6, 13, 7, 10, 7, 10, 5]]
 * ```
 */
export function tracePolygons(region: PixelRegion, options: TracePolygonsOptions = {}): number[][] {
  checkRegion(region);
  const tolerance = checkedTolerance(options);
  const rings = traceRings(ColumnRuns.ofBitmap(region.inside, region));
  return polygonsOf(rings, region, tolerance);
}

/**
 * Traces one instance of a mask (from {@linkcode maskInstances}) as {@linkcode tracePolygons}
 * does, its pixels read back from its column-major runs within its box.
 *
 * @param instance The instance.
 * @param imageHeight The mask's height (the runs go down the columns).
 * @param options The simplification tolerance.
 * @returns The polygons in image pixels.
 * @throws {TypeError} when the runs or the box are not lists, or the height not a number.
 * @throws {RangeError} when a run is no whole number >= 0, the box not four of them, or the
 * height under 1.
 *
 * @example
 * ```ts
 * import { maskInstances, traceInstancePolygons } from "@lab/masks/formats";
 *
 * const classes = new Uint8Array(256);
 * classes[7] = 1;
 * const image = { width: 2, height: 1, data: new Uint8Array([1, 1, 7, 0, 0, 0]) };
 * const [instance] = maskInstances(image, classes);
 * console.log(traceInstancePolygons(instance, 1)); // [[1, 0, 1, 1, 0, 1, 0, 0]]
 * ```
 */
export function traceInstancePolygons(
  instance: Pick<MaskInstance, "counts" | "bbox">,
  imageHeight: number,
  options: TracePolygonsOptions = {},
): number[][] {
  checkArgumentType(imageHeight, "imageHeight", IMAGE_HEIGHT);
  checkOptionTypes(instance, INSTANCE, "instance");
  return instancePolygons(instance, imageHeight, checkedTolerance(options));
}

/** A mask's height: its runs go down columns of that many pixels. */
const IMAGE_HEIGHT = wholeNumber(1);

/** An instance's runs, and its box (four whole numbers: left, top, width, height). */
const INSTANCE: OptionTypes<Pick<MaskInstance, "counts" | "bbox">> = {
  counts: {
    expects: "a list of run lengths (whole numbers of at least 0)",
    is: (value) => Array.isArray(value),
    inRange: (value) =>
      (value as unknown[]).every((count) => Number.isSafeInteger(count) && (count as number) >= 0),
    required: true,
  },
  bbox: {
    expects: "a box [left, top, width, height] of whole numbers of at least 0",
    is: (value) => Array.isArray(value),
    inRange: (value) =>
      (value as unknown[]).length === 4 &&
      (value as unknown[]).every((side) => Number.isSafeInteger(side) && (side as number) >= 0),
    required: true,
  },
};

/** The types of {@linkcode TracePolygonsOptions}. */

/** A box's place or size: a whole number of pixels. */
const PIXELS = { ...wholeNumber(0), required: true };

/** The region's pixels. */
const INSIDE: OptionType = {
  expects: "a Uint8Array",
  is: (value) => value instanceof Uint8Array,
  required: true,
};

const REGION: OptionTypes<PixelRegion> = {
  left: PIXELS,
  top: PIXELS,
  width: PIXELS,
  height: PIXELS,
  inside: INSIDE,
};

/** Refuses a region whose box or pixels would be read out of bounds (a fraction never ended). */
function checkRegion(region: PixelRegion): void {
  checkOptionTypes(region, REGION, "region");
  const { width, height, inside } = region;
  if (inside.length !== width * height) {
    throw new RangeError(
      `region.inside must hold width × height = ${width * height} values; got ${inside.length}`,
    );
  }
}
