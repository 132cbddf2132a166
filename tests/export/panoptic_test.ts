import assert from "../_std/assert.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../../testing/lab_projects.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { blobMask, layoutMask } from "../_fixtures/layout_masks.ts";
import { rawPng } from "../_fixtures/raw_png.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

const NOW = new Date("2026-12-01T10:00:00Z");

// Tasks 1 and 3 share a name; task 4 has no mask.
const TASKS = [
  maskTask("t1", "a.jpg", encodeDataUri(writeMaskPng(layoutMask(), { colourType: 6 }))),
  maskTask("t2", "b.jpg", encodeDataUri(writeMaskPng(blobMask(), { colourType: 2 }))),
  maskTask("t3", "a.jpg", encodeDataUri(writeMaskPng(layoutMask(), { colourType: 2 }))),
  maskTask("t4", "c.jpg"),
];

interface Segment {
  id: number;
  category_id: number;
  iscrowd: number;
  area: number;
  bbox: number[];
}

/** Exports the tasks into `<folder>/<name>` with these options. */
async function exportInto(folder: string, name: string, options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  return await exportMasks({
    client: clientOf(lab),
    projectId: "p1",
    outputFolder: folder,
    outputFilename: name,
    now: NOW,
    ...options,
  });
}

/** The pixels of each segment id of a panoptic PNG, `R + 256·G + 256²·B`, as pixel numbers. */
async function segmentPixels(path: string) {
  const png = await rawPng(path);
  assertEquals([png.bitDepth, png.colourType], [8, 2]);
  const byId = new Map<number, number[]>();
  for (let p = 0; p < png.width * png.height; p++) {
    const s = png.samples;
    const id = s[3 * p] + 256 * s[3 * p + 1] + 65536 * s[3 * p + 2];
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id)!.push(p);
  }
  return { width: png.width, byId };
}

/** `[x, y, w, h]` of pixel numbers in an image `width` wide. */
function boxOf(pixels: number[], width: number): number[] {
  const xs = pixels.map((p) => p % width);
  const ys = pixels.map((p) => Math.floor(p / width));
  const [x, y] = [Math.min(...xs), Math.min(...ys)];
  return [x, y, Math.max(...xs) - x + 1, Math.max(...ys) - y + 1];
}

/**
 * Checks one annotation's PNG against the instance and class-index masks of the same task: each
 * segment is exactly the pixels of one (instance, class) pair (a thing) or of one class (stuff).
 */
async function checkAgainst(
  folders: { panoptic: string; instance: string; classIndex: string },
  annotation: { file_name: string; segments_info: Segment[] },
  stuff: Set<number>,
) {
  const file = annotation.file_name;
  const { width, byId } = await segmentPixels(`${folders.panoptic}/${file}`);
  const instance = (await rawPng(`${folders.instance}/${file}`)).samples;
  const classes = (await rawPng(`${folders.classIndex}/${file}`)).samples;
  const listed = annotation.segments_info.map((segment) => segment.id);
  assertEquals(new Set(listed).size, listed.length, `${file}: ids are unique`);
  assertEquals([...byId.keys()].filter((id) => id !== 0).sort(), [...listed].sort(), file);
  let classified = 0;
  classes.forEach((c) => classified += c >= 1 && c <= 3 ? 1 : 0);
  for (const segment of annotation.segments_info) {
    const pixels = byId.get(segment.id)!;
    const c = segment.category_id;
    assert(pixels.every((p) => classes[p] === c), `${file} ${segment.id}: one class`);
    const r = instance[pixels[0]];
    const owned = (p: number) => classes[p] === c && (stuff.has(c) || instance[p] === r);
    let expected = 0;
    classes.forEach((_, p) => expected += owned(p) ? 1 : 0);
    assert(pixels.every(owned), `${file} ${segment.id}: one instance`);
    assertEquals(pixels.length, expected, `${file} ${segment.id}: every pixel of its pair`);
    assertEquals(segment.area, pixels.length, `${file} ${segment.id}: area`);
    assertEquals(segment.bbox, boxOf(pixels, width), `${file} ${segment.id}: bbox`);
    assertEquals(segment.iscrowd, 0);
    classified -= pixels.length;
  }
  // Void is exactly background and unknown labels: every classified pixel is in a segment.
  assertEquals(classified, 0, `${file}: classified pixels outside every segment`);
}

Deno.test("exportMasks() with mask format panoptic writes segments that are the instance and class-index exports' pixels", async () => {
  await using dir = await tempDir();
  const folders = {
    panoptic: `${dir.path}/panoptic`,
    instance: `${dir.path}/instance`,
    classIndex: `${dir.path}/class`,
  };
  const summary = await exportInto(dir.path, "panoptic", {
    maskFormat: "panoptic",
    stuff: ["road"],
  });
  assertEquals([summary.exported, summary.skipped, summary.failed], [3, 1, 0]);
  await exportInto(dir.path, "instance", { maskFormat: "instance" });
  await exportInto(dir.path, "class", { maskFormat: "class-index" });
  const json = JSON.parse(await Deno.readTextFile(`${folders.panoptic}/panoptic.json`));
  assertEquals(json.categories, [
    { id: 1, name: "car", isthing: 1, color: [0xe6, 0x19, 0x4b] },
    { id: 2, name: "person", isthing: 1, color: [0x3c, 0xb4, 0x4b] },
    { id: 3, name: "road", isthing: 0, color: [0x43, 0x63, 0xd8] },
  ]);
  assertEquals(json.info.date_created, NOW.toISOString());
  assertEquals(
    json.images.map((image: Record<string, unknown>) => Object.values(image)),
    [[1, "a.jpg", 48, 36, "t1"], [2, "b.jpg", 40, 32, "t2"], [3, "a.jpg__t3", 48, 36, "t3"]],
  );
  assertEquals(
    json.annotations.map((entry: { image_id: number; file_name: string }) => [
      entry.image_id,
      entry.file_name,
    ]),
    [[1, "a.jpg.png"], [2, "b.jpg.png"], [3, "a.jpg__t3.png"]],
  );
  // a.jpg: cars 1 to 5, person 1, and the two road instances as one stuff segment.
  assertEquals(json.annotations.map((entry: { segments_info: [] }) => entry.segments_info.length), [
    7,
    2,
    7,
  ]);
  for (const annotation of json.annotations) {
    await checkAgainst(folders, annotation, new Set([3]));
  }

  // Without stuff, each road instance is its own segment; the same run gives the same bytes.
  await exportInto(dir.path, "things", { maskFormat: "panoptic" });
  const things = JSON.parse(await Deno.readTextFile(`${dir.path}/things/panoptic.json`));
  assertEquals(things.annotations[0].segments_info.length, 8);
  assertEquals(things.categories[2].isthing, 1);
  await checkAgainst(
    { ...folders, panoptic: `${dir.path}/things` },
    things.annotations[0],
    new Set(),
  );
  await exportInto(dir.path, "again", { maskFormat: "panoptic", stuff: ["road"] });
  for (const file of ["panoptic.json", "a.jpg.png", "b.jpg.png", "a.jpg__t3.png"]) {
    assertEquals(
      await Deno.readFile(`${dir.path}/again/${file}`),
      await Deno.readFile(`${folders.panoptic}/${file}`),
      file,
    );
  }
});

Deno.test("a resumed panoptic export lists the tasks it kept in panoptic.json", async () => {
  await using dir = await tempDir();
  const options = { maskFormat: "panoptic", stuff: ["road"] } as const;
  await exportInto(dir.path, "out", { ...options, stuff: ["road"] });
  const first = await Deno.readTextFile(`${dir.path}/out/panoptic.json`);
  await Deno.remove(`${dir.path}/out/panoptic.json`);
  await Deno.remove(`${dir.path}/out/b.jpg.png`);
  const summary = await exportInto(dir.path, "out", { ...options, stuff: ["road"], resume: true });
  assertEquals([summary.kept, summary.exported], [2, 1]);
  assertEquals(await Deno.readTextFile(`${dir.path}/out/panoptic.json`), first);
});

Deno.test("export --stuff is refused with another mask format, a one-file format or an unknown label", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const base = ["export", "--project-id", "p1", "-o", dir.path];
  const cases: [string[], string][] = [
    [["--stuff", "road"], 'Option "--stuff" marks labels of --mask-format panoptic only'],
    [["--format", "coco", "--stuff", "road"], "--stuff is not supported with --format coco"],
    [
      ["--mask-format", "panoptic", "--stuff", "road,tree"],
      'Option "--stuff" names the label "tree", which has no class in this project; the labels ' +
      'with a bChannel are "car", "person", "road"',
    ],
  ];
  for (const [args, words] of cases) {
    const ran = await runCli([...base, ...args], labEnv(lab));
    assertEquals(ran.code, 2, ran.stderr);
    assert(ran.stderr.includes(words), ran.stderr);
  }
  const ran = await runCli(
    [...base, "--mask-format", "panoptic", "--stuff", "road", "--output-filename", "ok"],
    labEnv(lab),
  );
  assertEquals(ran.code, 0, ran.stderr);
  const json = JSON.parse(await Deno.readTextFile(`${dir.path}/ok/panoptic.json`));
  assertEquals(json.categories.map((category: { isthing: number }) => category.isthing), [1, 1, 0]);
});

Deno.test("a split panoptic export lists each image's split, its masks in the split's folder", async () => {
  await using dir = await tempDir();
  await exportInto(dir.path, "out", { maskFormat: "panoptic", split: "train=50,val=50" });
  const json = JSON.parse(await Deno.readTextFile(`${dir.path}/out/panoptic.json`));
  assertEquals(json.images.length, 3);
  json.images.forEach((image: { split: string }, i: number) => {
    assert(["train", "val"].includes(image.split), JSON.stringify(image));
    assert(
      json.annotations[i].file_name.startsWith(`${image.split}/`),
      json.annotations[i].file_name,
    );
  });
  for (const annotation of json.annotations) {
    assert((await Deno.stat(`${dir.path}/out/${annotation.file_name}`)).isFile);
  }
});
