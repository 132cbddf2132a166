/**
 * The worker side of `ConvertPool`: runs its jobs (see `_pool_jobs.ts`) one at a time, in the
 * order they came, and posts each result back, its byte buffers transferred, not copied; or the
 * error that stopped it, as plain data. The pool may send a job before the last one is answered.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { answerOf, type PoolRequest, SharedInputs } from "./_pool_jobs.ts";
import { HeapCollector, WORKER_COLLECTIONS } from "./_heap_collector.ts";

const shared = new SharedInputs();
const collector = new HeapCollector(WORKER_COLLECTIONS);
/** The jobs that came while another ran. */
const waiting: PoolRequest[] = [];
let running = false;

self.onmessage = (event: MessageEvent<PoolRequest>) => {
  waiting.push(event.data);
  if (!running) runWaiting();
};

async function runWaiting(): Promise<void> {
  running = true;
  try {
    for (let request = waiting.shift(); request; request = waiting.shift()) {
      const { answer, transfer } = await answerOf(request, shared);
      self.postMessage(answer, transfer);
      // After the answer: the main thread goes on while this worker collects, if it does.
      collector.tick();
    }
  } finally {
    // An answer that cannot be posted fails the worker (the pool then runs its jobs itself);
    // a job that comes later still finds the loop free.
    running = false;
  }
}
