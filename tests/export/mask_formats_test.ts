import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { rawPng } from "../_fixtures/raw_png.ts";

// One pixel of each case: background, background with a stray B, car (bChannel 1), person (2),
// an unknown bChannel (9), road (3) at instance 255, a labelled pixel with B = 0.
const PIXELS: [number, number, number][] = [
  [0, 0, 0],
  [0, 0, 5],
  [5, 5, 1],
  [6, 6, 2],
  [7, 7, 9],
  [255, 0, 3],
  [8, 8, 0],
];
const MASK = encodeDataUri(
  writeMaskPng({ width: PIXELS.length, height: 1, data: new Uint8Array(PIXELS.flat()) }, {
    colourType: 6,
  }),
);

/** Exports one task `a.jpg` with the mask above in `format`; returns the export folder. */
async function exportFormat(folder: string, options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [maskTask("t1", "a.jpg", MASK)])],
  });
  const client = clientOf(lab);
  await exportMasks({
    client,
    projectId: "p1",
    outputFolder: folder,
    outputFilename: "out",
    ...options,
  });
  return `${folder}/out`;
}

Deno.test("the class-index format writes 0 for background, class indices, and 255 for unknown labels", async () => {
  await using dir = await tempDir();
  const out = await exportFormat(dir.path, { maskFormat: "class-index" });
  const png = await rawPng(`${out}/a.jpg.png`);
  assert.deepEqual([png.bitDepth, png.colourType], [8, 0]);
  assert.deepEqual(png.samples, [0, 0, 1, 2, 255, 3, 255]);
  const labelmap = JSON.parse(await Deno.readTextFile(`${out}/labelmap.json`));
  assert.deepEqual(
    labelmap.classes.map((entry: { id: string; index: number }) => [entry.id, entry.index]),
    [
      ["car", 1],
      ["person", 2],
      ["road", 3],
    ],
  );
  assert.equal(labelmap.ignoreIndex, 255);
  assert.equal(
    await Deno.readTextFile(`${out}/labelmap.txt`),
    "# label:color_rgb:parts:actions\nbackground:0,0,0::\nCar:230,25,75::\nPerson:60,180,75::\nRoad:67,99,216::\n",
  );
});

Deno.test("the palette format writes the same indices, coloured with the labels' colours", async () => {
  await using dir = await tempDir();
  const out = await exportFormat(dir.path, { maskFormat: "palette", ignoreIndex: 4 });
  const png = await rawPng(`${out}/a.jpg.png`);
  assert.deepEqual([png.bitDepth, png.colourType], [8, 3]);
  assert.deepEqual(png.samples, [0, 0, 1, 2, 4, 3, 4]);
  assert.deepEqual(png.palette, [0, 0, 0, 230, 25, 75, 60, 180, 75, 67, 99, 216, 224, 224, 192]);
});

Deno.test("the instance format writes 16-bit instance ids", async () => {
  await using dir = await tempDir();
  const out = await exportFormat(dir.path, { maskFormat: "instance" });
  const png = await rawPng(`${out}/a.jpg.png`);
  assert.deepEqual([png.bitDepth, png.colourType], [16, 0]);
  assert.deepEqual(png.samples, [0, 0, 5, 6, 7, 255, 8]);
  const [entry] = (await Deno.readTextFile(`${out}/manifest.jsonl`)).trim().split("\n").map((
    line,
  ) => JSON.parse(line));
  assert.deepEqual(entry.instances, { 5: "car", 6: "person", 7: null, 8: null, 255: "road" });
});

Deno.test("the binary format writes one 0/255 mask per label present", async () => {
  await using dir = await tempDir();
  const out = await exportFormat(dir.path, { maskFormat: "binary" });
  assert.deepEqual(await listPngs(out), ["a.jpg/car.png", "a.jpg/person.png", "a.jpg/road.png"]);
  assert.deepEqual((await rawPng(`${out}/a.jpg/car.png`)).samples, [0, 0, 255, 0, 0, 0, 0]);
  assert.deepEqual((await rawPng(`${out}/a.jpg/road.png`)).samples, [0, 0, 0, 0, 0, 255, 0]);
});

Deno.test("exportMasks() refuses a semantic mapping with another format, and an ignore index taken by a class", async () => {
  await using dir = await tempDir();
  await assert.rejects(
    exportFormat(dir.path, { maskFormat: "class-index", semanticMapping: { car: [1, 1, 1] } }),
    (error: unknown) => error instanceof ConfigError && error.setting === "semanticMapping",
  );
  await assert.rejects(
    exportFormat(dir.path, { maskFormat: "class-index", ignoreIndex: 3 }),
    (error: unknown) => error instanceof ConfigError && /from 4 to 255/.test(error.message),
  );
});
