import assert from "../_std/assert.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import type { MaskJobSettings } from "../../lib/export/_mask_job.ts";

/** The jobs each worker held when each job came, by `_holding_worker.ts`, for `jobs` jobs at once. */
async function heldOnArrival(size: number, jobs: number): Promise<number[]> {
  using pool = new ConvertPool({
    size,
    workerUrl: new URL("./_holding_worker.ts", import.meta.url),
  });
  // Any job: the stand-in answers every one alike.
  const answers = Array.from({ length: jobs }, () => pool.unsafeEntries("."));
  return await withDeadline(
    Promise.all(answers),
    30_000,
    "the stand-in worker",
  ) as unknown as number[];
}

Deno.test("ConvertPool sends a worker its next job before it answers the last, and no third", async () => {
  // One worker: the first job finds it empty, every later one finds one job ahead of it.
  assert.deepEqual(await heldOnArrival(1, 6), [0, 1, 1, 1, 1, 1]);
});

Deno.test("ConvertPool gives each worker a job before it gives any worker a second", async () => {
  // Two workers: jobs 0 and 1 go to an empty worker each, jobs 2 and 3 wait behind them.
  const held = await heldOnArrival(2, 4);
  assert.deepEqual(held.slice(0, 2), [0, 0]);
  assert.deepEqual(held.slice(2), [1, 1]);
});

/** A PNG's signature and header only: all the stand-in worker and the pool read of a mask. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
}

Deno.test("ConvertPool queues no job behind a large mask while another worker can take it", async () => {
  using pool = new ConvertPool({
    size: 2,
    workerUrl: new URL("./_timed_worker.ts", import.meta.url),
    largeJobPixels: 1e6,
  });
  const settings = { format: "rgb" } as unknown as MaskJobSettings;
  const order: string[] = [];
  const job = (name: string, width: number, height: number) =>
    pool.render(
      { file: `${name}.png`, mask: { kind: "png", bytes: pngHeader(width, height) } },
      settings,
    )
      .then(() => void order.push(name));
  // The large mask takes its worker 1.5 s, each small one the other worker 20 ms: without the
  // large mask holding its worker, the second small one would wait behind it.
  const jobs = [job("large", 1500, 1000), job("small 1", 200, 100), job("small 2", 200, 100)];
  jobs.push(job("small 3", 200, 100));
  await withDeadline(Promise.all(jobs), 30_000, "the stand-in worker");
  assert.deepEqual(order, ["small 1", "small 2", "small 3", "large"]);
});
