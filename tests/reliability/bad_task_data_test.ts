import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import type { Task } from "../../lib/api/types.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { BAD_TASK_DATA, VALID_PNG } from "./_bad_masks.ts";
import { envFor, exportFrom, runCli, variedMaskTasks } from "./_fixtures.ts";

const GOOD = variedMaskTasks(BAD_TASK_DATA.length);
// Good and bad tasks alternate, so every bad one sits between two that must still be written.
const TASKS: Task[] = BAD_TASK_DATA.flatMap(({ data }, i) => [
  { ...GOOD[i], _id: `good${i}`, name: `good/${i}.jpg` },
  { _id: `bad${i}`, name: `bad/${i}.jpg`, status: "complete", data },
]);
const FAILING = BAD_TASK_DATA.flatMap((entry, i) => entry.expected === "skipped" ? [] : [i]);

Deno.test("the bad-task corpus has at least 20 kinds of bad mask", () => {
  assert.ok(FAILING.length >= 20, `${FAILING.length} kinds`);
  assert.equal(new Set(BAD_TASK_DATA.map((entry) => entry.kind)).size, BAD_TASK_DATA.length);
});

Deno.test("exportMasks() reports each bad task with its id, name and reason, and writes every good one", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const summary = await exportFrom(lab, dir.path);

  assert.equal(summary.exported, GOOD.length);
  assert.equal(summary.failed, FAILING.length);
  assert.equal(summary.skipped, BAD_TASK_DATA.length - FAILING.length);
  for (const [i, { kind, expected }] of BAD_TASK_DATA.entries()) {
    const ids = { taskId: `bad${i}`, taskName: `bad/${i}.jpg` };
    if (expected === "skipped") {
      assert.ok(summary.skippedTasks.some((task) => task.taskId === ids.taskId), kind);
      continue;
    }
    const failure = summary.failures.find((task) => task.taskId === ids.taskId);
    assert.equal(failure?.taskName, ids.taskName, kind);
    assert.match(failure.reason!, expected, kind);
  }
  assert.deepEqual(
    await listFiles(`${dir.path}/out`).then((files) =>
      files.filter((file) => file.endsWith(".png"))
    ),
    GOOD.map((_, i) => `good/${i}.jpg.png`).sort(),
  );
  for (const [i, task] of GOOD.entries()) {
    const mask = (task.data!.body!.mask as string).slice("data:image/png;base64,".length);
    const expected = await decodePng(Uint8Array.from(atob(mask), (c) => c.charCodeAt(0)));
    const written = await decodePng(await Deno.readFile(`${dir.path}/out/good/${i}.jpg.png`));
    assertSameData(written, expected, `good/${i}.jpg`);
  }
});

Deno.test("lab-masks export names every bad task on stderr and exits 1", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const ran = await runCli(["export", "--project-id", "p1", "--output-filename", "out"], {
    env: envFor(lab),
    cwd: dir.path,
  });
  assert.equal(ran.code, 1, ran.stderr);
  for (const i of FAILING) {
    const { kind, expected } = BAD_TASK_DATA[i];
    const reason = (expected as RegExp).source;
    assert.match(
      ran.stderr,
      new RegExp(`^failed: "bad/${i}\\.jpg" \\(bad${i}\\): .*${reason}`, "m"),
      kind,
    );
  }
  assert.match(ran.stdout, new RegExp(`${GOOD.length} exported, .* ${FAILING.length} failed`));
});

Deno.test({
  name:
    "exportMasks() writes a mask whose size differs from the task's image, as the SDK, with a warning",
  async fn() {
    await using dir = await tempDir();
    // A 2×2 mask on a task whose image is 1920×1080: the SDK writes it as it is.
    const task = maskTask("t1", "a.jpg", encodeDataUri(VALID_PNG));
    task.data!.body!.image = { width: 1920, height: 1080 };
    await using lab = await startFakeLab({ projects: [segmentationProject("p1", [task])] });
    const summary = await exportFrom(lab, dir.path);
    assert.deepEqual([summary.exported, summary.failed], [1, 0]);
    assert.match(summary.warnings![0].warning!, /2×2.*1920×1080/);
  },
});
