import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import type { Task } from "../../lib/api/types.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { sha256 } from "../../lib/export/_task_exporter.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type RecordedRequest, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listFiles, listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { expectedWatermark, startedAtOf } from "../_fixtures/watermark.ts";

function maskOf(id: number, bChannel: number): string {
  const data = new Uint8Array([id, id % 255, bChannel, 0, 0, 0]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 1, data }, { colourType: 2 }));
}

/** 40 tasks: names repeat every 10 (so de-duplication matters), every 7th has no mask. */
function projectTasks(): Task[] {
  return Array.from({ length: 40 }, (_, i) => ({
    ...maskTask(
      `t${String(i).padStart(2, "0")}`,
      `f${i % 10}.jpg`,
      i % 7 === 3 ? undefined : maskOf(1 + (i % 200), 1 + (i % 3)),
    ),
    status: i % 2 === 0 ? "complete" : "reviewed",
    updatedAt: "2024-12-01T00:00:00.000Z",
  }));
}

async function run(tasks: Task[], options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const client = clientOf(lab);
  const summary = await exportMasks({ client, projectId: "p1", ...options });
  return { summary, requests: lab.requests as RecordedRequest[] };
}

async function manifestOf(folder: string) {
  const text = await Deno.readTextFile(`${folder}/manifest.jsonl`);
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

async function filesWithBytes(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await listPngs(folder)) {
    files.set(file, await sha256(await Deno.readFile(`${folder}/${file}`)));
  }
  return files;
}

Deno.test("exportMasks() writes a manifest line per task, in task order, with each file's sha256", async () => {
  await using dir = await tempDir();
  const tasks = [
    ...projectTasks().slice(0, 4),
    maskTask("bad", "bad.jpg", "data:image/png;base64,AAAA"),
  ];
  await run(tasks, { outputFolder: dir.path, outputFilename: "out" });
  const entries = await manifestOf(`${dir.path}/out`);
  assert.deepEqual(entries.map((entry) => entry.taskId), ["t00", "t01", "t02", "t03", "bad"]);
  assert.deepEqual(entries.map((entry) => entry.outcome.split(":")[0]), [
    "exported",
    "exported",
    "exported",
    "skipped",
    "failed",
  ]);
  const first = entries[0];
  assert.deepEqual(
    [first.name, first.status, first.width, first.height, first.labels, first.instanceCount],
    ["f0.jpg", "complete", 2, 1, ["car"], 1],
  );
  for (const entry of entries.filter((entry) => entry.outcome === "exported")) {
    const [file] = entry.files;
    assert.equal(file.sha256, await sha256(await Deno.readFile(`${dir.path}/out/${file.path}`)));
  }
  assert.match(entries[4].outcome, /^failed: its mask cannot be read: /);
});

Deno.test("exportMasks() in a dry run lists the planned files and writes nothing", async () => {
  await using dir = await tempDir();
  const { summary } = await run(projectTasks(), {
    outputFolder: dir.path,
    outputFilename: "out",
    dryRun: true,
  });
  assert.equal(summary.planned, 34);
  assert.equal(summary.skipped, 6);
  assert.equal(summary.plannedTasks[0].file, "f0.jpg.png");
  const planned = new Map(summary.plannedTasks.map((task) => [task.taskId, task.file]));
  assert.equal(planned.get("t20"), "f0.jpg__t20.png");
  assert.equal(planned.has("t10"), false, "t10 has no mask");
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("a 4-shard export's union equals the unsharded export byte for byte", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks();
  await run(tasks, { outputFolder: dir.path, outputFilename: "all" });
  const union = new Map<string, string>();
  let exported = 0;
  for (let index = 1; index <= 4; index++) {
    const { summary } = await run(tasks, {
      outputFolder: dir.path,
      outputFilename: `shard-${index}`,
      shard: { index, count: 4 },
    });
    exported += summary.exported;
    for (const [file, digest] of await filesWithBytes(`${dir.path}/shard-${index}`)) {
      assert.ok(!union.has(file), `${file} is in two shards`);
      union.set(file, digest);
    }
  }
  assertSameData(union, await filesWithBytes(`${dir.path}/all`));
  assert.equal(exported, 34);
});

Deno.test("an incremental export fetches and writes only the tasks updated since", async () => {
  await using dir = await tempDir();
  const tasks = Array.from({ length: 200 }, (_, i) => ({
    ...maskTask(`t${i}`, `f${i}.jpg`, maskOf(1, 1)),
    status: "complete",
    updatedAt: "2024-12-01T00:00:00.000Z",
  }));
  await run(tasks, {
    outputFolder: dir.path,
    outputFilename: "out",
    filters: { statusIn: ["complete"] },
  });
  const before = await filesWithBytes(`${dir.path}/out`);
  const startedAt = await startedAtOf(`${dir.path}/out`);
  // 1% changes: t5 and t6 get new masks, t7 leaves the filter; t200 is new.
  const now = new Date().toISOString();
  tasks[5] = { ...tasks[5], updatedAt: now, data: { body: { mask: maskOf(9, 2) } } };
  tasks[6] = { ...tasks[6], updatedAt: now, data: { body: { mask: maskOf(8, 3) } } };
  tasks[7] = { ...tasks[7], updatedAt: now, status: "to-review" };
  tasks[8] = { ...tasks[8], updatedAt: now, data: undefined };
  tasks.push({ ...maskTask("t200", "f5.jpg", maskOf(4, 1)), status: "complete", updatedAt: now });
  const { summary, requests } = await run(tasks, {
    incremental: `${dir.path}/out`,
    filters: { statusIn: ["complete"] },
  });
  const pages = requests.filter((request) => request.path.endsWith("/tasks"));
  assert.deepEqual(pages[0].query.getAll("updatedAt"), [expectedWatermark(startedAt)]);
  assert.deepEqual(pages[0].query.getAll("statuses"), ["complete"]);
  assert.equal(summary.total, 4, "only the updated tasks that match come back");
  assert.deepEqual([summary.exported, summary.skipped, summary.removed, summary.carried], [
    3,
    1,
    1,
    196,
  ]);
  const after = await filesWithBytes(`${dir.path}/out`);
  assert.notEqual(after.get("f5.jpg.png"), before.get("f5.jpg.png"));
  assert.ok(after.has("f5.jpg__t200.png"), "a new task with a taken name gets another one");
  assert.ok(!after.has("f7.jpg.png"), "a task that left the filter loses its file");
  assert.ok(!after.has("f8.jpg.png"), "a task that lost its mask loses its file");
  assert.equal(after.get("f100.jpg.png"), before.get("f100.jpg.png"));
  const entries = await manifestOf(`${dir.path}/out`);
  assert.equal(entries.length, 201);
  assert.equal(
    entries.find((entry) => entry.taskId === "t7").outcome,
    "removed: no longer matches the filters",
  );
});

Deno.test("an incremental export refuses other settings than the export it updates", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks().slice(0, 2);
  await run(tasks, { outputFolder: dir.path, outputFilename: "out" });
  await assert.rejects(
    run(tasks, { incremental: `${dir.path}/out/manifest.jsonl`, maskFormat: "class-index" }),
    (error: unknown) => error instanceof ConfigError && /another maskFormat/.test(error.message),
  );
});

Deno.test("an incremental export refuses an export whose pixel identities are of another form", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks().slice(0, 2);
  await run(tasks, { outputFolder: dir.path, outputFilename: "out" });
  const path = `${dir.path}/out/export.json`;
  const metadata = JSON.parse(await Deno.readTextFile(path));
  assert.equal(metadata.pixelForm, "lab-masks-pixels/2");
  // Written before the form was recorded: its pixelSha256 are the first form's.
  delete metadata.pixelForm;
  await Deno.writeTextFile(path, JSON.stringify(metadata));
  await assert.rejects(
    run(tasks, { incremental: `${dir.path}/out` }),
    (error: unknown) =>
      error instanceof ConfigError && error.setting === "incremental" &&
      /pixels as lab-masks-pixels\/1, and this version of lab-masks computes lab-masks-pixels\/2; run a full export/
        .test(error.message),
  );
});

Deno.test("--resume finishes an interrupted export, keeping its complete files", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks();
  await run(tasks, { outputFolder: dir.path, outputFilename: "whole" });
  const controller = new AbortController();
  await assert.rejects(
    run(tasks, {
      outputFolder: dir.path,
      outputFilename: "cut",
      concurrency: 1,
      signal: controller.signal,
      onProgress: (event) => event.type === "task" && event.done === 12 && controller.abort(),
    }),
    { name: "AbortError" },
  );
  assert.ok((await listFiles(`${dir.path}/cut`)).includes(".manifest.jsonl.part"));
  const { summary } = await run(tasks, {
    outputFolder: dir.path,
    outputFilename: "cut",
    resume: true,
  });
  assert.ok(summary.kept >= 9, `${summary.kept} kept`);
  assert.equal(summary.kept + summary.exported, 34);
  assertSameData(
    await filesWithBytes(`${dir.path}/cut`),
    await filesWithBytes(`${dir.path}/whole`),
  );
  assert.equal((await manifestOf(`${dir.path}/cut`)).length, 40);
  assert.ok(!(await listFiles(`${dir.path}/cut`)).includes(".manifest.jsonl.part"));
});

Deno.test("--overwrite replaces an earlier export but never a folder that is not one", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks().slice(0, 3);
  await run(tasks, { outputFolder: dir.path, outputFilename: "out" });
  await Deno.writeTextFile(`${dir.path}/out/stale.png`, "old");
  await run(tasks, { outputFolder: dir.path, outputFilename: "out", overwrite: true });
  assert.ok(!(await listFiles(`${dir.path}/out`)).includes("stale.png"));
  await Deno.mkdir(`${dir.path}/mine`);
  await Deno.writeTextFile(`${dir.path}/mine/notes.txt`, "keep me");
  await assert.rejects(
    run(tasks, { outputFolder: dir.path, outputFilename: "mine", overwrite: true }),
    (error: unknown) => error instanceof ConfigError && /not an export folder/.test(error.message),
  );
  assert.equal(await Deno.readTextFile(`${dir.path}/mine/notes.txt`), "keep me");
});
