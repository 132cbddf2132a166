import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { maskFiles } from "../../lib/export/mask_files.ts";
import { parseSplit, splitOf } from "../../lib/model/split_plan.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { formatSummary } from "../../lib/output/format_summary.ts";
import { type RecordedRequest, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { unzip } from "../formats/_fixtures.ts";

/**
 * The split of a task by the rule the docs state, computed here with WebCrypto: SHA-256 of the
 * seed, a 0 byte and the task id; its first 8 bytes big-endian, modulo 100; cumulative buckets.
 */
async function documentedSplit(taskId: string, seed: string, parts: [string, number][]) {
  const text = new TextEncoder();
  const input = new Uint8Array([...text.encode(seed), 0, ...text.encode(taskId)]);
  const digest = new DataView(await crypto.subtle.digest("SHA-256", input));
  const bucket = Number(digest.getBigUint64(0) % 100n);
  let upTo = 0;
  for (const [name, percent] of parts) {
    upTo += percent;
    if (bucket < upTo) return name;
  }
  throw new Error("the percentages do not sum to 100");
}

function maskOf(id: number, bChannel: number): string {
  const data = new Uint8Array([id, id, bChannel, 0, 0, 0]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 1, data }, { colourType: 2 }));
}

function tasksOf(count: number, from = 0, updatedAt = "2024-12-01T00:00:00.000Z"): Task[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const task = maskTask(
      `t${i}`,
      `street/f${i}.jpg`,
      i % 9 === 4 ? undefined : maskOf(1, 1 + (i % 3)),
    );
    return { ...task, updatedAt };
  });
}

async function run(tasks: Task[], options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const requests = lab.requests as RecordedRequest[];
  const export_ = exportMasks({ client: clientOf(lab), projectId: "p1", ...options });
  const summary = await withDeadline(export_, 60_000, "the export");
  return { summary, requests };
}

async function manifestOf(folder: string): Promise<Record<string, unknown>[]> {
  const text = await Deno.readTextFile(`${folder}/manifest.jsonl`);
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

/** Task id → [split, path] of the tasks with files in the manifest. */
async function placesOf(folder: string): Promise<Map<string, [unknown, unknown]>> {
  const entries = await manifestOf(folder);
  return new Map(
    entries.filter((entry) => entry.path).map((e) => [e.taskId as string, [e.split, e.path]]),
  );
}

const PARTS: [string, number][] = [["train", 80], ["val", 20]];

Deno.test("parseSplit() refuses splits that are not names and whole percentages summing to 100", () => {
  const cases: [string, RegExp][] = [
    ["train=80,val=30", /the percentages sum to 110, not 100/],
    ["train=80", /the percentages sum to 80, not 100/],
    ["train=80,val", /"val" is not name=percent/],
    ["train=80.5,val=19.5", /the percentage of "train" is not a whole number from 0 to 100/],
    ["train=-10,val=110", /the percentage of "train" is not a whole number/],
    ["tr ain=80,val=20", /"tr ain=80" is not name=percent/],
    ["../x=80,val=20", /the name "..\/x" is not 1 to 64 letters, digits, _ or -/],
    ["train=50,train=50", /"train" is named twice/],
    ["=100", /the name "" is not/],
    ["train=80,CON=20", /"CON" cannot be a folder on Windows/],
    ["train=80,Train=20", /"Train" is named twice \(case aside\)/],
  ];
  for (const [text, why] of cases) {
    assert.throws(
      () => parseSplit(text),
      (error: unknown) =>
        error instanceof ConfigError && error.setting === "split" &&
        error.message.startsWith(`The split ${JSON.stringify(text)} cannot be used: `) &&
        why.test(error.message),
      text,
    );
  }
  assert.deepEqual(parseSplit(" train = 70 , val=20,test-1=10").parts.map((part) => part.name), [
    "train",
    "val",
    "test-1",
  ]);
});

Deno.test("splitOf() follows the documented hash rule, and splits 1,000 tasks 80/20 within 3 points", async () => {
  const plan = parseSplit("train=80,val=20");
  let train = 0;
  for (let i = 0; i < 1000; i++) {
    const split = splitOf(`task-${i}`, plan);
    assert.equal(split, await documentedSplit(`task-${i}`, "lab-masks", PARTS), `task-${i}`);
    if (split === "train") train++;
  }
  assert.ok(Math.abs(train / 10 - 80) <= 3, `${train / 10}% in train`);
  const seeded = parseSplit("train=80,val=20", "other");
  const moved = Array.from({ length: 100 }, (_, i) => `task-${i}`)
    .filter((id) => splitOf(id, seeded) !== splitOf(id, plan));
  assert.ok(moved.length > 0, "another seed gives another split");
  assert.equal(splitOf("é", seeded), await documentedSplit("é", "other", PARTS), "UTF-8 bytes");
});

Deno.test("a split export writes each mask under its split and records the split in the manifest", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(60);
  const { summary } = await run(tasks, {
    outputFolder: dir.path,
    outputFilename: "out",
    split: "train=80,val=20",
    report: true,
  });
  const entries = await manifestOf(`${dir.path}/out`);
  assert.equal(entries.length, 60);
  const counts: Record<string, number> = { train: 0, val: 0 };
  for (const entry of entries) {
    const split = await documentedSplit(entry.taskId as string, "lab-masks", PARTS);
    assert.equal(entry.split, split, `${entry.taskId}`);
    if (entry.path === undefined) continue;
    counts[split]++;
    const name = tasks.find((task) => task._id === entry.taskId)!.name;
    assert.equal(entry.path, `${split}/${name}.png`);
  }
  const files = await listFiles(`${dir.path}/out`);
  const masks = files.filter((file) => /^(train|val)\/street\/f\d+\.jpg\.png$/.test(file));
  assert.equal(masks.length, tasks.filter((task) => task.data !== undefined).length);
  assert.deepEqual(
    Object.fromEntries(Object.entries(summary.splits!).map(([name, count]) => [name, count.tasks])),
    counts,
  );
  const labelTotal = Object.values(summary.splits!.train.labels).reduce((a, b) => a + b, 0);
  assert.equal(labelTotal, counts.train, "each task shows one label");
  const lines = formatSummary(summary);
  const at = lines.indexOf("Splits:");
  assert.match(lines[at + 1], new RegExp(`^  train: ${counts.train} tasks \\(\\d+\\.\\d%\\); `));
  assert.match(lines[at + 2], new RegExp(`^  val: ${counts.val} tasks `));
  const report = await Deno.readTextFile(`${dir.path}/out/report.html`);
  assert.match(report, new RegExp(`<tr data-split="train"><td>train</td><td>${counts.train}</td>`));
  assert.match(report, new RegExp(`<tr data-split="val"><td>val</td><td>${counts.val}</td>`));
  const metadata = JSON.parse(await Deno.readTextFile(`${dir.path}/out/export.json`));
  assert.deepEqual(metadata.settings.split, {
    parts: [{ name: "train", percent: 80 }, { name: "val", percent: 20 }],
    seed: "lab-masks",
  });
});

Deno.test("splits never move: 200 tasks added and exported incrementally leave every earlier task in place", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(100);
  const options = { split: "train=80,val=20" };
  await run(tasks, { ...options, outputFolder: dir.path, outputFilename: "out" });
  const before = await placesOf(`${dir.path}/out`);
  const added = [...tasks, ...tasksOf(200, 100, new Date().toISOString())];
  const { summary } = await run(added, { ...options, incremental: `${dir.path}/out` });
  assert.equal(summary.carried, 100);
  const after = await placesOf(`${dir.path}/out`);
  for (const [taskId, place] of before) assert.deepEqual(after.get(taskId), place, taskId);
  const newMasks = added.slice(100).filter((task) => task.data !== undefined).length;
  assert.equal(after.size, before.size + newMasks, "the new tasks with masks");
  const split = summary.splits!;
  assert.equal(split.train.tasks + split.val.tasks, after.size, "carried tasks are counted too");
  const other = await run(added, {
    split: "train=70,val=30",
    incremental: `${dir.path}/out`,
  }).catch((error) => error);
  assert.ok(other instanceof ConfigError && other.setting === "incremental");
  assert.match(other.message, /with another split/);
});

Deno.test("four shards split exactly like the unsharded export, and two runs write the same bytes", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(80);
  const options = { outputFolder: dir.path, split: "train=60,val=30,test=10", splitSeed: "s1" };
  await run(tasks, { ...options, outputFilename: "all" });
  await run(tasks, { ...options, outputFilename: "again" });
  const all = await placesOf(`${dir.path}/all`);
  const [first, second] = [
    await contentOf(`${dir.path}/all`),
    await contentOf(`${dir.path}/again`),
  ];
  assert.equal(second.size, first.size);
  const differing = [...first].find(([path, bytes]) => second.get(path) !== bytes);
  assert.equal(differing, undefined, "the first file that differs");
  const sharded = new Map<string, [unknown, unknown]>();
  for (let index = 1; index <= 4; index++) {
    await run(tasks, { ...options, outputFilename: `s${index}`, shard: { index, count: 4 } });
    for (const [id, place] of await placesOf(`${dir.path}/s${index}`)) sharded.set(id, place);
  }
  assert.equal(sharded.size, all.size);
  for (const [id, place] of all) assert.deepEqual(sharded.get(id), place, id);
  assert.ok([...all.values()].some(([split]) => split === "test"));
});

/** A folder's files and their bytes (as SHA-256), less `export.json`, which records the time. */
async function contentOf(folder: string): Promise<Map<string, string>> {
  const content = new Map<string, string>();
  for (const path of await listFiles(folder)) {
    if (path === "export.json" || !(await Deno.stat(`${folder}/${path}`)).isFile) continue;
    const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(`${folder}/${path}`));
    content.set(path, new Uint8Array(digest).toHex());
  }
  return content;
}

Deno.test("a resumed split export keeps every task's split", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(40);
  const options = {
    outputFolder: dir.path,
    outputFilename: "out",
    split: "train=50,val=50",
    concurrency: 1,
  };
  const controller = new AbortController();
  let done = 0;
  await run(tasks, {
    ...options,
    signal: controller.signal,
    onProgress: (event) => {
      if (event.type === "task" && ++done === 15) controller.abort();
    },
  }).catch(() => {});
  const { summary } = await run(tasks, { ...options, resume: true });
  assert.ok(summary.kept > 0, "some tasks were kept");
  const places = await placesOf(`${dir.path}/out`);
  assert.equal(places.size, 36);
  for (const [id, [split, path]] of places) {
    assert.equal(split, await documentedSplit(id, "lab-masks", [["train", 50], ["val", 50]]));
    assert.ok(String(path).startsWith(`${split}/`), id);
  }
});

Deno.test("a seed without a split is refused before any request", async () => {
  await using dir = await tempDir();
  const error = await run(tasksOf(2), { outputFolder: dir.path, splitSeed: "x" }).catch((e) => e);
  assert.ok(error instanceof ConfigError && error.setting === "splitSeed", String(error));
  assert.match(error.message, /options\.splitSeed has no effect without options\.split/);
});

Deno.test("yolo writes labels/<split>/ and a data.yaml Ultralytics reads; coco and lab a file per split", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(20);
  const options = { outputFolder: dir.path, split: "train=80,val=20" };
  const yolo = await run(tasks, { ...options, format: "yolo", outputFilename: "ds.zip" });
  const zip = unzip(await Deno.readFile(`${dir.path}/ds.zip`));
  assert.equal(
    zip.get("data.yaml"),
    "path: 'ds'\ntrain: images/train\nval: images/val\nnc: 3\nnames: ['car','person','road']\n",
  );
  for (const task of tasks) {
    const split = await documentedSplit(task._id as string, "lab-masks", PARTS);
    assert.ok(zip.has(`labels/${split}/${task.name}.txt`), `${task._id} in ${split}`);
  }
  assert.equal(yolo.summary.splits!.train.tasks + yolo.summary.splits!.val.tasks, 20);
  for (const format of ["coco", "lab"] as const) {
    const { summary } = await run(tasks, { ...options, format, outputFilename: `${format}.json` });
    for (const split of ["train", "val"]) {
      const file = `${dir.path}/${format}_${split}.json`;
      assert.equal(summary.splitFiles![split], file);
      const json = JSON.parse(await Deno.readTextFile(file));
      const ids: string[] = format === "coco"
        ? json.images.map((image: { lab_task_id: string }) => image.lab_task_id)
        : json.map((task: { id?: string; _id?: string }) => task.id ?? task._id);
      assert.ok(ids.length > 0, file);
      for (const id of ids) assert.equal(await documentedSplit(id, "lab-masks", PARTS), split, id);
      assert.equal(ids.length, summary.splits![split].tasks);
    }
  }
  assert.ok(!(await listFiles(dir.path)).includes("coco.json"), "no unsplit file");
});

Deno.test("maskFiles() gives the split paths exportMasks writes", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(20);
  const options = { split: "train=50,val=50", splitSeed: "in-memory" };
  await run(tasks, { ...options, outputFolder: dir.path, outputFilename: "out" });
  const written = [...(await placesOf(`${dir.path}/out`)).values()].map(([, path]) => path);
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const paths: string[] = [];
  const files = maskFiles({ client: clientOf(lab), projectId: "p1", ...options });
  await withDeadline(
    (async () => {
      for await (const file of files) paths.push(file.path);
    })(),
    60_000,
    "maskFiles()",
  );
  assert.deepEqual(paths, written);
  assert.ok(
    paths.some((path) => path.startsWith("val/")) &&
      paths.some((path) => path.startsWith("train/")),
  );
});

Deno.test("a dry run plans each mask under its split, and counts nothing", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(10);
  const { summary } = await run(tasks, {
    outputFolder: dir.path,
    split: "train=50,val=50",
    dryRun: true,
  });
  assert.equal(summary.splits, undefined);
  for (const outcome of summary.plannedTasks) {
    const split = await documentedSplit(outcome.taskId, "lab-masks", [["train", 50], ["val", 50]]);
    assert.equal(outcome.file, `${split}/${outcome.taskName}.png`);
  }
  assert.equal(summary.plannedTasks.length, tasks.filter((task) => task.data).length);
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("a split that got no task is noted, naming the split; yolo says data.yaml names it", async () => {
  await using dir = await tempDir();
  const tasks = tasksOf(3);
  const parts: [string, number][] = [["train", 99], ["val", 1]];
  for (const task of tasks) {
    assert.equal(await documentedSplit(task._id as string, "lab-masks", parts), "train");
  }
  const options = { outputFolder: dir.path, split: "train=99,val=1" };
  const masks = await run(tasks, { ...options, outputFilename: "masks" });
  const note = 'split "val" got none of the 3 tasks with files: training code that reads it ' +
    "finds nothing there; a larger share or more tasks fill it";
  assert.deepEqual(masks.summary.notes, [note]);
  assert.ok(formatSummary(masks.summary).includes(`Note: ${note}`));
  const yolo = await run(tasks, { ...options, format: "yolo", outputFilename: "ds.zip" });
  // (Its masks have no annotation polygons: yolo's note on empty label files comes first.)
  assert.deepEqual(yolo.summary.notes?.slice(1), [
    `${note}; data.yaml names images/val all the same, and Ultralytics stops on a split with ` +
    "no image",
  ]);
  const even = await run(tasks, { ...options, split: "train=50,val=50", outputFilename: "even" });
  assert.ok(even.summary.splits!.train.tasks > 0 && even.summary.splits!.val.tasks > 0);
  assert.equal(even.summary.notes, undefined);
});
