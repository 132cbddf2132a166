/**
 * Polygons from rings and from an instance's runs, for the callers that checked what they pass
 * (`tracePolygons`, `traceInstancePolygons`) or made it themselves (the masks' instances, whose
 * counts are checked by no loop over them).
 *
 * @module
 */

import type { MaskInstance } from "./mask_instances.ts";
import { simplifyRing } from "./simplify_ring.ts";
import { spliceHoles } from "./_splice_holes.ts";
import { type Box, ColumnRuns } from "./_column_runs.ts";
import { type Ring, traceRings } from "./_trace_rings.ts";
import { checkOptionTypes, numberFrom, type OptionTypes } from "../option_types.ts";

/** How polygons are traced (see `TracePolygonsOptions`). */
const TRACE_OPTIONS: OptionTypes<{ tolerance?: number }> = { tolerance: numberFrom(0) };

/**
 * A tracing's tolerance, checked once for the many instances traced with it.
 *
 * @param options `tolerance`, a number of at least 0 (default 0).
 * @returns The tolerance.
 * @throws {TypeError} when it is not a number; {@linkcode RangeError} when it is negative.
 */
export function checkedTolerance(options: { tolerance?: number }): number {
  checkOptionTypes(options, TRACE_OPTIONS);
  return options.tolerance ?? 0;
}

/**
 * An instance's polygons, as `traceInstancePolygons` traces them, unchecked.
 *
 * @param instance Its column-major run lengths over an image `imageHeight` high, and its box.
 * @param imageHeight The image's height.
 * @param tolerance Douglas–Peucker tolerance in pixels (0: the pixels exactly).
 * @returns Its polygons, each flat `x0, y0, x1, y1...` in image pixels.
 */
export function instancePolygons(
  instance: Pick<MaskInstance, "counts" | "bbox">,
  imageHeight: number,
  tolerance: number,
): number[][] {
  const [left, top, width, height] = instance.bbox;
  const box = { left, top, width, height };
  // Only the runs within the box's columns are read: runs from elsewhere (a COCO file read back)
  // cost no more than the box.
  const runs = ColumnRuns.of(instance.counts, imageHeight, box);
  return polygonsOf(traceRings(runs), box, tolerance);
}

/** The rings of a region as its polygons: simplified, each hole spliced into its outline. */
export function polygonsOf(rings: readonly Ring[], region: Box, tolerance: number): number[][] {
  // The rings are this function's own: with no tolerance, each is its polygon as it is.
  const simplified = (points: number[]) =>
    tolerance === 0 ? points : simplifyRing(points, tolerance);
  const polygonOfRing = new Map<number, number>();
  const polygons: number[][] = [];
  const holes: number[][][] = [];
  rings.forEach((ring, i) => {
    if (ring.parent !== undefined) return;
    polygonOfRing.set(i, polygons.length);
    polygons.push(simplified(ring.points));
    holes.push([]);
  });
  for (const ring of rings) {
    if (ring.parent === undefined) continue;
    holes[polygonOfRing.get(ring.parent)!].push(simplified(ring.points));
  }
  polygons.forEach((outline, i) => polygons[i] = spliceHoles(outline, holes[i]));
  for (const points of polygons) {
    for (let i = 0; i < points.length; i += 2) {
      points[i] += region.left;
      points[i + 1] += region.top;
    }
  }
  return polygons;
}
