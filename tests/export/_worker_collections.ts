/**
 * Run as its own process (with or without `--v8-flags=--expose-gc`): renders `jobs` small masks
 * one after another on a pool of one `_gc_counting_worker.ts`, which writes its collections to
 * the file `calls`, pausing three seconds after the 259th where `gc` is exposed.
 *
 * @module
 */

import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { smallMaskJob } from "./_small_mask_job.ts";

const [jobs, calls] = [Number(Deno.args[0]), Deno.args[1]];
const exposed = typeof (globalThis as { gc?: unknown }).gc === "function";
const workerUrl = new URL("_gc_counting_worker.ts", import.meta.url);
workerUrl.searchParams.set("calls", calls);
using pool = new ConvertPool({ size: 1, workerUrl });
if (pool.inThread) throw new Error("the counting worker cannot start here");
for (let job = 1; job <= jobs; job++) {
  // A collection waits until fifty times the last one's time has passed since it: three seconds
  // apart, the next look is not held back by the time budget unless a collection took 60 ms.
  if (job === 260 && exposed) await new Promise((resolve) => setTimeout(resolve, 3000));
  await pool.render(smallMaskJob());
}
