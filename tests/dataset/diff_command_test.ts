import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "../_fixtures/run_cli.ts";

const WIDTH = 8;

/** Task `i`'s mask: instance 1 of bChannel 1 on its first `2 + i` pixels; `extra` more pixels of
 * instance 2 of bChannel 2 at the end. */
function maskOf(i: number, extra = 0): string {
  const data = new Uint8Array(WIDTH * 2 * 3);
  for (let p = 0; p < 2 + i; p++) data.set([1, 1, 1], p * 3);
  for (let p = WIDTH * 2 - extra; p < WIDTH * 2; p++) data.set([2, 2, 2], p * 3);
  return encodeDataUri(writeMaskPng({ width: WIDTH, height: 2, data }, { colourType: 2 }));
}

function tasks(count: number, changed?: { index: number; extra: number }): Task[] {
  return Array.from(
    { length: count },
    (_, i) => maskTask(`t${i}`, `f${i}.jpg`, maskOf(i, changed?.index === i ? changed.extra : 0)),
  );
}

Deno.test("diff names the one changed task with its changed-pixel count and gained label, the added and removed ones", async () => {
  await using dir = await tempDir();
  await exportOnce(segmentationProject("p1", tasks(5)), `${dir.path}/old`, {
    maskFormat: "class-index",
  });
  // t3 gains 3 pixels of another label; t4 goes; t5 comes.
  const now = tasks(6, { index: 3, extra: 3 }).filter((task) => task._id !== "t4");
  await exportOnce(segmentationProject("p1", now), `${dir.path}/new`, {
    maskFormat: "class-index",
  });
  const [old, fresh] = [`${dir.path}/old/out`, `${dir.path}/new/out`];

  const ran = await runCli(["diff", old, fresh]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /^Tasks: 1 added, 1 removed, 1 changed, 3 unchanged$/m);
  assert.match(ran.stdout, /^ {2}changed: "f3\.jpg" \(t3\): 3 pixels; labels gained "[^"]+"$/m);
  assert.match(ran.stdout, /^ {2}added: "f5\.jpg" \(t5\)$/m);
  assert.match(ran.stdout, /^ {2}removed: "f4\.jpg" \(t4\)$/m);

  const json = JSON.parse((await runCli(["diff", old, fresh, "--json"])).stdout);
  assert.deepEqual(
    json.changed.map((
      task: { taskId: string; changedPixels: number },
    ) => [task.taskId, task.changedPixels]),
    [["t3", 3]],
  );
  assert.equal(json.unchanged, 3);
  // Per label: the gained one is in one task with one instance now; the other's counts hold.
  const moved = json.labels.filter((label: { tasks: number[] }) =>
    label.tasks[0] !== label.tasks[1]
  );
  assert.deepEqual(
    moved.map((label: { tasks: number[]; instances: number[] }) => [label.tasks, label.instances]),
    [
      [[0, 1], [0, 1]],
    ],
  );

  // Pixel shares: the old masks hold 2+3+4+5+6 = 20 pixels of the first label and nothing else;
  // the new ones 2+3+4+5+7 = 21 of it and t3's 3 of the second, 24 in all.
  const share = (id: string) =>
    json.labels.find((label: { id: string }) => label.id === id).pixelShare;
  const [first, second] = json.labels.map((label: { id: string }) => label.id);
  assert.deepEqual(share(first), [1, 21 / 24]);
  assert.deepEqual(share(second), [0, 3 / 24]);
  assert.match(
    ran.stdout,
    new RegExp(
      `^ {2}"${first}": tasks 5 → 5 \\(\\+0\\), instances 5 → 5 \\(\\+0\\), pixel share 100\\.0% → 87\\.5% \\(-12\\.5 points\\)$`,
      "m",
    ),
  );

  assert.equal((await runCli(["diff", old, fresh, "--fail-over", "0"])).code, 1);
  assert.equal((await runCli(["diff", old, fresh, "--fail-over", "1"])).code, 0);
  assert.equal((await runCli(["diff", old, old])).stdout.includes("0 changed, 5 unchanged"), true);
});

Deno.test("diff exits 2 when the exports cannot be compared: other mask formats, not an export, bad --fail-over", async () => {
  await using dir = await tempDir();
  await exportOnce(segmentationProject("p1", tasks(2)), `${dir.path}/a`, {
    maskFormat: "class-index",
  });
  await exportOnce(segmentationProject("p1", tasks(2)), `${dir.path}/b`, { maskFormat: "rgb" });
  const formats = await runCli(["diff", `${dir.path}/a/out`, `${dir.path}/b/out`]);
  assert.equal(formats.code, 2);
  assert.match(
    formats.stderr,
    /cannot be compared: ".*" has class-index masks and ".*" has rgb masks/,
  );
  const missing = await runCli(["diff", `${dir.path}/a/out`, dir.path]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /is not an export folder of this tool: it has no manifest\.jsonl/);
  const bad = await runCli(["diff", "x", "y", "--fail-over", "many"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /"--fail-over" of "diff" takes a whole number of tasks, not "many"/);
});

Deno.test("diff counts the changed pixels and pixel shares alike in every mask format", async (t) => {
  for (const maskFormat of ["rgb", "palette", "instance", "binary"] as const) {
    await t.step(maskFormat, async () => {
      await using dir = await tempDir();
      await exportOnce(segmentationProject("p1", tasks(3)), `${dir.path}/old`, { maskFormat });
      await exportOnce(
        segmentationProject("p1", tasks(3, { index: 1, extra: 4 })),
        `${dir.path}/new`,
        { maskFormat },
      );
      const ran = await runCli(["diff", `${dir.path}/old/out`, `${dir.path}/new/out`, "--json"]);
      assert.equal(ran.code, 0, ran.stderr);
      const diff = JSON.parse(ran.stdout);
      assert.deepEqual(
        diff.changed.map((task: { taskId: string; changedPixels: number }) => [
          task.taskId,
          task.changedPixels,
        ]),
        [["t1", 4]],
      );
      // 2+3+4 = 9 pixels of the first label; then 4 of the second too.
      const shares = diff.labels.map((label: { pixelShare: number[] }) => label.pixelShare);
      assert.deepEqual(shares, [[1, 9 / 13], [0, 4 / 13]]);
    });
  }
});
