import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { formConfiguration, formInput } from "../_fixtures/project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import {
  annotation,
  bodyTask,
  cocoShards,
  configurationOf,
  labOf,
  runCocoExport,
} from "./_fixtures.ts";
import { decodeRle } from "../_fixtures/coco_rle_mask.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

/** The pixels `x,y` of a mask whose red and blue values are (r, b). */
function pixelsOf(mask: { width: number; data: Uint8Array }, r: number, b: number): Set<string> {
  const pixels = new Set<string>();
  for (let i = 0; i < mask.data.length / 3; i++) {
    if (mask.data[i * 3] === r && mask.data[i * 3 + 2] === b) {
      pixels.add(`${i % mask.width},${Math.floor(i / mask.width)}`);
    }
  }
  return pixels;
}

// 6×4: instance 1 of car (B 1) and of person (B 2), instance 2 of car in two regions, an unknown
// bChannel 9 (no annotation), G values that do not matter.
const P = (r: number, g: number, b: number) => [r, g, b];
const MASK = {
  width: 6,
  height: 4,
  data: new Uint8Array([
    ...[P(1, 1, 1), P(1, 1, 1), P(0, 0, 0), P(2, 7, 1), P(0, 0, 0), P(3, 3, 9)].flat(),
    ...[P(1, 9, 1), P(1, 1, 2), P(0, 0, 0), P(2, 2, 1), P(0, 0, 0), P(0, 0, 0)].flat(),
    ...[P(0, 0, 0), P(1, 1, 2), P(0, 0, 0), P(0, 0, 0), P(0, 0, 0), P(2, 2, 1)].flat(),
    ...[P(0, 0, 0), P(0, 0, 0), P(0, 0, 0), P(0, 0, 0), P(0, 0, 0), P(2, 2, 1)].flat(),
  ]),
};

Deno.test("export --format coco writes one RLE annotation per (R, B) instance, decoding to its pixels", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), [
    bodyTask("t1", "a/1.jpg", { mask: encodeDataUri(writeMaskPng(MASK, { colourType: 6 })) }),
    bodyTask("t2", "never.jpg"),
    bodyTask("t3", "broken.jpg", { mask: "data:image/png;base64,AAAA" }),
    bodyTask("t4", "grey.jpg", { mask: encodeDataUri(writeMaskPng(MASK, { colourType: 2 })) }),
  ]);
  const ran = await runCocoExport(lab, "seg", { folder: dir.path, name: "seg.json" }, ["--json"]);
  assertEquals(ran.code, 1, ran.stderr);
  const summary = JSON.parse(ran.stdout);
  assertEquals(summary.file, `${dir.path}/seg.json`);
  assertEquals([summary.exported, summary.skipped, summary.failed], [2, 1, 1]);
  assertEquals(summary.failures[0].taskId, "t3");
  const coco = JSON.parse(await Deno.readTextFile(`${dir.path}/seg.json`));
  assertEquals(coco.licenses, []);
  assertEquals(coco.info.description, "lab project seg");
  // Class-index order follows availableLabels (objects, then ground), not the main list.
  assertEquals(coco.categories, [
    { id: 1, name: "car", supercategory: "Things" },
    { id: 2, name: "person", supercategory: "Things" },
    { id: 3, name: "road", supercategory: "Things" },
  ]);
  assertEquals(coco.images, [
    { id: 1, file_name: "a/1.jpg", width: 6, height: 4, lab_task_id: "t1" },
    { id: 2, file_name: "grey.jpg", width: 6, height: 4, lab_task_id: "t4" },
  ]);
  const expected = [[1, 1, 1], [1, 2, 2], [2, 1, 1]];
  assertEquals(coco.annotations.length, 6);
  coco.annotations.forEach((entry: Record<string, unknown>, i: number) => {
    const [r, b, category] = expected[i % 3];
    const pixels = pixelsOf(MASK, r, b);
    assertEquals(entry.id, i + 1);
    assertEquals(entry.image_id, i < 3 ? 1 : 2);
    assertEquals(entry.category_id, category);
    assertEquals(entry.iscrowd, 0);
    assertEquals(entry.area, pixels.size);
    const segmentation = entry.segmentation as { size: [number, number]; counts: string };
    assertEquals(segmentation.size, [4, 6]);
    assertEquals(decodeRle(segmentation), pixels, `annotation ${i + 1}`);
  });
  // Instance 2 of car spans columns 3..5 and rows 0..3.
  assertEquals(coco.annotations[2].bbox, [3, 0, 3, 4]);
  assertEquals(coco.annotations[1].bbox, [1, 1, 1, 2]);
});

Deno.test("exportMasks() with format coco writes polygons in pixels, holes as RLE, and leaves unlabelled shapes out", async () => {
  await using dir = await tempDir();
  const square = [0, 0, 1, 0, 1, 1, 0, 1];
  const hole = [0.25, 0.25, 0.75, 0.25, 0.75, 0.75, 0.25, 0.75];
  await using lab = await labOf(
    formConfiguration("form", [formInput("poly", "tool-iat-polygon"), formInput("txt", "text")]),
    [
      bodyTask("t1", "a.jpg", {
        poly: {
          image: { width: 200, height: 100 },
          annotations: [
            annotation("a1", ["person"], [{ vertices: [0.1, 0.2, 0.5, 0.2, 0.5, 0.6] }]),
            annotation("a2", [], [{ vertices: square }]),
            { ...annotation("a3", ["road", "car"], [{ vertices: square }]), minus: [] },
          ],
        },
      }),
      bodyTask("t2", "holed.jpg", {
        poly: {
          image: { width: 4, height: 4 },
          annotations: [{
            ...annotation("a4", ["car"], [{ vertices: square }]),
            minus: [{ geometry: { vertices: hole } }],
          }],
        },
      }),
      bodyTask("t3", "nosize.jpg", {
        poly: { annotations: [annotation("a5", ["car"], [{ vertices: square }])] },
      }),
      bodyTask("t4", "unlabelled.jpg", { poly: {} }),
    ],
  );
  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: "form",
    format: "coco",
    outputFolder: dir.path,
    outputFilename: "vector.json",
  });
  assertEquals([summary.exported, summary.skipped, summary.failed], [2, 1, 1]);
  assertEquals(summary.annotationsLeftOut, 1);
  assert(summary.failures[0].reason!.includes("image size is missing"));
  const coco = JSON.parse(await Deno.readTextFile(`${dir.path}/vector.json`));
  assertEquals(coco.images.map((image: { file_name: string }) => image.file_name), [
    "a.jpg",
    "holed.jpg",
  ]);
  const [triangle, whole, holed] = coco.annotations;
  assertEquals(triangle.category_id, 2);
  assertEquals(triangle.segmentation, [[20, 20, 100, 20, 100, 60]]);
  assertEquals(triangle.area, 1600);
  assertEquals(triangle.bbox, [20, 20, 80, 40]);
  // "road" comes first in the annotation's labels, and has class 3.
  assertEquals(whole.category_id, 3);
  assertEquals([whole.area, whole.bbox], [20000, [0, 0, 200, 100]]);
  // A 4×4 square less the pixels whose centres are inside the hole (columns and rows 1..2).
  const ring = new Set<string>();
  for (let x = 0; x < 4; x++) {
    for (let y = 0; y < 4; y++) if (!(x >= 1 && x <= 2 && y >= 1 && y <= 2)) ring.add(`${x},${y}`);
  }
  assertEquals(decodeRle(holed.segmentation), ring);
  assertEquals([holed.image_id, holed.area, holed.bbox], [2, 12, [0, 0, 4, 4]]);
});

Deno.test("export --format coco writes rectangles as 4 corners and refuses graphs and sequences", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("boxes", "iat-rectangle"), [
    bodyTask("t1", "a.jpg", {
      image: { width: 10, height: 20 },
      annotations: [
        annotation("a1", ["car"], [{ type: "rectangle", vertices: [0.8, 0.5, 0.2, 0.25] }]),
      ],
    }),
  ] as Task[]);
  const ran = await runCocoExport(lab, "boxes", { folder: dir.path, name: "boxes.json" });
  assertEquals(ran.code, 0, ran.stderr);
  const [box] = JSON.parse(await Deno.readTextFile(`${dir.path}/boxes.json`)).annotations;
  assertEquals(box.segmentation, [[2, 5, 8, 5, 8, 10, 2, 10]]);
  assertEquals([box.area, box.bbox], [30, [2, 5, 6, 5]]);
  for (
    const [configuration, words] of [
      [configurationOf("g", "iat-graph"), '"iat-graph"'],
      [configurationOf("g", "iat-polygon", { sequence: true }), "sequence"],
    ] as const
  ) {
    await using other = await labOf(configuration, []);
    const refused = await runCli(
      ["export", "--project-id", "g", "--format", "coco", "--output-folder", dir.path],
      labEnv(other),
    );
    assertEquals(refused.code, 2);
    assert(refused.stderr.includes(words), refused.stderr);
  }
});

Deno.test("exportMasks() with format coco writes one file per shard, each numbered from 1", async () => {
  await using dir = await tempDir();
  const tasks = Array.from({ length: 8 }, (_, i) =>
    bodyTask(`t${i}`, `${i}.jpg`, {
      image: { width: 4, height: 4 },
      annotations: [annotation(`a${i}`, ["car"], [{ vertices: [0, 0, 0.5, 0.5] }])],
    }));
  await using lab = await labOf(configurationOf("boxes", "iat-rectangle"), tasks);
  const seen: string[] = [];
  for (const coco of await cocoShards(lab, "boxes", { folder: dir.path, count: 2 })) {
    assertEquals(
      coco.images.map((image: { id: number }) => image.id),
      coco.images.map((_: unknown, i: number) => i + 1),
    );
    assertEquals(coco.annotations[0].id, 1);
    seen.push(...coco.images.map((image: { lab_task_id: string }) => image.lab_task_id));
  }
  assertEquals(seen.sort(), tasks.map((task) => task._id).sort());
});
