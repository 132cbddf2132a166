/**
 * `--max-task-size` (input `max-task-size`): the limit per task of a page, raised for tasks of
 * large masks; a task past it fails the export naming the setting.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { densePolygonTask, denseProject } from "../_fixtures/dense_project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { join } from "../../lib/_std/path.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";

const MIB = 1024 * 1024;

Deno.test("lab-masks export --max-task-size refuses a task past it, naming the flag, and the default takes it", async () => {
  // Task 2 is about 1.2 MB of JSON: past 1 MiB, well within the default 32.
  const tasks = [densePolygonTask(0, 3), densePolygonTask(1, 100_000), densePolygonTask(2, 3)];
  const size = JSON.stringify(tasks[1]).length;
  assert.ok(size > MIB && size < 2 * MIB, `task 2 is ${size} bytes`);
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [denseProject(tasks)] });
  const run = (name: string, ...more: string[]) =>
    runCli(
      ["export", "--project-id", "dense", "-o", dir.path, "--output-filename", name, ...more],
      labEnv(lab),
    );

  const failed = await run("small", "--max-task-size", "1");
  assert.equal(failed.code, 3, failed.stderr);
  assert.match(
    failed.stderr,
    /limit=100 with task 2 of the page larger than 1048576 bytes, the limit per task, --max-task-size: raise it for tasks of larger masks\./,
  );

  const raised = await run("raised", "--max-task-size", "2");
  assert.equal(raised.code, 0, raised.stderr);
  const byDefault = await run("default");
  assert.equal(byDefault.code, 0, byDefault.stderr);
  assert.equal((await listPngs(join(dir.path, "default"))).length, 3);
  assert.deepEqual(
    await listPngs(join(dir.path, "raised")),
    await listPngs(join(dir.path, "default")),
  );

  for (const [value, code] of [["0", 2], ["513", 2], ["1.5", 2]] as const) {
    const refused = await run("refused", "--max-task-size", value);
    assert.equal(refused.code, code, refused.stderr);
    assert.match(
      refused.stderr,
      new RegExp(`Option "--max-task-size" must be a whole number from 1 to 512; got "${value}"`),
    );
  }
});
