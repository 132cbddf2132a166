import assert from "../_std/assert.ts";
import { outputWithin, withDeadline } from "../_fixtures/deadline.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";
import {
  HeapCollector,
  MAIN_THREAD_COLLECTIONS,
  WORKER_COLLECTIONS,
} from "../../lib/export/_heap_collector.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { smallMaskJob } from "./_small_mask_job.ts";

const MB = 2 ** 20;

/**
 * A heap whose size the test sets, the collections asked of it, and a clock: a collection takes
 * 1 ms, and each job 100 ms unless the test says otherwise.
 */
function fakeHeap(size: number) {
  const heap = {
    size,
    looks: 0,
    time: 0,
    collections: [] as number[],
    heapSize: () => (heap.looks++, heap.size),
    // A collection frees what is dead: here, down to 10 MB.
    collect: () => (heap.collections.push(heap.size), heap.size = 10 * MB, heap.time += 1),
    now: () => heap.time,
  };
  return heap;
}

/** A job of `ms` on the fake clock, then the collector's tick. */
function job(collector: HeapCollector, heap: { time: number }, ms = 100): boolean {
  heap.time += ms;
  return collector.tick();
}

Deno.test("HeapCollector collects at every n-th job only, once the heap grew by its headroom since the last collection", () => {
  const heap = fakeHeap(10 * MB);
  const collector = new HeapCollector({ every: 3, headroomBytes: 8 * MB, ...heap });
  assert.equal(collector.active, true);
  const collected: boolean[] = [];
  const sizes = [12, 17, 19, 19, 19, 19, 12, 12, 12, 25, 25, 25];
  for (const size of sizes) {
    heap.size = size * MB;
    collected.push(job(collector, heap));
  }
  // Jobs 3, 6, 9 and 12 look: 19, 19, 12 and 25 MB, against 10 MB after the last collection
  // (18 with the headroom).
  assert.deepEqual(
    collected.map((done, i) => done ? i + 1 : 0).filter(Boolean),
    [3, 6, 12],
  );
  assert.deepEqual(heap.collections, [19 * MB, 19 * MB, 25 * MB]);
  // The heap is looked at on the n-th jobs only (and once when the collector is made, and after
  // each collection).
  assert.equal(heap.looks, 1 + 4 + 3);
});

Deno.test("HeapCollector measures the headroom from the heap after its last collection, so live data that grows does not make it collect at every look", () => {
  const heap = fakeHeap(10 * MB);
  heap.collect = () => (heap.collections.push(heap.size), heap.size = 40 * MB);
  const collector = new HeapCollector({ every: 1, headroomBytes: 8 * MB, ...heap });
  heap.size = 50 * MB;
  assert.equal(job(collector, heap), true);
  // 40 MB alive after it: 45 MB is within the headroom, 49 is not.
  heap.size = 45 * MB;
  assert.equal(job(collector, heap), false);
  heap.size = 49 * MB;
  assert.equal(job(collector, heap), true);
  assert.deepEqual(heap.collections, [50 * MB, 49 * MB]);
});

Deno.test("HeapCollector's collections take at most 2% of the time: after one of 10 ms, the next comes 500 ms later at the soonest", () => {
  const heap = fakeHeap(10 * MB);
  heap.collect = () => (heap.collections.push(heap.time), heap.size = 10 * MB, heap.time += 10);
  const collector = new HeapCollector({ every: 1, headroomBytes: MB, ...heap });
  const collected: number[] = [];
  for (let i = 0; i < 12; i++) {
    heap.size = 30 * MB;
    if (job(collector, heap, 60)) collected.push(heap.time);
  }
  // Each collection starts at a job's end (60 ms apart) and ends 10 ms later; the next may
  // start 500 ms after that end, at 570: the job ending at 610 is the first to find it may.
  assert.deepEqual(heap.collections, [60, 610]);
  assert.deepEqual(collected, [70, 620]);
});

Deno.test({
  name: "HeapCollector does nothing, not even look at the heap, where the runtime exposes no gc",
  // `deno test` runs without `--v8-flags=--expose-gc`; with it, this test has nothing to show.
  ignore: typeof (globalThis as { gc?: unknown }).gc === "function",
  fn() {
    const heap = fakeHeap(100 * MB);
    const collector = new HeapCollector({ every: 1, headroomBytes: 0, heapSize: heap.heapSize });
    assert.equal(collector.active, false);
    for (let i = 0; i < 10; i++) assert.equal(collector.tick(), false);
    assert.equal(heap.looks, 0);
  },
});

Deno.test("HeapCollector takes the runtime's gc when Deno exposes it (--v8-flags=--expose-gc)", () => {
  const global = globalThis as { gc?: () => void };
  const before = Object.getOwnPropertyDescriptor(globalThis, "gc");
  let calls = 0;
  Object.defineProperty(globalThis, "gc", { value: () => calls++, configurable: true });
  try {
    const heap = fakeHeap(10 * MB);
    const collector = new HeapCollector({
      every: 2,
      headroomBytes: MB,
      heapSize: heap.heapSize,
      now: heap.now,
    });
    heap.size = 20 * MB;
    assert.equal(collector.active, true);
    assert.deepEqual([job(collector, heap), job(collector, heap)], [false, true]);
    assert.equal(calls, 1);
  } finally {
    if (before) Object.defineProperty(globalThis, "gc", before);
    else delete global.gc;
  }
});

Deno.test("the export's main thread looks at its heap every 500 jobs and its workers every 250, with 8 and 6 MiB of headroom", () => {
  assert.deepEqual(
    [MAIN_THREAD_COLLECTIONS, WORKER_COLLECTIONS].map(({ every, headroomBytes }) => [
      every,
      headroomBytes / MB,
    ]),
    [[500, 8], [250, 6]],
  );
});

/**
 * Renders `jobs` small masks on `pool` one after another, the fake heap growing by 3 MB and the
 * clock by 100 ms before each: with a look every second job and 4 MB of headroom, every second
 * job finds the heap 6 MB above what the last collection left.
 */
async function growingJobs(
  pool: ConvertPool,
  heap: ReturnType<typeof fakeHeap>,
  jobs: number,
): Promise<void> {
  for (let job = 1; job <= jobs; job++) {
    heap.size += 3 * MB;
    heap.time += 100;
    const rendered = pool.render(smallMaskJob());
    await withDeadline(rendered, 30_000, `job ${job} on the pool`);
  }
}

Deno.test("ConvertPool collects this thread's heap as its workers' answers come back", async () => {
  const heap = fakeHeap(10 * MB);
  using pool = new ConvertPool({
    size: 1,
    collections: { every: 2, headroomBytes: 4 * MB, ...heap },
  });
  assert.equal(pool.inThread, false);
  await growingJobs(pool, heap, 6);
  // Jobs 2, 4 and 6 look: 16 MB over 10, then 16 over 10 again after each collection.
  assert.deepEqual(heap.collections, [16 * MB, 16 * MB, 16 * MB]);
});

Deno.test("ConvertPool collects this thread's heap too when its jobs run here, without workers", async () => {
  const heap = fakeHeap(10 * MB);
  // No worker module at that path: the pool runs its jobs on this thread from the start.
  const workerUrl = new URL("./no_such_worker.js", import.meta.url);
  using pool = new ConvertPool({
    size: 1,
    workerUrl,
    collections: { every: 2, headroomBytes: 4 * MB, ...heap },
  });
  assert.equal(pool.inThread, true);
  await growingJobs(pool, heap, 4);
  assert.deepEqual(heap.collections, [16 * MB, 16 * MB]);
});

/**
 * Runs `jobs` masks on a pool of one worker in a process of its own, Deno's `gc` exposed or not,
 * and returns, for each time the worker collected, how many answers it had posted by then
 * (`_worker_collections.ts`).
 */
async function workerCollections(jobs: number, exposeGc: boolean): Promise<number[]> {
  await using dir = await tempDir();
  const calls = `${dir.path}/calls.txt`;
  const output = await outputWithin(
    Deno.execPath(),
    {
      args: [
        "run",
        ...(exposeGc ? ["--v8-flags=--expose-gc"] : []),
        "--allow-read",
        `--allow-write=${dir.path}`,
        fromFileUrl(new URL("_worker_collections.ts", import.meta.url)),
        String(jobs),
        calls,
      ],
      stderr: "inherit",
    },
    120_000,
    `${jobs} jobs on a counting worker`,
  );
  assert.ok(output.success, `the run of ${jobs} jobs failed`);
  const text = await Deno.readTextFile(calls).catch(() => "");
  return text === "" ? [] : text.split(",").map(Number);
}

Deno.test("a pool worker collects its own heap every 250 jobs once it grew by 6 MiB, after posting the job's answer, where Deno exposes gc", async () => {
  // Each job leaves 128 KB alive until the next collection: 250 jobs grow the heap by 32 MB.
  // The 250th answer is posted before the collection: the main thread goes on meanwhile.
  assert.deepEqual(await workerCollections(520, true), [250, 500]);
  assert.deepEqual(await workerCollections(249, true), []);
});

Deno.test("a pool worker never collects its heap where Deno does not expose gc", async () => {
  assert.deepEqual(await workerCollections(520, false), []);
});
