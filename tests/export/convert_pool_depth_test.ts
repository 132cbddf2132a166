import assert from "../_std/assert.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";

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
