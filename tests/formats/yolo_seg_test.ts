import assert from "../_std/assert.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { blobMask, layoutMask } from "../_fixtures/layout_masks.ts";
import { cocoPolygonMask, iou } from "../_fixtures/polygon_fill.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { bodyTask, configurationOf, labOf, LISTED_LABELS, unzip } from "./_fixtures.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

const MASKS: Record<string, RgbImage> = {
  "labels/street/a.txt": layoutMask(),
  "labels/b.txt": blobMask(),
};
const TASKS = [
  bodyTask("t1", "street/a.jpg", {
    mask: encodeDataUri(writeMaskPng(layoutMask(), { colourType: 6 })),
  }),
  bodyTask("t2", "b.png", { mask: encodeDataUri(writeMaskPng(blobMask(), { colourType: 2 })) }),
  bodyTask("t3", "c.jpg"),
];
// The main list shows ground, then objects: yolo's classes are road, car, person.
const NAMES = ["road", "car", "person"];
const B_CHANNEL: Record<string, number> = Object.fromEntries(
  Object.values(LISTED_LABELS).flat().map((label) => [label.id, label.bChannel!]),
);

/** Pixels with R >= 1 and this B, row-major, 1 inside. */
function labelPixels(image: RgbImage, bChannel: number): Uint8Array {
  const pixels = new Uint8Array(image.width * image.height);
  for (let p = 0; p < pixels.length; p++) {
    pixels[p] = image.data[3 * p] >= 1 && image.data[3 * p + 2] === bChannel ? 1 : 0;
  }
  return pixels;
}

/** How many 8-connected regions the instances of this B make, instance by instance. */
function regionCount(image: RgbImage, bChannel: number): number {
  const { width, height, data } = image;
  const seen = new Uint8Array(width * height);
  let regions = 0;
  for (let start = 0; start < seen.length; start++) {
    const r = data[3 * start];
    if (seen[start] || r === 0 || data[3 * start + 2] !== bChannel) continue;
    regions++;
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const [x, y] = [p % width, Math.floor(p / width)];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (seen[q] || data[3 * q] !== r || data[3 * q + 2] !== bChannel) continue;
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
  }
  return regions;
}

async function run(dir: string, format: string, extra: string[] = []) {
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), TASKS);
  const args = ["export", "--project-id", "seg", "--format", format, "-o", dir];
  return await runCli([...args, "--output-filename", `${format}.zip`, ...extra], labEnv(lab));
}

Deno.test("export --format yolo-seg writes each instance region as a normalized polygon that fills back to its pixels", async () => {
  await using dir = await tempDir();
  const ran = await run(dir.path, "yolo-seg", ["--json"]);
  assertEquals(ran.code, 0, ran.stderr);
  const summary = JSON.parse(ran.stdout);
  assertEquals([summary.exported, summary.skipped, summary.failed], [2, 1, 0]);
  const files = unzip(await Deno.readFile(`${dir.path}/yolo-seg.zip`));
  assertEquals([...files.keys()], ["data.yaml", "labels/street/a.txt", "labels/b.txt"]);
  assertEquals(
    files.get("data.yaml"),
    "nc: 3\nnames: ['road','car','person']\ntrain: images\nval: images\n",
  );
  for (const [path, image] of Object.entries(MASKS)) {
    const lines = files.get(path)!.split("\n");
    assertEquals(lines.pop(), "", "each line ends in a newline");
    const polygonsOf = new Map<string, number[][]>();
    for (const line of lines) {
      const [yoloClass, ...numbers] = line.split(" ");
      assert(/^[0-2]$/.test(yoloClass), line);
      assert(numbers.length >= 6 && numbers.length % 2 === 0, line);
      // Python floats: integral values keep ".0", every value in [0, 1].
      for (const text of numbers) assert(/^(0|1)\.\d+$|^\d\.\d+e-\d\d$/.test(text), text);
      const scaled = numbers.map((text, i) => Number(text) * (i % 2 ? image.height : image.width));
      const label = NAMES[Number(yoloClass)];
      polygonsOf.set(label, [...polygonsOf.get(label) ?? [], scaled]);
    }
    for (const label of NAMES) {
      const polygons = polygonsOf.get(label) ?? [];
      const truth = labelPixels(image, B_CHANNEL[label]);
      assertEquals(polygons.length, regionCount(image, B_CHANNEL[label]), `${path} ${label}`);
      const filled = cocoPolygonMask(polygons, image.width, image.height).data;
      assertEquals(iou(filled, truth), 1, `${path} ${label}`);
    }
  }
});

Deno.test("exportMasks() with format yolo-seg and a tolerance keeps the IoU bounds, and writes the same bytes twice", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), TASKS);
  const now = new Date("2026-12-01T10:00:00Z");
  const zips: Uint8Array[] = [];
  for (const name of ["one.zip", "two.zip"]) {
    await exportMasks({
      client: clientOf(lab),
      projectId: "seg",
      format: "yolo-seg",
      polygonTolerance: 0.5,
      outputFolder: dir.path,
      outputFilename: name,
      now,
    });
    zips.push(await Deno.readFile(`${dir.path}/${name}`));
  }
  assertEquals(zips[0], zips[1]);
  const files = unzip(zips[0]);
  const image = MASKS["labels/street/a.txt"];
  const lines = files.get("labels/street/a.txt")!.trim().split("\n");
  for (const label of NAMES) {
    const polygons = lines.filter((line) => NAMES[Number(line.split(" ")[0])] === label)
      .map((line) =>
        line.split(" ").slice(1).map((text, i) =>
          Number(text) * (i % 2 ? image.height : image.width)
        )
      );
    const truth = labelPixels(image, B_CHANNEL[label]);
    const score = iou(cocoPolygonMask(polygons, image.width, image.height).data, truth);
    // Car holds the one-pixel lines.
    assert(score >= (label === "car" ? 0.9 : 0.98), `${label}: ${score}`);
  }
});

Deno.test("export --format yolo on masks without approximations says once that yolo-seg writes polygons", async () => {
  await using dir = await tempDir();
  const ran = await run(dir.path, "yolo");
  assertEquals(ran.code, 0, ran.stderr);
  const note = "2 label files are empty although the task has a mask";
  assertEquals(ran.stdout.split(note).length, 2, ran.stdout);
  assert(ran.stdout.includes("format yolo-seg traces polygons from the masks"), ran.stdout);
  const files = unzip(await Deno.readFile(`${dir.path}/yolo.zip`));
  // The SDK's files: every task, names as they are, empty.
  assertEquals([...files.entries()].filter(([name]) => name !== "data.yaml"), [
    ["labels/street/a.jpg.txt", ""],
    ["labels/b.png.txt", ""],
    ["labels/c.jpg.txt", ""],
  ]);
  assertEquals(files.get("data.yaml"), "nc: 3\nnames: ['road','car','person']\n");
});

Deno.test("export --format yolo-seg refuses a project without masks, naming the types it takes", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("boxes", "iat-rectangle"), []);
  const ran = await runCli(
    ["export", "--project-id", "boxes", "--format", "yolo-seg", "-o", dir.path],
    labEnv(lab),
  );
  assertEquals(ran.code, 2, ran.stderr);
  assert(
    ran.stderr.includes('its type is "iat-rectangle"; yolo-seg supports "iat-segmentation"'),
    ran.stderr,
  );
});
