import { checkArgumentType, numberFrom, type OptionType } from "../option_types.ts";

/**
 * Simplifies a closed polygon by Douglas–Peucker: the ring is cut at its first vertex and the
 * vertex farthest from it, and each half keeps only the vertices farther than `tolerance` from
 * the chord of the vertices kept around them. At least 3 vertices stay (the farthest one from the
 * first chord is added back), so a polygon never becomes a line.
 *
 * @param points The ring's vertices, `x0, y0, x1, y1...`, the last joined to the first.
 * @param tolerance The largest distance in pixels a dropped vertex may be from the result; 0
 * returns the ring as it is.
 * @returns The vertices kept, in order.
 * @throws {TypeError} when `points` is not a list or `tolerance` not a number.
 * @throws {RangeError} when the list's length is odd, or the tolerance not finite and >= 0.
 *
 * @example A square's vertex on an edge goes; its corners stay
 * ```ts
 * import { simplifyRing } from "@lab/masks/formats";
 *
 * console.log(simplifyRing([0, 0, 5, 0, 10, 0, 10, 10, 0, 10], 0.5)); // [0, 0, 10, 0, 10, 10, 0, 10]
 * ```
 */
export function simplifyRing(points: readonly number[], tolerance: number): number[] {
  // A length that is no whole number of vertices, or a tolerance no distance, never ends.
  checkArgumentType(points, "points", RING);
  checkArgumentType(tolerance, "tolerance", DISTANCE);
  const count = points.length / 2;
  if (tolerance === 0 || count <= 3) return [...points];
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < count; i++) {
    const distance = Math.hypot(points[2 * i] - points[0], points[2 * i + 1] - points[1]);
    if (distance > farDistance) [far, farDistance] = [i, distance];
  }
  const keep = new Uint8Array(count);
  keep[0] = keep[far] = 1;
  markKept(points, keep, 0, far, tolerance);
  markKept(points, keep, far, count, tolerance);
  if (keep.reduce((sum, kept) => sum + kept, 0) < 3) {
    // The farthest vertex from the chord, so the polygon keeps an area.
    keep[farthestFrom(points, 0, far, count)] = 1;
  }
  const kept: number[] = [];
  for (let i = 0; i < count; i++) if (keep[i] === 1) kept.push(points[2 * i], points[2 * i + 1]);
  return kept;
}

/** The vertices' coordinates, two a vertex. */
const RING: OptionType = {
  expects: "a list of numbers of even length (x, y of each vertex)",
  is: (value) => Array.isArray(value),
  inRange: (value) => (value as unknown[]).length % 2 === 0,
};

/** A distance in pixels. */
const DISTANCE = numberFrom(0);

/** Marks the vertices of `first..last` (index `count` is vertex 0 again) that stay. */
function markKept(
  points: readonly number[],
  keep: Uint8Array,
  first: number,
  last: number,
  tolerance: number,
): void {
  const stack = [[first, last]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    if (to - from < 2) continue;
    const at = farthestFrom(points, from, to, to);
    const count = points.length / 2;
    if (distanceToChord(points, at, from, to % count) <= tolerance) continue;
    keep[at] = 1;
    stack.push([from, at], [at, to]);
  }
}

/** The vertex strictly between `from` and `to` farthest from their chord (`end` % count wraps). */
function farthestFrom(points: readonly number[], from: number, to: number, end: number): number {
  const count = points.length / 2;
  let best = from + 1;
  let bestDistance = -1;
  for (let i = from + 1; i < end; i++) {
    if (i === to) continue;
    const distance = distanceToChord(points, i, from, to % count);
    if (distance > bestDistance) [best, bestDistance] = [i, distance];
  }
  return best;
}

/** The distance of vertex `i` from the segment between vertices `a` and `b`. */
function distanceToChord(points: readonly number[], i: number, a: number, b: number): number {
  const [px, py] = [points[2 * i], points[2 * i + 1]];
  const [ax, ay, bx, by] = [points[2 * a], points[2 * a + 1], points[2 * b], points[2 * b + 1]];
  const [dx, dy] = [bx - ax, by - ay];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
