/**
 * Benchmark data drawn the way people annotate street scenes: a road in perspective whose edges
 * were clicked point by point, cars and people outlined as polygons with diagonal edges on
 * nearly every row, brush strokes (thick polylines with round ends: poles, lane markings, a
 * person painted with a brush), and many small regions (distant signs, people and cars) beside
 * the large ones, several instances of each class. Generated from a seed, so every run draws the
 * same masks; no third-party data.
 *
 * @module
 */

import type { RgbaImage } from "../testing/mask_png.ts";

/** A point `[x, y]` in pixels. */
type Point = readonly [number, number];

/** The bChannels of the scene's classes, as the benchmark's labels have them. */
const CAR = 1, PERSON = 2, ROAD = 3, SIGN = 4, BUILDING = 5, VEGETATION = 6;

/** Draws one scene. */
interface Painter {
  width: number;
  height: number;
  random: () => number;
  data: Uint8Array;
  nextId: number;
}

/**
 * Draws a street scene: buildings on both sides in perspective (their roofline clicked point by
 * point), the road, then `objects - 1` medium objects (cars, people, a sidewalk, trees painted
 * with a wide brush), then small regions and brush strokes, as many as `objects` again (0 to 8
 * small regions, 0 to 3 strokes), each its own instance.
 *
 * @param size The mask's size.
 * @param objects The road and medium objects, 1 to 8.
 * @param random The seeded generator.
 * @returns The RGBA mask: a labelled pixel is `(id, id, bChannel, 255)`, the rest `(0, 0, 0, 0)`.
 */
export function streetScene(
  size: { width: number; height: number },
  objects: number,
  random: () => number,
): RgbaImage {
  const { width, height } = size;
  const painter: Painter = {
    width,
    height,
    random,
    data: new Uint8Array(width * height * 4),
    nextId: 1,
  };
  const vx = width * (0.35 + 0.3 * random());
  const horizon = height * (0.42 + 0.12 * random());
  facade(painter, 0, vx, horizon);
  facade(painter, width, vx, horizon);
  road(painter, vx, horizon);
  const medium = [car, person, tree, sidewalk, person, car, tree];
  for (let k = 1; k < objects; k++) medium[(k - 1) % medium.length](painter);
  const small = Math.floor(random() * (objects + 1));
  for (let k = 0; k < small; k++) smallRegion(painter);
  const strokes = Math.min(3, Math.floor(random() * (objects / 2 + 1)));
  for (let k = 0; k < strokes; k++) brushStroke(painter);
  return { width, height, data: painter.data };
}

/**
 * The share of rows equal to the row above, over a mask's RGBA bytes: what the rgb kernel
 * copies for free. Rectangles score high, drawn scenes low.
 *
 * @param image The mask.
 * @returns A fraction from 0 to 1.
 */
export function repeatedRowShare(image: RgbaImage): number {
  const row = image.width * 4;
  let same = 0;
  for (let y = 1; y < image.height; y++) {
    const above = image.data.subarray((y - 1) * row, y * row);
    const here = image.data.subarray(y * row, (y + 1) * row);
    if (above.every((value, i) => value === here[i])) same++;
  }
  return same / Math.max(1, image.height - 1);
}

/** Buildings along one side (`side`: 0 or the width), their roofline stepping toward `vx`. */
function facade(p: Painter, side: number, vx: number, horizon: number): void {
  const { height, random } = p;
  const near = height * (0.02 + 0.1 * random());
  const far = horizon - height * (0.05 + 0.05 * random());
  const roof: Point[] = [];
  const steps = 5 + Math.floor(random() * 5);
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    const x = side + (vx - side) * t * 0.85;
    const y = near + (far - near) * t + (k % 2 ? 1 : -1) * height * 0.03 * random();
    roof.push([x, y], [x + (vx - side) * 0.85 / steps * 0.9, y]);
  }
  const base = [side + (vx - side) * 0.85, horizon + height * 0.02] as Point;
  fillPolygon(p, [...roof, base, [side, height * 0.8]], take(p, BUILDING));
}

/** A tree or a hedge painted with a wide brush: a few overlapping round dabs along a path. */
function tree(p: Painter): void {
  const { width, height, random } = p;
  const colour = take(p, VEGETATION);
  let [x, y] = [random() * width, height * (0.2 + 0.4 * random())];
  const dabs = 6 + Math.floor(random() * 10);
  for (let k = 0; k < dabs; k++) {
    fillDisc(p, [x, y], height * (0.02 + 0.05 * random()), colour);
    x += (random() - 0.5) * height * 0.12;
    y += (random() - 0.3) * height * 0.06;
  }
}

/** The road in perspective: two clicked edges from a vanishing point to the bottom corners. */
function road(p: Painter, vx: number, horizon: number): void {
  const { width, height } = p;
  const left = jagged([vx - width * 0.03, horizon], [-width * 0.15, height], 9, p);
  const right = jagged([width * 1.15, height], [vx + width * 0.03, horizon], 9, p);
  fillPolygon(p, [...left, ...right], take(p, ROAD));
}

/** A sidewalk: a thin wedge along one side of the road, another instance of the road class. */
function sidewalk(p: Painter): void {
  const { width, height, random } = p;
  const side = random() < 0.5 ? 0 : width;
  const top = height * (0.5 + 0.1 * random());
  const inner = width * (0.15 + 0.2 * random());
  const points = [
    [side, top],
    ...jagged([Math.abs(side - inner * 0.4), top], [Math.abs(side - inner), height], 6, p),
    [side, height],
  ] as Point[];
  fillPolygon(p, points, take(p, ROAD));
}

/** A car: a box-like outline with a sloped roof, 14 to 20 clicked points. */
function car(p: Painter): void {
  const { width, height, random } = p;
  const w = width * (0.06 + 0.14 * random());
  const h = w * (0.45 + 0.2 * random());
  const x = random() * (width - w);
  const y = height * (0.45 + 0.35 * random());
  const outline: Point[] = [
    [0, 0.55],
    [0.08, 0.3],
    [0.25, 0.28],
    [0.35, 0.02],
    [0.7, 0],
    [0.82, 0.27],
    [0.97, 0.33],
    [1, 0.7],
    [0.95, 0.95],
    [0.8, 0.92],
    [0.72, 1],
    [0.3, 1],
    [0.22, 0.92],
    [0.04, 0.94],
  ];
  fillPolygon(p, wobble(outline, [x, y, w, h], 0.02, p), take(p, CAR));
}

/** A person: head, torso, two legs and arms as one outline, taller than wide. */
function person(p: Painter): void {
  const { width, height, random } = p;
  const h = height * (0.12 + 0.3 * random());
  const w = h * (0.32 + 0.1 * random());
  const x = random() * (width - w);
  const y = height * (0.3 + 0.4 * random());
  const outline: Point[] = [
    [0.42, 0],
    [0.6, 0.01],
    [0.64, 0.12],
    [0.86, 0.2],
    [1, 0.5],
    [0.88, 0.52],
    [0.78, 0.32],
    [0.74, 0.58],
    [0.8, 1],
    [0.62, 1],
    [0.5, 0.66],
    [0.4, 1],
    [0.22, 1],
    [0.28, 0.58],
    [0.22, 0.32],
    [0.12, 0.52],
    [0, 0.5],
    [0.16, 0.2],
    [0.38, 0.12],
  ];
  fillPolygon(p, wobble(outline, [x, y, w, h], 0.03, p), take(p, PERSON));
}

/** A small region, 6 to 40 pixels across: a distant sign, person or car. */
function smallRegion(p: Painter): void {
  const { width, height, random } = p;
  const r = 3 + 17 * random();
  const cx = random() * width;
  const cy = height * (0.25 + 0.5 * random());
  const corners = 5 + Math.floor(random() * 4);
  const points: Point[] = [];
  for (let k = 0; k < corners; k++) {
    const angle = (2 * Math.PI * k) / corners + random() * 0.4;
    const radius = r * (0.7 + 0.3 * random());
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle) * 1.4]);
  }
  fillPolygon(p, points, take(p, [SIGN, PERSON, CAR][Math.floor(random() * 3)]));
}

/** A brush stroke: a thick polyline with round joints and ends, 4 to 24 pixels wide. */
function brushStroke(p: Painter): void {
  const { width, height, random } = p;
  const thickness = 4 + 20 * random();
  const steps = 4 + Math.floor(random() * 6);
  const points: Point[] = [[random() * width, height * (0.2 + 0.6 * random())]];
  const heading = random() * 2 * Math.PI;
  for (let k = 1; k < steps; k++) {
    const [x, y] = points[k - 1];
    const angle = heading + (random() - 0.5) * 1.2;
    const length = height * (0.03 + 0.08 * random());
    points.push([x + length * Math.cos(angle), y + length * Math.sin(angle)]);
  }
  const colour = take(p, [SIGN, PERSON, ROAD][Math.floor(random() * 3)]);
  for (let k = 0; k < points.length; k++) {
    fillDisc(p, points[k], thickness / 2, colour);
    if (k === 0) continue;
    const [x0, y0] = points[k - 1];
    const [x1, y1] = points[k];
    const length = Math.hypot(x1 - x0, y1 - y0) || 1;
    const nx = (-(y1 - y0) / length) * thickness / 2;
    const ny = ((x1 - x0) / length) * thickness / 2;
    fillPolygon(p, [[x0 + nx, y0 + ny], [x1 + nx, y1 + ny], [x1 - nx, y1 - ny], [
      x0 - nx,
      y0 - ny,
    ]], colour);
  }
}

/** The next instance's colour, of the class with `bChannel`. */
function take(p: Painter, bChannel: number): readonly number[] {
  const id = p.nextId++;
  return [id, id % 255, bChannel, 255];
}

/** Points clicked along an edge from `a` to `b`: `count` segments, each off the line a little. */
function jagged(a: Point, b: Point, count: number, p: Painter): Point[] {
  const points: Point[] = [];
  const spread = Math.hypot(b[0] - a[0], b[1] - a[1]) * 0.015;
  for (let k = 0; k <= count; k++) {
    const t = k / count;
    const off = k === 0 || k === count ? 0 : (p.random() - 0.5) * 2 * spread;
    points.push([a[0] + (b[0] - a[0]) * t + off, a[1] + (b[1] - a[1]) * t + off]);
  }
  return points;
}

/** An outline in a unit box placed in `[x, y, w, h]`, each point moved by up to `jitter`. */
function wobble(outline: Point[], box: number[], jitter: number, p: Painter): Point[] {
  const [x, y, w, h] = box;
  return outline.map(([u, v]) => [
    x + (u + (p.random() - 0.5) * 2 * jitter) * w,
    y + (v + (p.random() - 0.5) * 2 * jitter) * h,
  ]);
}

/** Fills a polygon (even-odd), sampling pixel centres, clipped to the image. */
function fillPolygon(p: Painter, points: readonly Point[], colour: readonly number[]): void {
  const ys = points.map((point) => point[1]);
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const bottom = Math.min(p.height - 1, Math.ceil(Math.max(...ys)));
  const crossings: number[] = [];
  for (let y = top; y <= bottom; y++) {
    const sy = y + 0.5;
    crossings.length = 0;
    for (let k = 0; k < points.length; k++) {
      const [x0, y0] = points[k];
      const [x1, y1] = points[(k + 1) % points.length];
      if ((y0 <= sy) === (y1 <= sy)) continue;
      crossings.push(x0 + ((sy - y0) / (y1 - y0)) * (x1 - x0));
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      span(p, y, Math.ceil(crossings[k] - 0.5), Math.ceil(crossings[k + 1] - 0.5), colour);
    }
  }
}

/** Fills a disc of centre `c` and radius `r`, sampling pixel centres. */
function fillDisc(p: Painter, c: Point, r: number, colour: readonly number[]): void {
  const top = Math.max(0, Math.floor(c[1] - r));
  const bottom = Math.min(p.height - 1, Math.ceil(c[1] + r));
  for (let y = top; y <= bottom; y++) {
    const dy = y + 0.5 - c[1];
    if (dy * dy > r * r) continue;
    const half = Math.sqrt(r * r - dy * dy);
    span(p, y, Math.ceil(c[0] - half - 0.5), Math.ceil(c[0] + half - 0.5), colour);
  }
}

/** Paints pixels `from <= x < to` of row `y`. */
function span(p: Painter, y: number, from: number, to: number, colour: readonly number[]): void {
  const start = Math.max(0, from);
  const end = Math.min(p.width, to);
  if (start >= end) return;
  const words = new Uint32Array(p.data.buffer, p.data.byteOffset + y * p.width * 4, p.width);
  words.fill(new Uint32Array(new Uint8Array(colour).buffer)[0], start, end);
}
