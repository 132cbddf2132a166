import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { defaultKeyHash, type KeyHash, useKeyHash } from "../../lib/_hashed_keys.ts";
import type { Task } from "../../lib/api/types.ts";
import { EarlierManifest } from "../../lib/export/_earlier_manifest.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import type { ExportSummary } from "../../lib/model/export_summary.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

/** Runs `work` with every new key index hashing with `hash`, then the default again. */
async function withKeyHash<T>(hash: KeyHash, work: () => Promise<T>): Promise<T> {
  useKeyHash(hash);
  try {
    return await work();
  } finally {
    useKeyHash(undefined);
  }
}

/** A hash under which every key of one length collides: task ids, file names, manifest ids. */
const byLength: KeyHash = (key) => key.length;

function maskOf(value: number): string {
  const data = new Uint8Array([value, 0, 1, value, 0, 1]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 1, data }, { colourType: 2 }));
}

/** Six tasks whose ids (and file names) all have one length, so all share one hash. */
function collidingTasks(): Task[] {
  return Array.from({ length: 6 }, (_, i) => ({
    ...maskTask(`id${i}`, `img${i}.jpg`, maskOf(i + 1)),
    status: "complete",
    updatedAt: "2024-12-01T00:00:00.000Z",
  }));
}

async function run(tasks: Task[], options: Partial<ExportMasksOptions>): Promise<ExportSummary> {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const exported = exportMasks({ client: clientOf(lab), projectId: "p1", ...options });
  return await withDeadline(exported, 30_000, "the export");
}

async function manifestOf(folder: string): Promise<{ taskId: string; outcome: string }[]> {
  const text = await Deno.readTextFile(`${folder}/manifest.jsonl`);
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

const EVERY_FILE = Array.from({ length: 6 }, (_, i) => `img${i}.jpg.png`);

/** Asserts `folder` holds every colliding task's mask, and its manifest each task's entry in order. */
async function assertEveryTask(folder: string): Promise<void> {
  assert.deepEqual((await listPngs(folder)).sort(), EVERY_FILE);
  const entries = await manifestOf(folder);
  assert.deepEqual(entries.map((entry) => entry.taskId), collidingTasks().map((t) => t._id));
}

Deno.test("tasks whose ids and file names share one hash are exported as distinct tasks", async () => {
  await withKeyHash(byLength, async () => {
    await using dir = await tempDir();
    const summary = await run(collidingTasks(), { outputFolder: dir.path, outputFilename: "out" });
    assert.equal(summary.exported, 6);
    await assertEveryTask(`${dir.path}/out`);
  });
});

Deno.test("a resumed export finds each of the tasks whose ids share one hash by its own entry", async () => {
  await withKeyHash(byLength, async () => {
    await using dir = await tempDir();
    const controller = new AbortController();
    await assert.rejects(
      run(collidingTasks(), {
        outputFolder: dir.path,
        outputFilename: "out",
        concurrency: 1,
        signal: controller.signal,
        onProgress: (event) => event.type === "task" && event.done === 3 && controller.abort(),
      }),
      { name: "AbortError" },
    );
    const summary = await run(collidingTasks(), {
      outputFolder: dir.path,
      outputFilename: "out",
      resume: true,
    });
    assert.ok(summary.kept >= 2, `${summary.kept} kept`);
    assert.equal(summary.kept + summary.exported, 6);
    // A task given another's entry would be renamed (img0.jpg__id1.png) or keep the wrong file.
    await assertEveryTask(`${dir.path}/out`);
  });
});

Deno.test("an incremental export removes only the task that left the filters among tasks whose ids share one hash", async () => {
  await withKeyHash(byLength, async () => {
    await using dir = await tempDir();
    const tasks = collidingTasks();
    const filters = { statusIn: ["complete"] };
    await run(tasks, { outputFolder: dir.path, outputFilename: "out", filters });
    const now = new Date().toISOString();
    tasks[3] = { ...tasks[3], status: "to-review", updatedAt: now };
    const summary = await run(tasks, { incremental: `${dir.path}/out`, filters });
    assert.equal(summary.removed, 1);
    assert.deepEqual(
      (await listPngs(`${dir.path}/out`)).sort(),
      EVERY_FILE.filter((file) => file !== "img3.jpg.png"),
    );
    const removed = (await manifestOf(`${dir.path}/out`))
      .filter((entry) => entry.outcome.startsWith("removed"))
      .map((entry) => entry.taskId);
    assert.deepEqual(removed, ["id3"]);
  });
});

/** A file door whose opened files count their reads. */
class CountingFs extends ExportFolderFs {
  reads = 0;
  override async openFile(relative: string): Promise<Deno.FsFile> {
    const file = await super.openFile(relative);
    const read = file.read.bind(file);
    file.read = (buffer: Uint8Array) => {
      this.reads++;
      return read(buffer);
    };
    return file;
  }
}

/**
 * The work to read a manifest of one task id `repeats` times, take the task, and list what is
 * left: file reads, hashes and `Map` lookups (where a chain from entry to entry would show).
 */
async function workForRepeats(folder: string, repeats: number): Promise<number> {
  const line = (taskId: string) =>
    `${JSON.stringify({ taskId, name: `${taskId}.jpg`, outcome: "exported", files: [] })}\n`;
  const lines = Array.from({ length: repeats }, () => line("again"));
  lines.push(line("other"));
  await Deno.writeTextFile(`${folder}/manifest.jsonl`, lines.join(""));
  let hashes = 0;
  const counted: KeyHash = (key) => {
    hashes++;
    return defaultKeyHash(key);
  };
  const files = new CountingFs(folder);
  const get = Map.prototype.get;
  let lookups = 0;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    lookups++;
    return get.call(this, key);
  };
  try {
    return await withKeyHash(counted, () => readRepeats(files, repeats)) + hashes + lookups;
  } finally {
    Map.prototype.get = get;
  }
}

/** Reads the manifest, takes the repeated task back and lists what is left: the file reads. */
async function readRepeats(files: CountingFs, repeats: number): Promise<number> {
  using earlier = await EarlierManifest.read(files, "manifest.jsonl", "resume");
  assert.equal(earlier.size, repeats + 1);
  assert.equal((await earlier.take("again"))?.taskId, "again");
  assert.equal(earlier.hasLeft(), true, "the other task is left");
  let left = 0;
  for await (const one of earlier.leftOver()) left += one.entry.taskId === "other" ? 1 : 100;
  assert.equal(left, 1, "only the other task's entry is left over");
  return files.reads;
}

Deno.test("a manifest repeating one task id costs work linear in its entries", async () => {
  await using dir = await tempDir();
  const once = await workForRepeats(dir.path, 2_000);
  const twice = await workForRepeats(dir.path, 4_000);
  // Quadratic work would be four times as much.
  assert.ok(twice <= 2.2 * once, `work ${once} for 2,000 repeats, ${twice} for 4,000`);
});
