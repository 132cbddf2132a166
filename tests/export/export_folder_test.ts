import assert from "../_std/assert.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { ExportFolder } from "../../lib/export/_export_folder.ts";
import type { ManifestEntry } from "../../lib/model/manifest.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";

const entry = (taskId: string): ManifestEntry => ({
  taskId,
  name: `${taskId}.jpg`,
  outcome: "skipped: no mask",
  files: [],
});

Deno.test("ExportFolder writes the manifest the run hands it, in task order, once the folder is made", async () => {
  await using dir = await tempDir();
  const folder = new ExportFolder(`${dir.path}/out`, "new", { dryRun: false });
  await folder.open();
  // Tasks end out of order, some before the folder exists; another shard's task has no line.
  folder.addEntry(2, entry("t2"));
  folder.addEntry(1, null);
  await folder.create("rgb", classTable([]));
  folder.addEntry(0, entry("t0"));
  folder.addTrailingEntries([entry("earlier")]);
  const path = await folder.closeManifest();
  // The run's lock on the folder is there until it ends.
  assert.deepEqual(await listFiles(dir.path), ["out/.lab-masks.lock", "out/manifest.jsonl"]);
  await folder[Symbol.asyncDispose]();
  assert.equal(path, `${dir.path}/out/manifest.jsonl`);
  const lines = (await Deno.readTextFile(path!)).trimEnd().split("\n").map((line) =>
    JSON.parse(line)
  );
  assert.deepEqual(lines.map((line) => line.taskId), ["t0", "t2", "earlier"]);
  assert.deepEqual(await listFiles(dir.path), ["out/manifest.jsonl"]);
});

Deno.test("ExportFolder leaves no folder and no manifest when no task made one, and keeps a partial one when abandoned", async () => {
  await using dir = await tempDir();
  const empty = new ExportFolder(`${dir.path}/empty`, "new", { dryRun: false });
  await empty.open();
  empty.addEntry(0, entry("t0"));
  assert.equal(await empty.closeManifest(), undefined);

  const stopped = new ExportFolder(`${dir.path}/stopped`, "new", { dryRun: false });
  await stopped.open();
  await stopped.create("rgb", classTable([]));
  stopped.addEntry(0, entry("t0"));
  await stopped.abandonManifest();
  await stopped[Symbol.asyncDispose]();
  assert.deepEqual(await listFiles(dir.path), ["stopped/.manifest.jsonl.part"]);
});
