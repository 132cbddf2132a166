/**
 * A pool's workers replaced by fresh ones once they converted their share of pixels (so that a
 * long export's memory does not grow with their heaps' fragments), and the ledger that tells.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { jobPixels, WorkerLedger } from "../../lib/export/_worker_ledger.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { runMaskJob } from "../../lib/export/_mask_job.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

const TABLE = classTable([{ id: "road", bChannel: 1 }, { id: "car", bChannel: 4 }]);

/** A 64×48 mask job (3,072 pixels), one of a few drawn apart by `seed`. */
function jobOf(seed: number) {
  const image = drawMask({ width: 64, height: 48 }, [
    { id: seed, bChannel: 4, circle: [20 + seed, 20, 12] },
    { id: 200, bChannel: 1, rect: [0, 30, 64, 48] },
  ]);
  const bytes = writeMaskPng(image, { colourType: 6 });
  return {
    mask: { kind: "png" as const, bytes },
    file: "a.png",
    format: "rgb" as const,
    table: TABLE,
  };
}

Deno.test("ConvertPool replaces a worker that converted its share once it answered, and renders alike", async () => {
  // Two masks a worker.
  using pool = new ConvertPool({ size: 1, pixelsPerWorker: 2 * 64 * 48 });
  const started: number[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    const rendered = await withDeadline(pool.render(jobOf(seed)), 30_000, "a mask on the pool");
    const wanted = await runMaskJob(jobOf(seed));
    assertSameData(rendered.files[0].bytes, wanted.files[0].bytes, `mask ${seed}`);
    started.push(pool.started);
  }
  assert.deepEqual(started, [1, 1, 2, 2, 3]);
});

Deno.test("ConvertPool sends a spent worker no more jobs, lets it answer those it has, then starts another", async () => {
  // One mask a worker; four jobs at once: the first worker holds two when it is spent.
  using pool = new ConvertPool({ size: 1, pixelsPerWorker: 64 * 48 });
  const seeds = [1, 2, 3, 4];
  const rendered = await withDeadline(
    Promise.all(seeds.map((seed) => pool.render(jobOf(seed)))),
    30_000,
    "four masks on the pool",
  );
  for (const [i, seed] of seeds.entries()) {
    const wanted = await runMaskJob(jobOf(seed));
    assertSameData(rendered[i].files[0].bytes, wanted.files[0].bytes, `mask ${seed}`);
  }
  // The first worker took jobs 1 and 2, the second 3 and 4 (a spent worker taking more: 1).
  assert.equal(pool.started, 2);
});

Deno.test("WorkerLedger sends shared fields once, counts the pixels of sized results, and never chooses a spent worker", () => {
  const ledger = new WorkerLedger(100);
  const [a, b] = [{} as Worker, {} as Worker];
  const settings = { format: "rgb" };
  assert.deepEqual(ledger.sharedFor(a, settings), { id: 0, fields: settings });
  assert.deepEqual(ledger.sharedFor(a, settings), { id: 0 });
  assert.deepEqual(ledger.sharedFor(b, settings), { id: 0, fields: settings });
  assert.deepEqual(ledger.sharedFor(a, { other: 1 }), { id: 1, fields: { other: 1 } });
  assert.equal(ledger.sharedFor(a, undefined), undefined);
  // Results without a size (a folder walk's list) count nothing.
  ledger.noteResult(a, ["x"]);
  ledger.noteResult(a, { width: 5, height: 10 });
  assert.equal(ledger.spent(a), false);
  const job = {};
  assert.deepEqual(ledger.choose(new Map([[a, [job]], [b, []]])), { idle: b });
  assert.deepEqual(ledger.choose(new Map([[a, [job]], [b, [job, job]]])), { least: a });
  ledger.noteResult(a, { width: 5, height: 10 });
  assert.equal(ledger.spent(a), true);
  assert.deepEqual(ledger.choose(new Map([[a, []], [b, [job, job]]])), { least: undefined });
});

Deno.test("WorkerLedger queues no job behind a large one", () => {
  const ledger = new WorkerLedger(1e12, 1000);
  const [a, b] = [{} as Worker, {} as Worker];
  const small = { pixels: 999 };
  const large = { pixels: 1000 };
  // The least busy worker is the first with one job, unless that job is large.
  assert.deepEqual(ledger.choose(new Map([[a, [small]], [b, [small]]])), { least: a });
  assert.deepEqual(ledger.choose(new Map([[a, [large]], [b, [small]]])), { least: b });
  assert.deepEqual(ledger.choose(new Map([[a, [large]], [b, [large]]])), { least: undefined });
  // A large job queued behind a small one does not hold the worker yet; an idle worker still
  // takes any job.
  assert.deepEqual(ledger.choose(new Map([[a, [small, large]], [b, [small]]])), { least: b });
  assert.deepEqual(ledger.choose(new Map([[a, [large]], [b, []]])), { idle: b });
});

Deno.test("jobPixels() weighs a job by its mask's PNG header or its task's image", () => {
  const png = new Uint8Array(24);
  png.set([0x49, 0x48, 0x44, 0x52], 12);
  new DataView(png.buffer).setUint32(16, 4000);
  new DataView(png.buffer).setUint32(20, 3000);
  assert.equal(jobPixels("render", { mask: { kind: "png", bytes: png } }), 12e6);
  assert.equal(jobPixels("cocoInstances", { bytes: png }), 12e6);
  const shapes = {
    kind: "shapes",
    geometry: "polygon",
    annotations: [],
    image: { width: 10, height: 20 },
  };
  assert.equal(jobPixels("render", { mask: shapes }), 200);
  assert.equal(jobPixels("render", { mask: { kind: "png", bytes: new Uint8Array(8) } }), 0);
  assert.equal(jobPixels("intactFiles", { root: ".", files: [] }), 0);
});
