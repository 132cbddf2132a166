import assert from "../_std/assert.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { TaskError } from "../../lib/errors.ts";
import { conversionCost, MemoryBudget } from "../../lib/export/_memory_budget.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

/** A `width`×`height` RGB mask, instance 1 of bChannel 1 everywhere, as a data URI. */
function maskOf(width: number, height: number): string {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set([1, 0, 1], i);
  return encodeDataUri(writeMaskPng({ width, height, data }, { colourType: 2 }));
}

const TASK = { taskId: "t1", taskName: "a.jpg", size: { width: 10, height: 10 } };

Deno.test("MemoryBudget admits masks by their bytes, in order, and lets the next in when one is written", async () => {
  const budget = new MemoryBudget(100);
  const admitted: string[] = [];
  const first = await budget.admit(60, TASK);
  const second = budget.admit(30, TASK).then((release) => (admitted.push("30"), release));
  const third = budget.admit(50, TASK).then((release) => (admitted.push("50"), release));
  // 30 bytes would fit next to 60, but the 50 behind it must not wait for ever: order is kept.
  const fourth = budget.admit(10, TASK).then((release) => (admitted.push("10"), release));
  await (await second)();
  assert.deepEqual(admitted, ["30"]);
  first();
  await Promise.all([third, fourth]);
  assert.deepEqual(admitted, ["30", "50", "10"]);
});

Deno.test("MemoryBudget refuses a mask that alone costs more than the whole budget, naming the fix and its setting", async () => {
  const budget = new MemoryBudget(2 ** 20);
  const error = await budget.admit(3 * 2 ** 20, { ...TASK, size: { width: 1024, height: 1024 } })
    .then(() => undefined, (error) => error);
  assert.ok(error instanceof TaskError);
  assert.equal(error.taskId, "t1");
  assert.match(error.reason, /1024×1024, 3\.0 MiB to convert, more than the whole memory budget/);
  assert.match(error.reason, /; raise the memory budget to at least 3 MiB to export it$/);
  assert.equal(error.setting, "memoryBudgetBytes");
  assert.match(error.message, /to export it \(options\.memoryBudgetBytes\)$/);
  assert.throws(() => new MemoryBudget(0), RangeError);
  assert.throws(() => new MemoryBudget(Number.NaN), RangeError);
});

Deno.test("conversionCost() charges a streamed PNG mask its bytes and one strip, shapes the whole image", () => {
  // Only the signature and IHDR are read: a 10000×10000 PNG of 5,000 bytes.
  const png = new Uint8Array(5000);
  png.set([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);
  new DataView(png.buffer).setUint32(16, 10000);
  new DataView(png.buffer).setUint32(20, 10000);
  const streamed = conversionCost({ kind: "png", bytes: png })!;
  assert.deepEqual(streamed.size, { width: 10000, height: 10000 });
  // A strip of 256 KiB of RGB rows (87,382 pixels) at 12 bytes a pixel, and the PNG twice.
  assert.equal(streamed.cost, 87382 * 12 + 2 * 5000);
  // Wider than 256 KiB of RGB in 8 rows: 8 rows.
  new DataView(png.buffer).setUint32(16, 20000);
  assert.equal(conversionCost({ kind: "png", bytes: png })!.cost, 8 * 20000 * 12 + 2 * 5000);
  const shapes = { kind: "shapes", geometry: "polygon", annotations: [] } as const;
  const image = { width: 10000, height: 10000 };
  assert.equal(conversionCost({ ...shapes, image })!.cost, 300_000_000);
  assert.equal(conversionCost(shapes), undefined);
  assert.equal(conversionCost({ kind: "invalid", reason: "not a PNG" }), undefined);
});

Deno.test("exportMasks() fails only the mask above the memory budget and writes the others, which wait their turn", async () => {
  await using dir = await tempDir();
  // Whole in one strip, 20×20 holds 4,800 bytes of rows (12 a pixel) and 10×10 1,200, plus
  // twice their PNG's bytes: the budget holds one 10×10 at a time, never the 20×20.
  const tasks = [
    maskTask("t0", "small0.jpg", maskOf(10, 10)),
    maskTask("t1", "large.jpg", maskOf(20, 20)),
    ...Array.from(
      { length: 6 },
      (_, i) => maskTask(`t${i + 2}`, `small${i + 1}.jpg`, maskOf(10, 10)),
    ),
  ];
  const project = segmentationProject("p1", tasks);
  const summary = await exportOnce(project, dir.path, { memoryBudgetBytes: 2000, concurrency: 4 });
  assert.equal(summary.exported, 7);
  assert.equal(summary.failed, 1);
  assert.equal(summary.failures[0].taskId, "t1");
  assert.match(
    summary.failures[0].reason!,
    /20×20, \d{4} bytes to convert, more than the whole memory budget of 2000 bytes/,
  );
  assert.equal(
    summary.failures[0].setting,
    "memoryBudgetBytes",
    "the library's failure names its setting",
  );
  assert.deepEqual(
    await listPngs(`${dir.path}/out`),
    ["small0.jpg.png", ...Array.from({ length: 6 }, (_, i) => `small${i + 1}.jpg.png`)].sort(),
  );
  await assert.rejects(() => exportOnce(project, dir.path, { memoryBudgetBytes: -1 }), RangeError);
});

Deno.test("lab-masks export --memory-budget exits 1 naming the task whose mask is above it", async () => {
  await using dir = await tempDir();
  // 20000 pixels wide, a strip is 8 rows: 160,000 pixels of 12 bytes, 1.8 MiB with the PNG.
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [
      maskTask("t1", "huge.jpg", maskOf(20000, 20)),
      maskTask("t2", "fine.jpg", maskOf(2, 2)),
    ])],
  });
  const ran = await runCli([
    "export",
    "--project-id=p1",
    `--output-folder=${dir.path}`,
    "--output-filename=out",
    "--memory-budget=1",
  ], labEnv(lab));
  assert.equal(ran.code, 1, ran.stderr);
  assert.match(
    ran.stderr,
    /"huge\.jpg" \(t1\): its mask is 20000×20, 1\.8 MiB to convert, more than the whole memory budget of 1\.0 MiB; raise the memory budget to at least 2 MiB to export it \(--memory-budget\)\n/,
  );
  assert.match(
    ran.stdout,
    /^ {2}failed: "huge\.jpg" \(t1\): .* to export it \(--memory-budget\)$/m,
  );
  const manifest = await Deno.readTextFile(`${dir.path}/out/manifest.jsonl`);
  assert.match(manifest, /"outcome":"failed: its mask is 20000×20, [^"]* to export it"/);
  assert.doesNotMatch(
    manifest,
    /--|options\./,
    "the manifest keeps the reason in no surface's words",
  );
  assert.deepEqual(await listPngs(`${dir.path}/out`), ["fine.jpg.png"]);
  const bad = await runCli(["export", "--project-id=p1", "--memory-budget=0"], labEnv(lab));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--memory-budget" must be a whole number from 1/);
});
