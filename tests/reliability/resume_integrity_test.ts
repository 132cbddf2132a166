import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { sha256 } from "../../lib/export/_task_exporter.ts";
import type { TaskOutcome } from "../../lib/model/export_summary.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { exportFrom, variedMaskTasks } from "./_fixtures.ts";

// README, "Resume and overwrite": `--resume` keeps only files whose sha256 matches the manifest.
// A PNG edited or cut after the interrupted run must be written again, never reported as kept.

Deno.test("--resume rewrites a PNG corrupted and one truncated after the interruption, and keeps the others untouched", async () => {
  await using dir = await tempDir();
  const tasks = variedMaskTasks(12);
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  await withDeadline(exportFrom(lab, dir.path, { outputFilename: "whole" }), 60_000, "export");
  const controller = new AbortController();
  await withDeadline(
    exportFrom(lab, dir.path, {
      concurrency: 1,
      signal: controller.signal,
      onProgress: (event) => event.type === "task" && event.done === 8 && controller.abort(),
    }).then(() => assert.fail("the export should have been interrupted"), () => {}),
    60_000,
    "the interrupted export",
  );
  const out = `${dir.path}/out`;
  const partial = (await Deno.readTextFile(`${out}/.manifest.jsonl.part`)).trim().split("\n")
    .map((line) => JSON.parse(line)).filter((entry) => entry.outcome === "exported");
  assert.ok(partial.length >= 4, `${partial.length} tasks written before the interruption`);
  const [corrupted, truncated, ...untouched] = partial.map((entry) => entry.files[0].path);
  const bytes = await Deno.readFile(`${out}/${corrupted}`);
  bytes[bytes.length >> 1] ^= 0xff;
  await Deno.writeFile(`${out}/${corrupted}`, bytes);
  await Deno.truncate(`${out}/${truncated}`, 20);
  const mtimes = new Map<string, number | undefined>();
  for (const path of untouched) {
    mtimes.set(path, (await Deno.stat(`${out}/${path}`)).mtime?.getTime());
  }

  const outcomes = new Map<string, TaskOutcome>();
  const summary = await withDeadline(
    exportFrom(lab, dir.path, {
      resume: true,
      onProgress: (event) => {
        if (event.type === "task") outcomes.set(event.outcome.taskName, event.outcome);
      },
    }),
    60_000,
    "the resumed export",
  );
  assert.equal(summary.kept, untouched.length);
  const manifest = (await Deno.readTextFile(`${out}/manifest.jsonl`)).trim().split("\n")
    .map((line) => JSON.parse(line));
  for (const path of [corrupted, truncated]) {
    const taskName = path.replace(/\.png$/, "");
    assert.equal(outcomes.get(taskName)?.status, "exported", `${path} is reported exported`);
    const written = await Deno.readFile(`${out}/${path}`);
    const entry = manifest.find((line) => line.files[0]?.path === path);
    assert.equal(sha256(written), entry.files[0].sha256, `${path} has the manifest's sha256`);
    assertSameData(
      await decodePng(written),
      await decodePng(await Deno.readFile(`${dir.path}/whole/${path}`)),
      `${path} has the right pixels`,
    );
  }
  for (const path of untouched) {
    assert.equal(outcomes.get(path.replace(/\.png$/, ""))?.status, "kept", path);
    assert.equal((await Deno.stat(`${out}/${path}`)).mtime?.getTime(), mtimes.get(path), path);
  }
});
