/**
 * The worker side of `ConvertPool`: runs one job per message (see `_pool_jobs.ts`) and posts
 * its result back, its byte buffers transferred, not copied; or the error that stopped it, as
 * plain data.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { answerOf, type PoolRequest, SharedInputs } from "./_pool_jobs.ts";
import { HeapCollector, WORKER_COLLECTIONS } from "./_heap_collector.ts";

const shared = new SharedInputs();
const collector = new HeapCollector(WORKER_COLLECTIONS);

self.onmessage = async (event: MessageEvent<PoolRequest>) => {
  const { answer, transfer } = await answerOf(event.data, shared);
  self.postMessage(answer, transfer);
  // After the answer: the main thread goes on while this worker collects, if it does.
  collector.tick();
};
