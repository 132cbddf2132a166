import type { MaskInstance } from "./mask_instances.ts";
import { simplifyRing } from "./simplify_ring.ts";
import { spliceHoles } from "./_splice_holes.ts";
import {
  checkArgumentType,
  checkOptionTypes,
  numberFrom,
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

/** A traced boundary: its corners `x0, y0, x1, y1...` on the pixel grid. */
interface Ring {
  points: number[];
  /** A hole's outline: the index of the ring around its part; none for an outline. */
  parent?: number;
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
  checkOptionTypes(options, TRACE_OPTIONS);
  const tolerance = options.tolerance ?? 0;
  const rings = traceRings(region);
  const polygonOfRing = new Map<number, number>();
  const polygons: number[][] = [];
  const holes: number[][][] = [];
  rings.forEach((ring, i) => {
    if (ring.parent !== undefined) return;
    polygonOfRing.set(i, polygons.length);
    polygons.push(simplifyRing(ring.points, tolerance));
    holes.push([]);
  });
  for (const ring of rings) {
    if (ring.parent === undefined) continue;
    holes[polygonOfRing.get(ring.parent)!].push(simplifyRing(ring.points, tolerance));
  }
  polygons.forEach((outline, i) => polygons[i] = spliceHoles(outline, holes[i]));
  return polygons.map((points) =>
    points.map((value, i) => value + (i % 2 === 0 ? region.left : region.top))
  );
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
  const [left, top, width, height] = instance.bbox;
  const inside = new Uint8Array(width * height);
  // Only the runs' pixels within the box's columns are walked: runs from elsewhere (a COCO file
  // read back) cost no more than the box.
  const first = left * imageHeight;
  const end = (left + width) * imageHeight;
  let position = 0;
  instance.counts.forEach((count, i) => {
    const from = Math.max(position, first);
    const to = Math.min(position + count, end);
    position += count;
    if (i % 2 === 0 || from >= to) return;
    // A run goes down a column, then on from the top of the next.
    let x = Math.floor(from / imageHeight) - left;
    let y = (from % imageHeight) - top;
    for (let p = from; p < to; p++) {
      if (y >= 0 && y < height) inside[y * width + x] = 1;
      if (++y + top === imageHeight) [x, y] = [x + 1, -top];
    }
  });
  return tracePolygons({ left, top, width, height, inside }, options);
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
const TRACE_OPTIONS: OptionTypes<TracePolygonsOptions> = { tolerance: numberFrom(0) };

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

/**
 * Every outline and hole of the region, each started at its first top edge row by row. Each
 * outline's part is labelled (8-connected) as soon as it is traced, so a hole, whose first top
 * edge is a pixel of the part around it, knows its outline at once.
 */
function traceRings(region: PixelRegion): Ring[] {
  const { width, height, inside } = region;
  const at = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && inside[y * width + x] === 1;
  const started = new Uint8Array(width * height);
  // The ring index + 1 of each pixel's part; 0 before it is traced.
  const part = new Int32Array(width * height);
  const rings: Ring[] = [];
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (inside[i] !== 1 || (y > 0 && inside[i - width] === 1) || started[i] === 1) continue;
      const points = traceRing(at, x, y, (px, py) => started[py * width + px] = 1);
      const label = part[y * width + x];
      if (label > 0) {
        rings.push({ points, parent: label - 1 });
        continue;
      }
      rings.push({ points });
      labelPart(region, part, y * width + x, rings.length);
    }
  }
  return rings;
}

/**
 * Gives every pixel of the 8-connected part of pixel `start` the label `label`, a run of a row at
 * a time (a scanline flood fill: the rows above and below are read from one column left of the
 * run to one right of it).
 */
function labelPart(region: PixelRegion, part: Int32Array, start: number, label: number): void {
  const { width, height, inside } = region;
  const open = (i: number) => inside[i] === 1 && part[i] === 0;
  const seeds = [start];
  while (seeds.length > 0) {
    const seed = seeds.pop()!;
    if (part[seed] !== 0) continue;
    const y = Math.floor(seed / width);
    const row = y * width;
    let [left, right] = [seed - row, seed - row];
    while (left > 0 && open(row + left - 1)) left--;
    while (right < width - 1 && open(row + right + 1)) right++;
    part.fill(label, row + left, row + right + 1);
    for (const next of [y - 1, y + 1]) {
      if (next < 0 || next >= height) continue;
      let inRun = false;
      for (let x = Math.max(0, left - 1); x <= Math.min(width - 1, right + 1); x++) {
        const here = open(next * width + x);
        if (here && !inRun) seeds.push(next * width + x);
        inRun = here;
      }
    }
  }
}

/**
 * Follows one boundary from the top edge of pixel `(x0, y0)`, the region on the right, keeping
 * the corners. Where two pixels touch by a corner only, it turns towards the other, so a part is
 * 8-connected (a diagonal line is one polygon that touches itself at its corners).
 */
function traceRing(
  at: (x: number, y: number) => boolean,
  x0: number,
  y0: number,
  onTopEdge: (x: number, y: number) => void,
): number[] {
  const points: number[] = [];
  let [x, y, dx, dy] = [x0, y0, 1, 0];
  for (;;) {
    if (dx === 1) onTopEdge(x, y);
    x += dx;
    y += dy;
    // The pixels ahead of the corner, on the left and on the right of the way.
    const left = at(x + (dx + dy < 0 ? -1 : 0), y + (dy - dx < 0 ? -1 : 0));
    const right = at(x + (dx - dy < 0 ? -1 : 0), y + (dy + dx < 0 ? -1 : 0));
    const [nx, ny] = left ? [dy, -dx] : right ? [dx, dy] : [-dy, dx];
    if (nx !== dx || ny !== dy) points.push(x, y);
    [dx, dy] = [nx, ny];
    if (x === x0 && y === y0 && dx === 1) return points;
  }
}
