/**
 * The tracing behind `--coco-segmentation polygon` and `yolo-seg`, from its two inputs (a region's
 * pixels, an instance's column runs) and through the jobs the export runs on its workers.
 */
import assert from "../_std/assert.ts";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { maskInstances } from "../../lib/formats/mask_instances.ts";
import {
  cocoPolygonInstances,
  maskInstancePolygons,
} from "../../lib/formats/mask_instance_polygons.ts";
import { traceInstancePolygons, tracePolygons } from "../../lib/formats/trace_polygons.ts";
import {
  yoloClassesOf,
  yoloSegmentFile,
  yoloSegmentLines,
} from "../../lib/formats/yolo_segment_lines.ts";
import { cocoCategories } from "../../lib/formats/coco_categories.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodePng } from "../../lib/png/encode_png.ts";
import { MasksError } from "../../lib/errors.ts";
import { errorWith } from "../_std/error_with.ts";
import { seededRandom } from "../../testing/seeded_random.ts";
import { evenOddMask } from "../_fixtures/polygon_fill.ts";
import { configurationOf } from "./_fixtures.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);

/** Every blue value a class of its own (1 to 255), so every pixel with R >= 1 is an instance's. */
const EVERY_B = Uint8Array.from({ length: 256 }, (_, b) => b);

/** A random region: blobs, holes in them, islands in the holes, and lone pixels. */
function randomRegion(random: () => number, width: number, height: number): Uint8Array {
  const inside = new Uint8Array(width * height);
  for (let k = 0; k < 12; k++) {
    const [cx, cy] = [random() * width, random() * height];
    const radius = 1 + random() * width / 4;
    const value = k % 3 === 2 ? 0 : 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 < radius ** 2) inside[y * width + x] = value;
      }
    }
  }
  for (let k = 0; k < width; k++) {
    inside[Math.floor(random() * inside.length)] = random() < 0.5 ? 1 : 0;
  }
  return inside;
}

Deno.test("a region's pixels and its instance's column runs trace the same polygons, which fill back to it", () => {
  const random = seededRandom(29);
  for (let round = 0; round < 40; round++) {
    const [width, height] = [8 + Math.floor(random() * 40), 8 + Math.floor(random() * 30)];
    const inside = randomRegion(random, width, height);
    if (!inside.includes(1)) continue;
    // The region as instance 1 of a mask: R = 1, B = 7 inside.
    const data = new Uint8Array(width * height * 3);
    inside.forEach((value, p) => value && data.set([1, 1, 7], 3 * p));
    const [instance] = maskInstances({ width, height, data }, EVERY_B);
    const [left, top, boxWidth, boxHeight] = instance.bbox;
    const box = new Uint8Array(boxWidth * boxHeight);
    for (let y = 0; y < boxHeight; y++) {
      for (let x = 0; x < boxWidth; x++) {
        box[y * boxWidth + x] = inside[(y + top) * width + x + left];
      }
    }
    for (const tolerance of [0, 1.5]) {
      const fromRuns = traceInstancePolygons(instance, height, { tolerance });
      const region = { left, top, width: boxWidth, height: boxHeight, inside: box };
      assertEquals(fromRuns, tracePolygons(region, { tolerance }), `round ${round}, ${tolerance}`);
      if (tolerance > 0) continue;
      const filled = evenOddMask(fromRuns, width, height).data;
      assertEquals(filled, inside, `round ${round}: the polygons fill back to the region`);
    }
  }
});

Deno.test("maskInstancePolygons() and cocoPolygonInstances() read every PNG flavour as the decoded pixels trace", async () => {
  const flavours: { file: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  let traced = 0;
  for (const { file } of flavours) {
    const bytes = await Deno.readFile(new URL(file, FLAVOURS));
    const image = await decodePng(bytes);
    const expected = maskInstances(image, EVERY_B).map((instance) => ({
      instanceId: instance.instanceId,
      classIndex: instance.classIndex,
      area: instance.area,
      bbox: instance.bbox,
      polygons: traceInstancePolygons(instance, image.height),
    }));
    const job = { bytes, classOfBChannel: EVERY_B, tolerance: 0 };
    const actual = maskInstancePolygons(job);
    assertEquals(actual, { width: image.width, height: image.height, instances: expected }, file);
    // COCO's: the same instances, each with its polygons as JSON text.
    const coco = cocoPolygonInstances(job).instances;
    assertEquals(
      coco.map((instance) => JSON.parse(instance.segmentation)),
      expected.map((one) => one.polygons),
    );
    assertEquals(
      coco.map(({ segmentation: _, ...rest }) => rest),
      expected.map(({ polygons: _, ...rest }) => rest),
    );
    traced += expected.length;
  }
  assert.ok(traced > 0, "the flavours hold instances");
});

Deno.test("yoloSegmentFile() deflates the lines yoloSegmentLines() writes, names their classes, and refuses a label with no class", async () => {
  const classes = cocoCategories(configurationOf("p", "iat-segmentation").metadata, false);
  const names = classes.categories.map((category) => category.name).reverse();
  const [first, second] = classes.categories;
  const [width, height] = [40, 30];
  const data = new Uint8Array(width * height * 3);
  const random = seededRandom(3);
  for (const [r, category] of [[1, first], [2, second], [3, first]] as const) {
    const inside = randomRegion(random, width, height);
    const b = classes.classOfBChannel.indexOf(category.id);
    inside.forEach((value, p) => value && data.set([r, r, b], 3 * p));
  }
  const bytes = await encodePng({ width, height, data });
  const job = { bytes, classOfBChannel: classes.classOfBChannel, tolerance: 0 };
  const file = yoloSegmentFile({ ...job, ...yoloClassesOf(names, classes) });
  const text = new TextDecoder().decode(inflateRawSync(file.deflated));
  assertEquals(text, yoloSegmentLines({ width, height, data }, { names, classes }));
  assertEquals(file.size, new TextEncoder().encode(text).length);
  // At zlib's level 2, which costs a quarter of the default's time for large label files.
  const [deflated, lines] = [new Uint8Array(file.deflated), new TextEncoder().encode(text)];
  assertEquals(deflated, new Uint8Array(deflateRawSync(lines, { level: 2 })));
  assert.notDeepStrictEqual(deflated, new Uint8Array(deflateRawSync(lines)));
  const shown = new Set(text.trim().split("\n").map((line) => Number(line.split(" ")[0])));
  assertEquals(file.classes, [...shown].sort((a, b) => a - b));
  const withoutSecond = yoloClassesOf(names.filter((name) => name !== second.name), classes);
  assert.throws(
    () => yoloSegmentFile({ ...job, ...withoutSecond }),
    errorWith(MasksError, `its mask has instances of the label "${second.name}", which no main`),
  );
});

Deno.test("yoloSegmentFile() writes each mask's lines alone: a long file, then a short one, then the long one again", async () => {
  const classes = cocoCategories(configurationOf("p", "iat-segmentation").metadata, false);
  const names = classes.categories.map((category) => category.name);
  const b = classes.classOfBChannel.indexOf(classes.categories[0].id);
  // Scattered pixels: a polygon for nearly each.
  const maskOf = async (width: number, height: number, seed: number) => {
    const data = new Uint8Array(width * height * 3);
    const random = seededRandom(seed);
    for (let p = 0; p < width * height; p++) if (random() < 0.2) data.set([1, 1, b], 3 * p);
    return { bytes: await encodePng({ width, height, data }), image: { width, height, data } };
  };
  // The long one's lines outgrow the buffer they are written in (64 KiB at first).
  const long = await maskOf(200, 150, 5);
  const short = await maskOf(8, 6, 6);
  const lookup = yoloClassesOf(names, classes);
  const texts: string[] = [];
  for (const { bytes } of [long, short, long]) {
    const file = yoloSegmentFile({
      bytes,
      classOfBChannel: classes.classOfBChannel,
      tolerance: 0,
      ...lookup,
    });
    texts.push(new TextDecoder().decode(inflateRawSync(file.deflated)));
  }
  assert.ok(texts[0].length > 64 * 1024, `${texts[0].length} bytes`);
  assertEquals(texts[0], yoloSegmentLines(long.image, { names, classes }));
  assertEquals(texts[1], yoloSegmentLines(short.image, { names, classes }));
  assertEquals(texts[2], texts[0]);
});
