/**
 * Following the boundaries of a region of pixels: every outline and hole, each started at its
 * first top edge row by row, each hole knowing the outline around it.
 *
 * @module
 */

import type { ColumnRuns } from "./_column_runs.ts";

/** A traced boundary: its corners `x0, y0, x1, y1...` on the pixel grid. */
export interface Ring {
  points: number[];
  /** A hole's outline: the index of the ring around its part; none for an outline. */
  parent?: number;
}

/**
 * Every outline and hole of a region, each started at its first top edge row by row, as a scan
 * of the region's pixels would meet them; each hole knows the outline of its 8-connected part,
 * the part's first ring. A ring starts only at a run's first pixel, so only those are looked at.
 *
 * @param runs The region's runs down its columns.
 * @returns The rings, each outline before the holes of its part.
 */
export function traceRings(runs: ColumnRuns): Ring[] {
  // Whether a run's first pixel's top edge was walked, by a ring traced before.
  const started = new Uint8Array(runs.count);
  const parts = runs.parts();
  // The ring of each part's outline, by the part's number; -1 before it is traced.
  const ringOfPart = new Int32Array(runs.count).fill(-1);
  const rings: Ring[] = [];
  for (const r of runs.inRowOrder()) {
    if (started[r] === 1) continue;
    const points = traceRing(runs, runs.column[r], runs.first[r], started);
    const part = parts[r];
    if (ringOfPart[part] >= 0) {
      rings.push({ points, parent: ringOfPart[part] });
      continue;
    }
    ringOfPart[part] = rings.length;
    rings.push({ points });
  }
  return rings;
}

/**
 * Follows one boundary from the top edge of pixel `(x0, y0)`, the region on the right, keeping
 * the corners, and marks the runs whose first pixel's top edge it walks in `started`. Where two
 * pixels touch by a corner only, it turns towards the other, so a part is 8-connected (a diagonal
 * line is one polygon that touches itself at its corners).
 */
function traceRing(runs: ColumnRuns, x0: number, y0: number, started: Uint8Array): number[] {
  let points = CORNERS.points;
  let count = 0;
  let x = x0;
  let y = y0;
  let dx = 1;
  let dy = 0;
  for (;;) {
    // Along a top edge, the pixel below it is the first of its run.
    if (dx === 1) started[runs.startingAt(x, y)] = 1;
    x += dx;
    y += dy;
    // The pixels ahead of the corner, on the left and on the right of the way: a left turn,
    // straight on, or a right turn.
    let nx = -dy;
    let ny = dx;
    if (runs.has(x + (dx + dy < 0 ? -1 : 0), y + (dy - dx < 0 ? -1 : 0))) {
      nx = dy;
      ny = -dx;
    } else if (runs.has(x + (dx - dy < 0 ? -1 : 0), y + (dy + dx < 0 ? -1 : 0))) {
      nx = dx;
      ny = dy;
    }
    if (nx !== dx || ny !== dy) {
      if (count + 2 > points.length) points = CORNERS.grow(count + 2);
      points[count++] = x;
      points[count++] = y;
    }
    dx = nx;
    dy = ny;
    if (x === x0 && y === y0 && dx === 1) return CORNERS.copy(count);
  }
}

/** The most coordinates the corners' buffer keeps room for between rings (4 MiB). */
const KEPT_CORNERS = 1 << 20;

/**
 * The corners of the ring being traced, in one buffer a thread reused from ring to ring: each ring
 * is then copied once into an array of its size, where an array grown by pushes leaves its
 * smaller copies behind (a third of what tracing a mask allocated).
 */
const CORNERS: {
  points: Int32Array;
  grow(size: number): Int32Array;
  copy(count: number): number[];
} = {
  points: new Int32Array(4096),
  /** A buffer of at least `size` corners' coordinates, holding the ones so far. */
  grow(size: number): Int32Array {
    const grown = new Int32Array(Math.max(size, 2 * this.points.length));
    grown.set(this.points);
    return this.points = grown;
  },
  /** The first `count` coordinates, as an array of their own; a buffer grown large is let go. */
  copy(count: number): number[] {
    const points = new Array<number>(count);
    for (let i = 0; i < count; i++) points[i] = this.points[i];
    if (this.points.length > KEPT_CORNERS) this.points = new Int32Array(4096);
    return points;
  },
};
