/**
 * Masks for vector projects (`iat-polygon`, `iat-rectangle`, and form inputs `tool-iat-polygon`,
 * `tool-iat-rectangle`): their annotations rasterized in the platform's R/G/B convention, exactly
 * and deterministically, by a scanline fill.
 *
 * Not with imagescript, although the design named it: imagescript 1.3.1 draws boxes and circles
 * but has no polygon fill, and its main entry `require`s a native `.node` codec per platform,
 * which breaks `deno bundle` for the Action.
 *
 * @module
 */

import { MasksError } from "../errors.ts";
import type { RgbImage } from "../png/rgb_image.ts";
import { MAX_INSTANCES, type Shape, verticesProblem } from "./_shape.ts";

export type { Shape };

/**
 * Paints shapes on a black image in the platform's mask convention: the pixels of the shape with
 * instance id k and bChannel b become `(k, k % 255, b)`. Shapes are painted in order, so a later
 * shape paints over an earlier one.
 *
 * The rule, exact and deterministic: vertices are scaled to pixels (`x * width`, `y * height`);
 * a pixel (px, py) belongs to a ring when its centre (px + 0.5, py + 0.5) is inside the ring by
 * the even-odd rule: a ray from the centre to the right crosses an odd number of the ring's edges
 * (an edge from (x0, y0) to (x1, y1) is crossed when exactly one of y0, y1 is greater than the
 * centre's y, at x = x0 + (y - y0) * (x1 - x0) / (y1 - y0) > the centre's x). A pixel is painted
 * when it belongs to at least one ring and to no hole, so a shape's rings add up and its holes cut
 * out. A rectangle is the ring through its four corners, so it paints the pixels whose centres lie
 * in [left, right) × [top, bottom) (corners in either order). Coordinates may stray up to 0.1
 * outside 0..1 (annotators drag past the border): what lies outside the image is cut off.
 * Each row is filled from its sorted edge crossings: O(edges × rows + pixels painted).
 *
 * @param shapes The shapes, in painting order.
 * @param size The image's width and height in pixels.
 * @returns The mask.
 * @throws {MasksError} when an instance id is above 255 (the convention's limit), an instance id,
 * bChannel or the size is not a whole number in range, or a ring is not a valid vertex list
 * (numbers, 3 points or more for a polygon, 4 numbers for a rectangle, within -0.1..1.1).
 *
 * @example A triangle over a 4×2 image
 * ```ts
 * import { rasterizeShapes } from "@lab/masks/raster";
 *
 * const mask = rasterizeShapes(
 *   [{ kind: "polygon", rings: [[0, 0, 1, 0, 0, 1]], instanceId: 1, bChannel: 7 }],
 *   { width: 4, height: 2 },
 * );
 * console.log([...mask.data.subarray(0, 12)]); // [1, 1, 7, 1, 1, 7, 1, 1, 7, 0, 0, 0]
 * console.log([...mask.data.subarray(12)]); // [1, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0]
 * ```
 */
export function rasterizeShapes(
  shapes: readonly Shape[],
  size: { width: number; height: number },
): RgbImage {
  const { width, height } = size;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new MasksError(
      `the image size is ${width}×${height}; a mask needs whole numbers of pixels, at least 1×1`,
    );
  }
  shapes.forEach((shape, index) => {
    const at = `shape ${index + 1}`;
    if (!Number.isInteger(shape.instanceId) || shape.instanceId < 1) {
      throw new MasksError(
        `${at} has instance id ${shape.instanceId}; it must be a whole number from 1`,
      );
    }
    if (!Number.isInteger(shape.bChannel) || shape.bChannel < 0 || shape.bChannel > 255) {
      throw new MasksError(`${at} has bChannel ${shape.bChannel}; it must be 0 to 255`);
    }
  });
  const lastId = shapes.reduce((last, shape) => Math.max(last, shape.instanceId), 0);
  if (lastId > MAX_INSTANCES) {
    throw new MasksError(
      `the task has ${lastId} annotations; the RGB mask convention holds at most ` +
        `${MAX_INSTANCES} instances`,
    );
  }
  const data = new Uint8Array(width * height * 3);
  const covered = new Uint8Array(width);
  shapes.forEach((shape, index) => {
    const at = `shape ${index + 1} (instance ${shape.instanceId})`;
    const toPixels = (vertices: readonly number[], what: string) => {
      const problem = verticesProblem(vertices, shape.kind);
      if (problem) throw new MasksError(`${at}: ${what} ${problem}`);
      return pixelRing(vertices, shape.kind, width, height);
    };
    const rings = shape.rings.map((ring, i) => toPixels(ring, `ring ${i + 1}`));
    const holes = (shape.holes ?? []).map((hole, i) => toPixels(hole, `hole ${i + 1}`));
    const colour = [shape.instanceId, shape.instanceId % 255, shape.bChannel];
    paintRings(data, covered, height, rings, holes, colour);
  });
  return { width, height, data };
}

function pixelRing(
  vertices: readonly number[],
  kind: Shape["kind"],
  width: number,
  height: number,
): Float64Array {
  const [left, top, right, bottom] = vertices;
  const outline = kind === "rectangle"
    ? [left, top, right, top, right, bottom, left, bottom]
    : vertices;
  const ring = new Float64Array(outline.length);
  for (let i = 0; i < outline.length; i += 2) {
    ring[i] = outline[i] * width;
    ring[i + 1] = outline[i + 1] * height;
  }
  return ring;
}

/** Paints the pixels inside a ring and outside every hole with `colour`, row by row. */
function paintRings(
  data: Uint8Array,
  covered: Uint8Array,
  height: number,
  rings: readonly Float64Array[],
  holes: readonly Float64Array[],
  colour: readonly number[],
): void {
  const width = covered.length;
  let top = Infinity;
  let bottom = -Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 2) {
      top = Math.min(top, ring[i]);
      bottom = Math.max(bottom, ring[i]);
    }
  }
  const crossings = new Float64Array(Math.max(0, ...[...rings, ...holes].map((r) => r.length)));
  // Only rows whose centre lies in [top, bottom] can cross a ring.
  for (let row = Math.max(0, Math.floor(top)); row < Math.min(height, Math.ceil(bottom)); row++) {
    let left = width;
    let right = 0;
    for (const ring of rings) {
      forEachSpan(ring, row + 0.5, crossings, width, (from, to) => {
        covered.fill(1, from, to);
        left = Math.min(left, from);
        right = Math.max(right, to);
      });
    }
    if (left >= right) continue;
    for (const hole of holes) {
      forEachSpan(hole, row + 0.5, crossings, width, (from, to) => covered.fill(0, from, to));
    }
    for (let x = left; x < right; x++) {
      if (covered[x] === 0) continue;
      covered[x] = 0;
      data.set(colour, (row * width + x) * 3);
    }
  }
}

/**
 * Calls `use(from, to)` for each run of columns `from <= x < to` whose pixel centres the ring
 * holds on the line at `y`: between the 1st and 2nd sorted edge crossings, the 3rd and 4th...
 * An edge crosses the line when exactly one of its ends is below it (`> y`).
 */
function forEachSpan(
  ring: Float64Array,
  y: number,
  crossings: Float64Array,
  width: number,
  use: (from: number, to: number) => void,
): void {
  let count = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = i + 2 === n ? 0 : i + 2;
    const y0 = ring[i + 1];
    const y1 = ring[j + 1];
    if ((y0 > y) !== (y1 > y)) {
      const x0 = ring[i];
      crossings[count++] = x0 + (y - y0) * (ring[j] - x0) / (y1 - y0);
    }
  }
  crossings.subarray(0, count).sort();
  for (let i = 0; i + 1 < count; i += 2) {
    const from = firstCentreFrom(crossings[i], width);
    const to = firstCentreFrom(crossings[i + 1], width);
    if (from < to) use(from, to);
  }
}

/** The first column (0..width) whose pixel centre `x + 0.5` is at or right of `edge`, exactly. */
function firstCentreFrom(edge: number, width: number): number {
  if (edge <= 0.5) return 0;
  if (edge > width - 0.5) return width;
  // Exact: for 0.5 < edge < 2^52, edge and 0.5 are multiples of edge's ulp, so edge - 0.5 is
  // not rounded, and x + 0.5 >= edge is x >= edge - 0.5.
  return Math.ceil(edge - 0.5);
}

/** The label ids of an annotation's `labels` (`{ <list>: { labels: [{ id }] } }`), each once. */
