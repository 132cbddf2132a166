import assert from "../_std/assert.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { HashedKeys } from "../../lib/_hashed_keys.ts";
import { MAX_LISTED_TASKS } from "../../lib/export/export_summary.ts";
import { readManifest } from "../../lib/export/manifest.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";

Deno.test("HashedKeys finds every key it holds, and no other, as it grows", () => {
  const keys = new HashedKeys();
  for (let i = 0; i < 50_000; i++) keys.set(`folder/${i}.png`, i % 1000);
  keys.set("folder/7.png", 999_999);
  assert.equal(keys.size, 50_000);
  for (let i = 0; i < 50_000; i++) {
    assert.equal(keys.get(`folder/${i}.png`), i === 7 ? 999_999 : i % 1000);
    assert.equal(keys.get(`folder/${i}.PNG`), undefined);
  }
});

Deno.test("MaskFileRegistry holds under 100 bytes per task for 40,000 tasks", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--v8-flags=--expose-gc",
      fromFileUrl(new URL("_retained_names.ts", import.meta.url)),
      "40000",
    ],
    stderr: "inherit",
  }).output();
  assert.ok(output.success);
  const { bytesPerTask } = JSON.parse(new TextDecoder().decode(output.stdout));
  // The names as strings in a Map held about 140 bytes per task.
  assert.ok(bytesPerTask > 0 && bytesPerTask <= 100, `${bytesPerTask} bytes per task`);
});

Deno.test("a resumed or incremental export holds under 100 bytes per entry of a 40,000-task earlier manifest", async () => {
  await using dir = await tempDir();
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--v8-flags=--expose-gc",
      `--allow-read=${dir.path}`,
      `--allow-write=${dir.path}`,
      fromFileUrl(new URL("_retained_manifest.ts", import.meta.url)),
      dir.path,
      "40000",
    ],
    stderr: "inherit",
  }).output();
  assert.ok(output.success);
  const { bytesPerTask, wholeBytesPerTask } = JSON.parse(new TextDecoder().decode(output.stdout));
  assert.ok(bytesPerTask > 0 && bytesPerTask <= 100, `${bytesPerTask} bytes per entry`);
  // The same measure sees the entries parsed whole, as exports read them before.
  assert.ok(wholeBytesPerTask > 300, `parsed whole: ${wholeBytesPerTask} bytes per entry`);
});

Deno.test("exportMasks() lists the first 1,000 skipped tasks in task order, counts the rest, and the manifest has them all", async () => {
  await using dir = await tempDir();
  const mask = encodeDataUri(
    writeMaskPng({ width: 1, height: 1, data: new Uint8Array([1, 0, 1]) }, { colourType: 2 }),
  );
  const count = MAX_LISTED_TASKS + 50;
  const tasks = Array.from(
    { length: count },
    (_, i) => maskTask(`t${i}`, `f${i}.jpg`, i === 0 ? mask : undefined),
  );
  const summary = await exportOnce(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.skipped, count - 1);
  assert.deepEqual(
    summary.skippedTasks.map((task) => task.taskId),
    Array.from({ length: MAX_LISTED_TASKS }, (_, i) => `t${i + 1}`),
  );
  assert.deepEqual(summary.unlisted, { skippedTasks: count - 1 - MAX_LISTED_TASKS });
  const entries = await readManifest(`${dir.path}/out/manifest.jsonl`, "test");
  assert.equal(entries.filter((entry) => entry.outcome === "skipped: no mask").length, count - 1);
});
