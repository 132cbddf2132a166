import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { maskTask } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { unzip } from "../formats/_fixtures.ts";
import {
  FIRST,
  indexById,
  indicesOf,
  labelmapOf,
  maskOf,
  OLD,
  REORDERED,
  run,
  tasksOf,
  WITHOUT_PERSON,
} from "./_pinned_projects.ts";

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
