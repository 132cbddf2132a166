import type { MaskInstance } from "./mask_instances.ts";
import { simplifyRing } from "./simplify_ring.ts";

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

/** A traced boundary: its corners `x0, y0, x1, y1...` on the pixel grid, and its signed area. */
interface Ring {
  points: number[];
  area: number;
  /** A hole's inside: the centre of a pixel just inside it. */
  probe: [number, number];
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
 * @throws {RangeError} when the tolerance is not a finite number >= 0.
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
  const tolerance = options.tolerance ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(`The polygon tolerance must be a number >= 0; got ${tolerance}`);
  }
  const rings = traceRings(region);
  const outers = rings.filter((ring) => ring.area > 0);
  const polygons = outers.map((ring) => simplifyRing(ring.points, tolerance));
  for (const hole of rings.filter((ring) => ring.area < 0)) {
    const parent = parentOf(hole, outers);
    if (parent < 0) continue;
    polygons[parent] = spliceHole(polygons[parent], simplifyRing(hole.points, tolerance));
  }
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
  const [left, top, width, height] = instance.bbox;
  const inside = new Uint8Array(width * height);
  let position = 0;
  instance.counts.forEach((count, i) => {
    if (i % 2 === 1) {
      for (let at = position; at < position + count; at++) {
        const x = Math.floor(at / imageHeight) - left;
        inside[(at % imageHeight - top) * width + x] = 1;
      }
    }
    position += count;
  });
  return tracePolygons({ left, top, width, height, inside }, options);
}

/** Every outline and hole of the region, each started at its first top edge row by row. */
function traceRings(region: PixelRegion): Ring[] {
  const { width, height, inside } = region;
  const at = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && inside[y * width + x] === 1;
  const started = new Uint8Array(width * height);
  const rings: Ring[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!at(x, y) || at(x, y - 1) || started[y * width + x] === 1) continue;
      const points = traceRing(at, x, y, (px, py) => started[py * width + px] = 1);
      rings.push({ points, area: signedArea(points), probe: [x + 0.5, y - 0.5] });
    }
  }
  return rings;
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

/** The shoelace area: positive for an outline (clockwise on screen), negative for a hole. */
function signedArea(points: number[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i += 2) {
    const j = (i + 2) % points.length;
    twice += points[i] * points[j + 1] - points[j] * points[i + 1];
  }
  return twice / 2;
}

/** The smallest outline around a hole (by a point inside it, never on an edge), or -1. */
function parentOf(hole: Ring, outers: Ring[]): number {
  let parent = -1;
  outers.forEach((outer, i) => {
    if (!contains(outer.points, hole.probe)) return;
    if (parent < 0 || outer.area < outers[parent].area) parent = i;
  });
  return parent;
}

/** Whether a point is inside a polygon, even-odd. */
function contains(points: number[], [px, py]: [number, number]): boolean {
  let inside = false;
  for (let i = 0; i < points.length; i += 2) {
    const j = (i + 2) % points.length;
    const [ax, ay, bx, by] = [points[i], points[i + 1], points[j], points[j + 1]];
    if ((ay > py) !== (by > py) && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * Joins a hole to an outline: from the hole's top vertex straight up to the nearest edge of the
 * outline above it, then around the hole and back down the same cut.
 */
function spliceHole(outline: number[], hole: number[]): number[] {
  let top = 0;
  for (let i = 2; i < hole.length; i += 2) {
    if (hole[i + 1] < hole[top + 1] || (hole[i + 1] === hole[top + 1] && hole[i] < hole[top])) {
      top = i;
    }
  }
  const [hx, hy] = [hole[top], hole[top + 1]];
  let edge = -1;
  let best = -Infinity;
  for (let i = 0; i < outline.length; i += 2) {
    const j = (i + 2) % outline.length;
    const [ax, ay, bx, by] = [outline[i], outline[i + 1], outline[j], outline[j + 1]];
    if (ax === bx || hx < Math.min(ax, bx) || hx > Math.max(ax, bx)) continue;
    const y = ay + ((by - ay) * (hx - ax)) / (bx - ax);
    if (y <= hy && y > best) [edge, best] = [i, y];
  }
  if (edge < 0) return outline;
  const around = [...hole.slice(top), ...hole.slice(0, top), hx, hy];
  return [
    ...outline.slice(0, edge + 2),
    hx,
    best,
    ...around,
    hx,
    best,
    ...outline.slice(edge + 2),
  ];
}
