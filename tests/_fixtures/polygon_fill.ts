/**
 * Polygon fills for tests, written from their descriptions rather than from `lib/`:
 *
 * - {@linkcode cocoPolygonMask}: what pycocotools' `annToMask` gives for a list of polygons
 *   (`frPyObjects`, then `merge`): each polygon by maskApi's `rleFrPoly` (the outline drawn at 5×
 *   scale, the points where it crosses a column centre kept, then toggled down each column),
 *   the polygons' masks united;
 * - {@linkcode evenOddMask}: a plain even-odd fill of pixel centres, row by row, all polygons
 *   together.
 *
 * @module
 */

/** A mask `height` rows of `width`, 1 inside. */
export interface FilledMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** pycocotools' `annToMask` of polygon segmentation: each polygon filled, then united. */
export function cocoPolygonMask(polygons: number[][], width: number, height: number): FilledMask {
  const data = new Uint8Array(width * height);
  for (const polygon of polygons) {
    const one = rleFrPoly(polygon, width, height);
    for (let i = 0; i < data.length; i++) data[i] |= one[i];
  }
  return { width, height, data };
}

/** One polygon as maskApi's `rleFrPoly` rasterises it, as a row-major mask. */
function rleFrPoly(xy: number[], w: number, h: number): Uint8Array {
  const scale = 5;
  const k = xy.length / 2;
  const x: number[] = [];
  const y: number[] = [];
  for (let j = 0; j < k; j++) x.push(Math.trunc(scale * xy[2 * j] + 0.5));
  for (let j = 0; j < k; j++) y.push(Math.trunc(scale * xy[2 * j + 1] + 0.5));
  x.push(x[0]), y.push(y[0]);
  const u: number[] = [];
  const v: number[] = [];
  for (let j = 0; j < k; j++) {
    let [xs, xe, ys, ye] = [x[j], x[j + 1], y[j], y[j + 1]];
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) [xs, xe, ys, ye] = [xe, xs, ye, ys];
    const s = dx >= dy ? (ye - ys) / dx : (xe - xs) / dy;
    if (dx >= dy) {
      for (let d = 0; d <= dx; d++) {
        const t = flip ? dx - d : d;
        u.push(t + xs), v.push(Math.trunc(ys + s * t + 0.5));
      }
    } else {
      for (let d = 0; d <= dy; d++) {
        const t = flip ? dy - d : d;
        v.push(t + ys), u.push(Math.trunc(xs + s * t + 0.5));
      }
    }
  }
  // The points where the outline passes a column centre, downsampled.
  const starts: number[] = [];
  for (let j = 1; j < u.length; j++) {
    if (u[j] === u[j - 1]) continue;
    let xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
    xd = (xd + 0.5) / scale - 0.5;
    if (Math.floor(xd) !== xd || xd < 0 || xd > w - 1) continue;
    let yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
    yd = (yd + 0.5) / scale - 0.5;
    yd = Math.ceil(yd < 0 ? 0 : yd > h ? h : yd);
    starts.push(xd * h + yd);
  }
  starts.push(h * w);
  starts.sort((a, b) => a - b);
  // Run lengths between the sorted points, alternating 0s and 1s from 0s; an empty run (two
  // equal points) is dropped and the run after it joins the one before, as maskApi does.
  const counts = starts.map((at, j) => at - (j === 0 ? 0 : starts[j - 1]));
  const runs = [counts[0]];
  for (let j = 1; j < counts.length; j++) {
    if (counts[j] > 0) runs.push(counts[j]);
    else if (++j < counts.length) runs[runs.length - 1] += counts[j];
  }
  const mask = new Uint8Array(w * h);
  let position = 0;
  runs.forEach((count, i) => {
    for (let p = position; p < position + count && i % 2 === 1; p++) {
      mask[(p % h) * w + Math.floor(p / h)] = 1;
    }
    position += count;
  });
  return mask;
}

/** The even-odd fill of pixel centres `(x + 0.5, y + 0.5)` by all the polygons together. */
export function evenOddMask(polygons: number[][], width: number, height: number): FilledMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    const crossings: number[] = [];
    for (const p of polygons) {
      for (let i = 0; i < p.length; i += 2) {
        const j = (i + 2) % p.length;
        const [ax, ay, bx, by] = [p[i], p[i + 1], p[j], p[j + 1]];
        if ((ay > cy) !== (by > cy)) crossings.push(ax + ((cy - ay) * (bx - ax)) / (by - ay));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      for (let x = 0; x < width; x++) {
        if (x + 0.5 > crossings[c] && x + 0.5 < crossings[c + 1]) data[y * width + x] = 1;
      }
    }
  }
  return { width, height, data };
}

/** Intersection over union of two masks of one size (1 when both are empty). */
export function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i] & b[i];
    either += a[i] | b[i];
  }
  return either === 0 ? 1 : both / either;
}
