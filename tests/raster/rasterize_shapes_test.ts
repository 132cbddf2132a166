import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { MasksError } from "../../lib/errors.ts";
import { rasterizeShapes, type Shape } from "../../lib/raster/rasterize_shapes.ts";
import { colours, picture } from "./_pictures.ts";
import { seededRandom } from "../../testing/seeded_random.ts";

function polygon(instanceId: number, rings: number[][], holes: number[][] = []): Shape {
  return { kind: "polygon", rings, holes, instanceId, bChannel: 10 + instanceId };
}

function rectangle(instanceId: number, box: number[]): Shape {
  return { kind: "rectangle", rings: [box], instanceId, bChannel: 10 + instanceId };
}

Deno.test("rasterizeShapes() paints a triangle's pixels whose centres are inside", () => {
  // In pixels (0,0), (4,0), (0,4): the diagonal passes through pixel centres, which stay out.
  const mask = rasterizeShapes([polygon(1, [[0, 0, 1, 0, 0, 1]])], { width: 4, height: 4 });
  assert.deepEqual(picture(mask), ["111.", "11..", "1...", "...."]);
  assert.deepEqual(colours(mask), ["0,0,0", "1,1,11"]);
});

Deno.test("rasterizeShapes() cuts a square hole out of a square", () => {
  const hole = [0.25, 0.25, 0.75, 0.25, 0.75, 0.75, 0.25, 0.75];
  const mask = rasterizeShapes([polygon(3, [[0, 0, 1, 0, 1, 1, 0, 1]], [hole])], {
    width: 8,
    height: 8,
  });
  assert.deepEqual(picture(mask), [
    "33333333",
    "33333333",
    "33....33",
    "33....33",
    "33....33",
    "33....33",
    "33333333",
    "33333333",
  ]);
  assert.deepEqual(colours(mask), ["0,0,0", "3,3,13"]);
});

Deno.test("rasterizeShapes() fills a concave polygon", () => {
  // A U open at the top, in pixels (0,0) (2,0) (2,2) (3,2) (3,0) (5,0) (5,4) (0,4).
  const u = [0, 0, 0.4, 0, 0.4, 0.5, 0.6, 0.5, 0.6, 0, 1, 0, 1, 1, 0, 1];
  const mask = rasterizeShapes([polygon(1, [u])], { width: 5, height: 4 });
  assert.deepEqual(picture(mask), ["11.11", "11.11", "11111", "11111"]);
});

Deno.test("rasterizeShapes() paints later shapes over earlier ones", () => {
  const left = rectangle(1, [0, 0, 0.75, 1]);
  const right = rectangle(2, [0.5, 0.5, 1, 1]);
  const size = { width: 4, height: 2 };
  assert.deepEqual(picture(rasterizeShapes([left, right], size)), ["111.", "1122"]);
  assert.deepEqual(picture(rasterizeShapes([right, left], size)), ["111.", "1112"]);
  assert.deepEqual(colours(rasterizeShapes([left, right], size)), ["0,0,0", "1,1,11", "2,2,12"]);
});

Deno.test("rasterizeShapes() fills a rectangle's centres in [left, right) × [top, bottom)", () => {
  const size = { width: 4, height: 4 };
  // Edges on pixel boundaries: pixels 1..2 of row 1.
  const onBoundaries = rasterizeShapes([rectangle(1, [0.25, 0.25, 0.75, 0.5])], size);
  assert.deepEqual(picture(onBoundaries), ["....", ".11.", "....", "...."]);
  // Edges through pixel centres (1.5 and 2.5): the left and top ones are in, the others out.
  const onCentres = rasterizeShapes([rectangle(1, [0.375, 0.375, 0.625, 0.625])], size);
  assert.deepEqual(picture(onCentres), ["....", ".1..", "....", "...."]);
  // Corners in either order give the same box.
  const reversed = rasterizeShapes([rectangle(1, [0.75, 0.5, 0.25, 0.25])], size);
  assertSameData(reversed.data, onBoundaries.data);
  // A box narrower than a pixel's centre spacing paints nothing.
  assert.deepEqual(colours(rasterizeShapes([rectangle(1, [0.4, 0, 0.6, 1])], size)), ["0,0,0"]);
});

Deno.test("rasterizeShapes() cuts off what lies outside the image", () => {
  const size = { width: 4, height: 4 };
  const beyond = [-0.05, -0.05, 1.05, -0.05, 1.05, 1.05, -0.05, 1.05];
  assert.deepEqual(picture(rasterizeShapes([polygon(1, [beyond])], size)), [
    "1111",
    "1111",
    "1111",
    "1111",
  ]);
  // A triangle whose right corner is past the border: in pixels (0,0), (4.4,2), (0,4).
  const triangle = [0, 0, 1.1, 0.5, 0, 1];
  assert.deepEqual(picture(rasterizeShapes([polygon(1, [triangle])], size)), [
    "1...",
    "111.",
    "111.",
    "1...",
  ]);
  assert.deepEqual(picture(rasterizeShapes([rectangle(1, [-0.1, 0.5, 0.3, 1.1])], size)), [
    "....",
    "....",
    "1...",
    "1...",
  ]);
});

Deno.test("rasterizeShapes() unites a shape's rings and paints nothing for a flat one", () => {
  const size = { width: 4, height: 1 };
  const twoRings = polygon(1, [[0, 0, 0.5, 0, 0.5, 1, 0, 1], [0.25, 0, 0.75, 0, 0.75, 1, 0.25, 1]]);
  assert.deepEqual(picture(rasterizeShapes([twoRings], size)), ["111."]);
  const flat = polygon(1, [[0, 0, 0.5, 0.5, 1, 1]]);
  assert.deepEqual(picture(rasterizeShapes([flat], size)), ["...."]);
  assert.deepEqual(picture(rasterizeShapes([], size)), ["...."]);
});

Deno.test("rasterizeShapes() writes instance 255 with G = 0 and refuses 256 instances", () => {
  const square = [0, 0, 1, 0, 1, 1, 0, 1];
  const mask = rasterizeShapes([{ ...polygon(255, [square]), bChannel: 4 }], {
    width: 1,
    height: 1,
  });
  assert.deepEqual([...mask.data], [255, 0, 4]);
  const many = Array.from(
    { length: 256 },
    (_, i) => ({ ...polygon(i + 1, [square]), bChannel: 1 }),
  );
  assert.throws(
    () => rasterizeShapes(many, { width: 1, height: 1 }),
    new MasksError(
      "the task has 256 annotations; the RGB mask convention holds at most 255 instances",
    ),
  );
  assert.equal(rasterizeShapes(many.slice(0, 255), { width: 1, height: 1 }).data[0], 255);
});

Deno.test("rasterizeShapes() rejects bad sizes, ids, bChannels and rings", () => {
  const square = [0, 0, 1, 0, 1, 1, 0, 1];
  const size = { width: 2, height: 2 };
  const cases: [() => unknown, RegExp][] = [
    [() => rasterizeShapes([], { width: 0, height: 2 }), /image size is 0×2/],
    [() => rasterizeShapes([], { width: 2.5, height: 2 }), /image size is 2.5×2/],
    [() => rasterizeShapes([polygon(0, [square])], size), /shape 1 has instance id 0/],
    [() => rasterizeShapes([{ ...polygon(1, [square]), bChannel: 256 }], size), /bChannel 256/],
    [() => rasterizeShapes([polygon(1, [[0, 0, 1, 1]])], size), /ring 1 has 4 numbers/],
    [() => rasterizeShapes([polygon(1, [square], [[0, NaN, 1, 1, 0, 1]])], size), /hole 1 has NaN/],
    [() => rasterizeShapes([rectangle(1, [0, 0, 1])], size), /a rectangle has 4/],
    [() => rasterizeShapes([rectangle(1, [0, 0, 1, 3])], size), /has 3 at position 4.*outside/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (error: unknown) => {
      assert.ok(error instanceof MasksError);
      assert.match(error.message, message);
      return true;
    });
  }
});

/** The even-odd rule at one point, edge by edge: the reference the scanline fill must match. */
function insideRing(ring: readonly number[], width: number, height: number, x: number, y: number) {
  let inside = false;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = (i + 2) % n;
    const x0 = ring[i] * width;
    const y0 = ring[i + 1] * height;
    const x1 = ring[j] * width;
    const y1 = ring[j + 1] * height;
    if ((y0 > y) !== (y1 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0)) inside = !inside;
  }
  return inside;
}

/** The mask of `shapes` by testing every pixel centre against every ring: slow and obvious. */
function bruteForce(shapes: Shape[], width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      for (const shape of shapes) {
        const at = (ring: readonly number[]) =>
          shape.kind === "rectangle"
            ? between(px + 0.5, ring[0] * width, ring[2] * width) &&
              between(py + 0.5, ring[1] * height, ring[3] * height)
            : insideRing(ring, width, height, px + 0.5, py + 0.5);
        if (shape.rings.some(at) && !(shape.holes ?? []).some(at)) {
          data.set(
            [shape.instanceId, shape.instanceId % 255, shape.bChannel],
            (py * width + px) * 3,
          );
        }
      }
    }
  }
  return data;
}

function between(value: number, a: number, b: number): boolean {
  return Math.min(a, b) <= value && value < Math.max(a, b);
}

Deno.test("rasterizeShapes() matches a per-pixel even-odd reference on random shapes", () => {
  const random = seededRandom(20240611);
  const width = 64;
  const height = 48;
  // Coordinates anywhere in -0.09..1.09, or snapped to half pixels so edges hit pixel centres.
  const coordinate = (snap: boolean, cells: number) => {
    const value = random() * 1.18 - 0.09;
    return snap ? Math.round(value * cells * 2) / (cells * 2) : value;
  };
  const ringOf = (points: number, snap: boolean) =>
    Array.from({ length: points }, () => [coordinate(snap, width), coordinate(snap, height)])
      .flat();
  let painted = 0;
  for (let round = 0; round < 60; round++) {
    const snap = round % 2 === 1;
    const shapes: Shape[] = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => {
      const kind = random() < 0.25 ? "rectangle" : "polygon";
      const points = kind === "rectangle" ? 2 : 3 + Math.floor(random() * 10);
      const rings = Array.from(
        { length: 1 + Math.floor(random() * 2) },
        () => ringOf(points, snap),
      );
      const holes = Array.from({ length: Math.floor(random() * 3) }, () => ringOf(points, snap));
      return { kind, rings, holes, instanceId: i + 1, bChannel: Math.floor(random() * 256) };
    });
    const mask = rasterizeShapes(shapes, { width, height });
    const expected = bruteForce(shapes, width, height);
    assertSameData(mask.data, expected, `round ${round}: ${JSON.stringify(shapes)}`);
    painted += expected.filter((value, i) => i % 3 === 0 && value !== 0).length;
  }
  // The shapes covered a fair share of the 60 images, so the comparison meant something.
  assert.ok(painted > 60 * width * height * 0.2, `only ${painted} pixels painted`);
});
