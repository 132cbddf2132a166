import assert from "../_std/assert.ts";
import type { Label, Task } from "../../lib/api/types.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type RecordedRequest, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationConfiguration } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { unzip } from "../formats/_fixtures.ts";

const CAR: Label = { id: "car", name: "Car", color: "#ff0000", bChannel: 1 };
const PERSON: Label = { id: "person", name: "Person", color: "#00ff00", bChannel: 2 };
const ROAD: Label = { id: "road", name: "Road", color: "#0000ff", bChannel: 3 };
const BIKE: Label = { id: "bike", name: "Bike", color: "#ffff00", bChannel: 4 };
/** The first configuration, then the same reordered and extended, then without `person`. */
const FIRST = [CAR, PERSON, ROAD];
const REORDERED = [BIKE, ROAD, CAR, PERSON];
const WITHOUT_PERSON = [ROAD, BIKE, CAR];

/** A mask of one row: background, then one pixel of each bChannel given. */
function maskOf(bChannels: number[]): string {
  const pixels = [[0, 0, 0], ...bChannels.map((b, i) => [i + 1, i + 1, b])];
  const data = new Uint8Array(pixels.flat());
  return encodeDataUri(writeMaskPng({ width: pixels.length, height: 1, data }, { colourType: 2 }));
}

function tasksOf(updatedAt: string): Task[] {
  return [
    { ...maskTask("t1", "a.jpg", maskOf([1, 2, 3])), updatedAt },
    { ...maskTask("t2", "b.jpg", maskOf([3, 1])), updatedAt },
  ];
}

async function run(labels: Label[], tasks: Task[], options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("p1", labels), tasks }],
  });
  const requests = lab.requests as RecordedRequest[];
  try {
    const export_ = exportMasks({ client: clientOf(lab), projectId: "p1", ...options });
    const summary = await withDeadline(export_, 60_000, "the export");
    return { summary, requests };
  } catch (error) {
    return { error, requests };
  }
}

/** The first row of a class-index PNG, each pixel's index. */
async function indicesOf(path: string): Promise<number[]> {
  const image = await decodePng(await Deno.readFile(path));
  return Array.from({ length: image.width }, (_, x) => image.data[x * 3]);
}

async function labelmapOf(folder: string) {
  return JSON.parse(await Deno.readTextFile(`${folder}/labelmap.json`));
}

function indexById(labelmap: { classes: { id: string; index: number }[] }) {
  return Object.fromEntries(labelmap.classes.map((entry) => [entry.id, entry.index]));
}

const OLD = "2024-12-01T00:00:00.000Z";

Deno.test("labelmapFrom keeps every earlier index and colour when the configuration is reordered and extended", async () => {
  await using dir = await tempDir();
  const first = { outputFolder: dir.path, maskFormat: "class-index" as const };
  await run(FIRST, tasksOf(OLD), { ...first, outputFilename: "v1" });
  assert.deepEqual(await indicesOf(`${dir.path}/v1/a.jpg.png`), [0, 1, 2, 3]);
  const tasks = [...tasksOf(OLD), maskTask("t3", "c.jpg", maskOf([4, 1, 2, 3]))];
  // Unpinned, the new configuration numbers bike 1, road 2, car 3, person 4.
  await run(REORDERED, tasks, { ...first, outputFilename: "free" });
  assert.deepEqual(await indicesOf(`${dir.path}/free/c.jpg.png`), [0, 1, 3, 4, 2]);
  for (const from of [`${dir.path}/v1`, `${dir.path}/v1/labelmap.json`]) {
    await Deno.remove(`${dir.path}/v2`, { recursive: true }).catch(() => {});
    const { summary } = await run(REORDERED, tasks, {
      ...first,
      outputFilename: "v2",
      labelmapFrom: from,
    });
    assert.deepEqual(await indicesOf(`${dir.path}/v2/a.jpg.png`), [0, 1, 2, 3]);
    assert.deepEqual(await indicesOf(`${dir.path}/v2/c.jpg.png`), [0, 4, 1, 2, 3]);
    const labelmap = await labelmapOf(`${dir.path}/v2`);
    assert.deepEqual(indexById(labelmap), { car: 1, person: 2, road: 3, bike: 4 });
    assert.deepEqual(
      labelmap.classes.map((entry: { colour: number[] }) => entry.colour),
      [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0]],
    );
    assert.equal(
      await Deno.readTextFile(`${dir.path}/v2/labelmap.txt`),
      "# label:color_rgb:parts:actions\nbackground:0,0,0::\nCar:255,0,0::\nPerson:0,255,0::\n" +
        "Road:0,0,255::\nBike:255,255,0::\n",
    );
    assert.deepEqual(summary?.classMap?.added, ["bike"]);
    assert.equal(summary?.classMap?.changed, true);
  }
});

Deno.test("an incremental run keeps its own export's class indices when the configuration changed", async () => {
  await using dir = await tempDir();
  const options = { maskFormat: "class-index" as const };
  await run(FIRST, tasksOf(OLD), { ...options, outputFolder: dir.path, outputFilename: "out" });
  const before = await labelmapOf(`${dir.path}/out`);
  const now = new Date().toISOString();
  const tasks = [...tasksOf(OLD), {
    ...maskTask("t3", "c.jpg", maskOf([4, 1, 2, 3])),
    updatedAt: now,
  }];
  tasks[1] = { ...tasks[1], updatedAt: now, data: { body: { mask: maskOf([2, 4]) } } };
  const { summary } = await run(REORDERED, tasks, { ...options, incremental: `${dir.path}/out` });
  assert.equal(summary?.exported, 2);
  assert.deepEqual(await indicesOf(`${dir.path}/out/a.jpg.png`), [0, 1, 2, 3], "carried over");
  assert.deepEqual(await indicesOf(`${dir.path}/out/b.jpg.png`), [0, 2, 4]);
  assert.deepEqual(await indicesOf(`${dir.path}/out/c.jpg.png`), [0, 4, 1, 2, 3]);
  const after = await labelmapOf(`${dir.path}/out`);
  assert.deepEqual(after.classes.slice(0, 3), before.classes);
  assert.deepEqual(indexById(after), { car: 1, person: 2, road: 3, bike: 4 });
  assert.deepEqual(summary?.classMap, {
    from: `${dir.path}/out/labelmap.json`,
    added: ["bike"],
    reserved: [],
    changed: true,
  });
  // The same configuration again: kept, and nothing to say.
  const again = await run(REORDERED, tasks, { ...options, incremental: `${dir.path}/out` });
  assert.equal(again.summary?.classMap?.changed, false);
});

Deno.test("a label the configuration lost stops the export before any task request, naming it", async () => {
  await using dir = await tempDir();
  const options = { outputFolder: dir.path, maskFormat: "class-index" as const };
  await run(FIRST, tasksOf(OLD), { ...options, outputFilename: "v1" });
  const pinned = { ...options, outputFilename: "v2", labelmapFrom: `${dir.path}/v1` };
  const { error, requests } = await run(WITHOUT_PERSON, tasksOf(OLD), pinned);
  assert.ok(error instanceof ConfigError, String(error));
  assert.equal(error.setting, "labelmapFrom");
  assert.match(
    error.message,
    /^Label "person" \(class 2\) of the class map ".*labelmap\.json" is no longer/,
  );
  assert.match(error.message, /options\.allowRemovedLabels to keep index 2 reserved/);
  assert.equal(requests.filter((request) => request.path.endsWith("/tasks")).length, 0);
  assert.ok(!(await listFiles(dir.path)).some((file) => file.startsWith("v2")), "no folder");

  const now = new Date().toISOString();
  const { error: updateError, requests: updateRequests } = await run(
    WITHOUT_PERSON,
    tasksOf(now),
    { maskFormat: "class-index", incremental: `${dir.path}/v1` },
  );
  assert.ok(updateError instanceof ConfigError && updateError.setting === "incremental");
  assert.match(updateError.message, /^Label "person" \(class 2\)/);
  assert.equal(updateRequests.filter((request) => request.path.endsWith("/tasks")).length, 0);
});

Deno.test("allowRemovedLabels keeps a lost label's index reserved and unused", async () => {
  await using dir = await tempDir();
  const options = { outputFolder: dir.path, maskFormat: "class-index" as const };
  await run(FIRST, tasksOf(OLD), { ...options, outputFilename: "v1" });
  const tasks = [maskTask("t3", "c.jpg", maskOf([4, 1, 2, 3]))];
  const { summary } = await run(WITHOUT_PERSON, tasks, {
    ...options,
    outputFilename: "v2",
    labelmapFrom: `${dir.path}/v1`,
    allowRemovedLabels: true,
  });
  // bChannel 2 has no label now: the ignore index; bike takes 4, not person's 2.
  assert.deepEqual(await indicesOf(`${dir.path}/v2/c.jpg.png`), [0, 4, 1, 255, 3]);
  const labelmap = await labelmapOf(`${dir.path}/v2`);
  assert.deepEqual(indexById(labelmap), { car: 1, road: 3, bike: 4 });
  assert.deepEqual(labelmap.reserved, [
    { id: "person", name: "Person", index: 2, colour: [0, 255, 0] },
  ]);
  assert.equal(
    (await Deno.readTextFile(`${dir.path}/v2/labelmap.txt`)).split("\n")[3],
    "Person:0,255,0::",
    "line 2 stays the reserved label's",
  );
  assert.deepEqual(summary?.classMap?.reserved, ["person"]);
  // A map with the label already reserved needs no flag; the label coming back gets its index.
  await run(REORDERED, tasks, { ...options, outputFilename: "v3", labelmapFrom: `${dir.path}/v2` });
  const back = await labelmapOf(`${dir.path}/v3`);
  assert.deepEqual(indexById(back), { car: 1, person: 2, road: 3, bike: 4 });
  assert.equal(back.reserved, undefined);
  await run(WITHOUT_PERSON, tasks, {
    ...options,
    outputFilename: "v4",
    labelmapFrom: `${dir.path}/v2`,
  });
  assert.deepEqual((await labelmapOf(`${dir.path}/v4`)).reserved.map((e: { id: string }) => e.id), [
    "person",
  ]);
});

Deno.test("labelmapFrom numbers COCO categories and YOLO classes as the kept map", async () => {
  await using dir = await tempDir();
  await run(FIRST, tasksOf(OLD), {
    outputFolder: dir.path,
    outputFilename: "v1",
    maskFormat: "class-index",
  });
  const tasks = [maskTask("t3", "c.jpg", maskOf([4, 1]))];
  const pinned = { outputFolder: dir.path, labelmapFrom: `${dir.path}/v1` };
  await run(REORDERED, tasks, { ...pinned, format: "coco", outputFilename: "c.json" });
  const coco = JSON.parse(await Deno.readTextFile(`${dir.path}/c.json`));
  assert.deepEqual(
    coco.categories.map((category: { id: number; name: string }) => [category.name, category.id]),
    [["car", 1], ["person", 2], ["road", 3], ["bike", 4]],
  );
  assert.deepEqual(coco.annotations.map((a: { category_id: number }) => a.category_id), [4, 1]);
  await run(REORDERED, tasks, { ...pinned, format: "yolo", outputFilename: "y.zip" });
  const yaml = unzip(await Deno.readFile(`${dir.path}/y.zip`)).get("data.yaml");
  assert.equal(yaml, "nc: 4\nnames: ['car','person','road','bike']\n");
});

Deno.test("labelmapFrom refuses a hostile class map by name, before any request", async () => {
  await using dir = await tempDir();
  const file = `${dir.path}/labelmap.json`;
  const entry = (id: unknown, index: unknown, colour: unknown = [1, 2, 3]) => ({
    id,
    index,
    colour,
  });
  const cases: [string, RegExp][] = [
    ["{not json", /it is not JSON/],
    ["[1, 2]", /it is not a JSON object/],
    ['{"classes": 3}', /it has no "classes" list/],
    [
      JSON.stringify({ classes: [entry("a", 1), entry("b", 1)] }),
      /index 1 is given to both "a" and "b"/,
    ],
    [JSON.stringify({ classes: [entry("a", 1), entry("a", 2)] }), /label "a" is listed twice/],
    [JSON.stringify({ classes: [entry("a", "1")] }), /entry 1 \(label "a"\) has index "1"/],
    [JSON.stringify({ classes: [entry(7, 1)] }), /entry 1 has no string id/],
    [JSON.stringify({ classes: [entry("a", 1, [1, 2])] }), /has colour \[1,2\], not three numbers/],
    [
      JSON.stringify({ classes: [entry("a", 300)] }),
      /has index 300, not a whole number from 1 to 254/,
    ],
    [JSON.stringify({ ignoreIndex: 2, classes: [entry("a", 2)] }), /not below the ignore index 2/],
  ];
  for (const [text, why] of cases) {
    await Deno.writeTextFile(file, text);
    const { error, requests } = await run(FIRST, tasksOf(OLD), {
      outputFolder: dir.path,
      outputFilename: "out",
      maskFormat: "class-index",
      labelmapFrom: file,
    });
    assert.ok(error instanceof ConfigError && error.setting === "labelmapFrom", text);
    assert.ok(error.message.startsWith(`The class map "${file}" cannot be used: `), error.message);
    assert.match(error.message, why);
    assert.equal(requests.filter((request) => request.path.endsWith("/tasks")).length, 0);
  }
  await Deno.writeFile(file, new Uint8Array([0x7b, 0xff, 0x7d]));
  const { error } = await run(FIRST, [], {
    outputFolder: dir.path,
    labelmapFrom: file,
    maskFormat: "class-index",
  });
  assert.ok(error instanceof ConfigError);
  assert.equal(error.message.split(":")[0], `The class map "${file}" cannot be read`);
  assert.match(error.message, /it is not UTF-8 text/);
  await Deno.mkdir(`${dir.path}/empty/labelmap.json`, { recursive: true });
  const folderAsFile = await run(FIRST, [], {
    outputFolder: dir.path,
    labelmapFrom: `${dir.path}/empty`,
  });
  assert.ok(folderAsFile.error instanceof ConfigError);
  assert.match(
    folderAsFile.error.message,
    /empty\/labelmap\.json" cannot be read: it is not a regular file/,
  );
  await Deno.mkdir(`${dir.path}/none`);
  const noMap = await run(FIRST, [], { outputFolder: dir.path, labelmapFrom: `${dir.path}/none` });
  assert.ok(noMap.error instanceof ConfigError);
  assert.match(noMap.error.message, /none\/labelmap\.json" cannot be read: the folder has none/);
  const missing = await run(FIRST, [], {
    outputFolder: dir.path,
    labelmapFrom: `${dir.path}/nowhere`,
  });
  assert.ok(missing.error instanceof ConfigError);
  assert.match(missing.error.message, /nowhere" cannot be read: it does not exist/);
});

Deno.test("allowRemovedLabels without a class map, and labelmapFrom with format lab, are refused", async () => {
  await using dir = await tempDir();
  const alone = await run(FIRST, tasksOf(OLD), {
    outputFolder: dir.path,
    allowRemovedLabels: true,
  });
  assert.ok(alone.error instanceof ConfigError && alone.error.setting === "allowRemovedLabels");
  assert.match(
    alone.error.message,
    /options\.allowRemovedLabels has no effect without options\.labelmapFrom/,
  );
  const lab = await run(FIRST, tasksOf(OLD), {
    outputFolder: dir.path,
    format: "lab",
    labelmapFrom: dir.path,
  });
  assert.ok(lab.error instanceof ConfigError && lab.error.setting === "labelmapFrom");
  assert.match(lab.error.message, /options\.format lab has none/);
  assert.equal(alone.requests.length + lab.requests.length, 0, "no request");
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("an incremental run refuses its own class map when it is a link, before any task request", async () => {
  await using dir = await tempDir();
  const options = { maskFormat: "class-index" as const };
  await run(FIRST, tasksOf(OLD), { ...options, outputFolder: dir.path, outputFilename: "out" });
  await Deno.rename(`${dir.path}/out/labelmap.json`, `${dir.path}/elsewhere.json`);
  await Deno.symlink(`${dir.path}/elsewhere.json`, `${dir.path}/out/labelmap.json`);
  const { error, requests } = await run(FIRST, tasksOf(OLD), {
    ...options,
    incremental: `${dir.path}/out`,
  });
  assert.ok(error instanceof Error && error.name === "UnsafePathError", String(error));
  assert.match(error.message, /labelmap\.json/);
  assert.equal(requests.filter((request) => request.path.endsWith("/tasks")).length, 0);
});

Deno.test("instance exports write the labelmap, and keep it pinned", async () => {
  await using dir = await tempDir();
  const options = { outputFolder: dir.path, maskFormat: "instance" as const };
  await run(FIRST, tasksOf(OLD), { ...options, outputFilename: "v1" });
  assert.deepEqual(indexById(await labelmapOf(`${dir.path}/v1`)), { car: 1, person: 2, road: 3 });
  await run(REORDERED, tasksOf(OLD), {
    ...options,
    outputFilename: "v2",
    labelmapFrom: `${dir.path}/v1`,
  });
  const labelmap = await labelmapOf(`${dir.path}/v2`);
  assert.deepEqual(indexById(labelmap), { car: 1, person: 2, road: 3, bike: 4 });
  const [entry] = (await Deno.readTextFile(`${dir.path}/v2/manifest.jsonl`)).trim().split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(entry.instances, { 1: "car", 2: "person", 3: "road" });
});
