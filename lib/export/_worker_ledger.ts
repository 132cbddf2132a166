/**
 * What a `ConvertPool` keeps of each of its workers: which shared input fields it was sent, and
 * how many pixels it converted; and which worker takes the next job.
 *
 * @module
 */

import type { PoolJobName, PoolRequest } from "./_pool_jobs.ts";
import type { TaskMaskJob } from "./_mask_job.ts";
import type { CocoMaskJob } from "../formats/coco_mask_instances.ts";
import { conversionCost } from "./_memory_budget.ts";

/**
 * The most jobs a worker is sent before it answers: its next job is then already there when it
 * posts an answer, rather than one trip through the main thread later (which may be writing a
 * task's files meanwhile); the worker runs them one at a time.
 */
export const JOBS_PER_WORKER = 2;

/**
 * Pixels a worker converts before it is replaced by a fresh one, once it has answered its last
 * job: V8's heap and the allocator's arenas of a worker grow with fragments as it runs, and a long
 * export's memory grew with them (38,400 masks of 1920×1080: 172 MB at its peak against 140 MB at
 * 2,400); a fresh worker starts from nothing, at the cost of loading (about 50 ms). Small masks
 * (100,000 of 64×48: 0.3 gigapixels) never reach it.
 */
export const PIXELS_PER_WORKER = 6e9;

/**
 * Pixels from which a job holds its worker alone: no job is queued behind it (16 million, e.g.
 * 4000×4000, eight masks of 1920×1080). Behind such a mask a small one would wait its whole
 * conversion, while another worker may run dry; the worker instead gets its next job when it
 * answers, one trip through the main thread later, small beside the large mask's own time.
 */
export const LARGE_JOB_PIXELS = 16e6;

/** A job as the ledger weighs it: how many pixels its mask has, where known. */
export interface WeighedJob {
  /** The pixels of the job's mask; 0 or none when unknown or not a mask. */
  pixels?: number;
}

/**
 * Each worker's shared input fields sent (each object to a worker once, then by number) and
 * pixels converted, kept by worker without holding it.
 *
 * @example
 * ```ts
 * import { WorkerLedger } from "./_worker_ledger.ts";
 *
 * const ledger = new WorkerLedger(100);
 * const worker = {} as Worker;
 * const settings = { format: "rgb" };
 * console.log(ledger.sharedFor(worker, settings)); // { id: 0, fields: { format: "rgb" } }
 * console.log(ledger.sharedFor(worker, settings)); // { id: 0 }
 * ledger.noteResult(worker, { width: 10, height: 10 });
 * console.log(ledger.spent(worker)); // true
 * ```
 */
export class WorkerLedger {
  #sharedIds = new Map<object, number>();
  #sent = new WeakMap<Worker, Set<number>>();
  #pixels = new WeakMap<Worker, number>();
  #share: number;
  #large: number;

  /**
   * @param pixelsPerWorker Pixels a worker converts before it is spent.
   * @param largeJobPixels Pixels from which a running job has no other job queued behind it.
   */
  constructor(
    pixelsPerWorker: number = PIXELS_PER_WORKER,
    largeJobPixels: number = LARGE_JOB_PIXELS,
  ) {
    this.#share = pixelsPerWorker;
    this.#large = largeJobPixels;
  }

  /**
   * A job's shared fields as the worker is sent them: by number once it has them.
   *
   * @param worker The worker.
   * @param shared The fields, or none.
   * @returns What the request carries of them.
   */
  sharedFor(worker: Worker, shared: object | undefined): PoolRequest["shared"] {
    if (shared === undefined) return undefined;
    let id = this.#sharedIds.get(shared);
    if (id === undefined) this.#sharedIds.set(shared, id = this.#sharedIds.size);
    const sent = this.#sent.get(worker) ?? new Set<number>();
    this.#sent.set(worker, sent);
    if (sent.has(id)) return { id };
    sent.add(id);
    return { id, fields: shared };
  }

  /**
   * Notes a job's result: the pixels of the mask whose size it tells (a rendered mask, its
   * instances), none for another.
   *
   * @param worker The worker that answered.
   * @param result What it answered.
   */
  noteResult(worker: Worker, result: unknown): void {
    const { width, height } = (result ?? {}) as { width?: unknown; height?: unknown };
    if (typeof width !== "number" || typeof height !== "number") return;
    this.#pixels.set(worker, (this.#pixels.get(worker) ?? 0) + width * height);
  }

  /**
   * The workers a job may go to: an idle one, or else the one with the fewest jobs, if it has
   * fewer than {@linkcode JOBS_PER_WORKER} and is not running a large job (see
   * {@linkcode LARGE_JOB_PIXELS}); never one that converted its share.
   *
   * @param workers Each worker and the jobs it was sent and has not answered yet, in order.
   * @returns The first idle worker, and the least busy one.
   */
  choose(
    workers: ReadonlyMap<Worker, readonly WeighedJob[]>,
  ): { idle?: Worker; least?: Worker } {
    let least: Worker | undefined;
    let fewest = JOBS_PER_WORKER;
    for (const [worker, jobs] of workers) {
      if (this.spent(worker)) continue;
      if (jobs.length === 0) return { idle: worker };
      if ((jobs[0].pixels ?? 0) >= this.#large) continue;
      if (jobs.length < fewest) (least = worker, fewest = jobs.length);
    }
    return { least };
  }

  /**
   * Whether a worker converted its share of pixels: it gets no more jobs, and is replaced once it
   * answered its last.
   *
   * @param worker The worker.
   * @returns Whether it is spent.
   */
  spent(worker: Worker): boolean {
    return (this.#pixels.get(worker) ?? 0) >= this.#share;
  }
}

/**
 * The pixels of a job's mask, as its PNG header or its task's image size says; 0 for a job
 * without a mask or a mask that says nothing.
 *
 * @param name The job's kind.
 * @param input Its input.
 * @returns Width times height, or 0.
 *
 * @example
 * ```ts
 * import { jobPixels } from "./_worker_ledger.ts";
 *
 * console.log(jobPixels("unsafeEntries", { root: "." })); // 0
 * ```
 */
export function jobPixels(name: PoolJobName, input: unknown): number {
  const mask = name === "render"
    ? (input as TaskMaskJob).mask
    : name === "cocoInstances" || name === "cocoPolygons" || name === "yoloSegmentFile"
    ? { kind: "png" as const, bytes: (input as CocoMaskJob).bytes }
    : undefined;
  const size = mask === undefined ? undefined : conversionCost(mask)?.size;
  return size === undefined ? 0 : size.width * size.height;
}
