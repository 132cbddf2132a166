/**
 * One worker of `ConvertPool`: started from the worker module, each of its answers matched to the
 * job it answers, its failure (a module that cannot load, a worker that dies) handed back with
 * the jobs it had.
 *
 * @module
 */

import { errorOf, type PoolAnswer } from "./_pool_jobs.ts";

/** A job sent to a worker: its id, and how its promise settles. */
export interface SentJob {
  /** The id its answer comes back with. */
  id: number;
  /** Settles the job with its result. */
  resolve: (result: unknown) => void;
  /** Settles the job with its error. */
  reject: (error: unknown) => void;
}

/** What the pool does as one of its workers answers or fails. */
export interface PoolWorkerEvents<J extends SentJob> {
  /** After an answer settled its job: the job's result, or `undefined` when it failed. */
  answered(result: unknown): void;
  /** The worker could not load, or died, and was terminated: the jobs it had not answered. */
  failed(jobs: J[]): void;
}

/**
 * Starts a worker whose jobs are `sent`: the caller pushes each job as it posts it, and each
 * answer takes its job out and settles it (an error comes back as the class it was thrown as).
 *
 * @example
 * ```ts ignore
 * const sent: Job[] = [];
 * const worker = startPoolWorker(url, sent, { answered: () => dispatch(), failed: runHere });
 * ```
 *
 * @param url The worker module.
 * @param sent The jobs sent to the worker and not answered yet, in the order sent.
 * @param events What to do after an answer, or when the worker fails.
 * @returns The worker, or `undefined` where no worker can be created.
 */
export function startPoolWorker<J extends SentJob>(
  url: URL,
  sent: J[],
  events: PoolWorkerEvents<J>,
): Worker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(url, { type: "module" });
  } catch {
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<PoolAnswer>) => {
    const at = sent.findIndex((job) => job.id === event.data.id);
    if (at < 0) return;
    const [job] = sent.splice(at, 1);
    if ("result" in event.data) {
      job.resolve(event.data.result);
      events.answered(event.data.result);
    } else {
      job.reject(errorOf(event.data.error));
      events.answered(undefined);
    }
  };
  worker.onerror = (event: ErrorEvent) => {
    // A worker that cannot load (or dies) must not take the process down.
    event.preventDefault();
    worker.terminate();
    // A worker started ahead of its first job may fail while idle, with no job.
    events.failed(sent.splice(0));
  };
  return worker;
}
