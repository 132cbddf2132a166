/**
 * Runs the CPU work of an export (converting masks, rendering a task's files) on a pool of Web
 * Workers, one per core, so an export uses every core while the main thread fetches pages and
 * writes files.
 *
 * @module
 */

import { MasksError } from "../errors.ts";
import type { CocoMaskInstances, CocoMaskJob } from "../formats/coco_mask_instances.ts";
import type { CocoPolygonInstances, MaskPolygonsJob } from "../formats/mask_instance_polygons.ts";
import type { YoloSegmentFile, YoloSegmentJob } from "../formats/yolo_segment_lines.ts";
import type { MaskJob, MaskJobSettings, RenderedMask, TaskMaskJob } from "./_mask_job.ts";
import type { ManifestLines } from "./_unwritten_lines.ts";
import type { IntactFilesJob } from "./_intact_files.ts";
import { type PoolJobName, type PoolRequest, runJobHere } from "./_pool_jobs.ts";
import { type SentJob, startPoolWorker } from "./_pool_worker.ts";
import {
  HeapCollector,
  type HeapCollectorOptions,
  MAIN_THREAD_COLLECTIONS,
} from "./_heap_collector.ts";
import { canStartWorkers } from "./_worker_start.ts";
import { jobPixels, WorkerLedger } from "./_worker_ledger.ts";

/** Options of {@linkcode ConvertPool}. */
export interface ConvertPoolOptions {
  /** How many workers at most. Default: `navigator.hardwareConcurrency`. */
  size?: number;
  /**
   * The worker module. Default: `_convert_worker.ts` beside this file. A bundle that ships the
   * worker as its own file points here.
   */
  workerUrl?: URL;
  /** When this thread's heap is collected whole, as jobs come back (`_heap_collector.ts`). */
  collections?: HeapCollectorOptions;
  /** Pixels a worker converts before a fresh one takes its place (`PIXELS_PER_WORKER`). */
  pixelsPerWorker?: number;
  /** Pixels from which a job holds its worker alone (`LARGE_JOB_PIXELS`). */
  largeJobPixels?: number;
}

interface Job extends SentJob {
  name: PoolJobName;
  input: unknown;
  /** Input fields shared with other jobs, sent to each worker once. */
  shared?: object;
  /** The pixels of its mask, where known. */
  pixels: number;
}

const WORKER_URL = new URL("./_convert_worker.ts", import.meta.url);

/**
 * A pool of workers rendering tasks' files with {@linkcode runMaskJob}. Workers start on demand, up to `size`; jobs beyond that wait in
 * order. The callers bound how many jobs they start (the export keeps a fixed number in
 * flight), so the queue, and memory, stay bounded.
 *
 * When workers cannot run (no `Worker`, no read permission for the worker module, a bundle
 * without it), the pool runs its jobs on the calling thread instead: slower, never wrong.
 *
 * @example
 * ```ts
 * import { ConvertPool } from "./_convert_pool.ts";
 * import { classTable } from "../detect/class_table.ts";
 * import { encodePng } from "../png/encode_png.ts";
 *
 * using pool = new ConvertPool({ size: 1 });
 * const bytes = await encodePng({ width: 1, height: 1, data: new Uint8Array(3) });
 * const table = classTable([]);
 * const mask = { kind: "png", bytes } as const;
 * const rendered = await pool.render({ mask, file: "a.png", format: "rgb", table });
 * console.log(rendered.files[0].bytes.length > 0); // true
 * ```
 */
export class ConvertPool {
  #size: number;
  #workerUrl: URL;
  /** Each worker started, with the jobs it was sent and has not answered yet, in order. */
  #workers = new Map<Worker, Job[]>();
  #waiting: Job[] = [];
  #nextId = 0;
  #inThread: boolean;
  #closed = false;
  /** The shared input fields each worker was sent, the pixels it converted. */
  #ledger: WorkerLedger;
  #collector: HeapCollector;
  #started = 0;

  /**
   * Prepares a pool; no worker starts before the first job.
   *
   * @param options The pool size and the worker module.
   */
  constructor(options: ConvertPoolOptions = {}) {
    this.#size = Math.max(1, Math.floor(options.size ?? navigator.hardwareConcurrency ?? 1));
    this.#workerUrl = options.workerUrl ?? WORKER_URL;
    this.#inThread = !canStartWorkers(this.#workerUrl);
    this.#collector = new HeapCollector(options.collections ?? MAIN_THREAD_COLLECTIONS);
    this.#ledger = new WorkerLedger(options.pixelsPerWorker, options.largeJobPixels);
  }

  /** How many workers the pool started so far, those replaced by fresh ones included. */
  get started(): number {
    return this.#started;
  }

  /** How many workers the pool runs at most. */
  get size(): number {
    return this.#size;
  }

  /** Whether jobs run on the calling thread because workers cannot start here. */
  get inThread(): boolean {
    return this.#inThread;
  }

  /**
   * Renders one task's files as {@linkcode runMaskJob} does, on a worker.
   *
   * @param job The mask and how to render it (plain data: it is structured-cloned); without
   * the fields in `settings`, when given.
   * @param settings The fields every task of an export shares (its format and classes): copied
   * to each worker once, not with every job, when the same object comes again.
   * @returns The files with their hashes, the size and the statistics.
   * @throws {MasksError} when the mask cannot be read or does not fit the task's image (of the
   * class the job threw), or the pool was closed before the job ran.
   */
  render(job: MaskJob): Promise<RenderedMask>;
  render(job: TaskMaskJob, settings: MaskJobSettings): Promise<RenderedMask>;
  render(job: MaskJob | TaskMaskJob, settings?: MaskJobSettings): Promise<RenderedMask> {
    return this.#run("render", job, settings) as Promise<RenderedMask>;
  }

  /**
   * Reads one mask's instances as COCO's RLE annotations hold them, as
   * {@linkcode cocoMaskInstances} does, on a worker.
   *
   * @param job The mask's bytes, its classes and the pixel limit (structured-cloned).
   * @returns The mask's size and instances.
   * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
   */
  cocoInstances(job: CocoMaskJob): Promise<CocoMaskInstances> {
    return this.#run("cocoInstances", job) as Promise<CocoMaskInstances>;
  }

  /**
   * Traces one mask's instances as COCO's polygon annotations hold them, as
   * {@linkcode cocoPolygonInstances} does, on a worker.
   *
   * @param job The mask's bytes, its classes, the pixel limit and the tolerance.
   * @returns The mask's size and traced instances.
   * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
   */
  cocoPolygons(job: MaskPolygonsJob): Promise<CocoPolygonInstances> {
    return this.#run("cocoPolygons", job) as Promise<CocoPolygonInstances>;
  }

  /**
   * Makes one mask's `yolo-seg` label file, as {@linkcode yoloSegmentFile} does, on a worker.
   *
   * @param job The mask's bytes, its classes, the pixel limit, the tolerance, the YOLO classes.
   * @returns The deflated file, its CRC-32, size and classes.
   * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
   */
  yoloSegmentFile(job: YoloSegmentJob): Promise<YoloSegmentFile> {
    return this.#run("yoloSegmentFile", job) as Promise<YoloSegmentFile>;
  }

  /**
   * Lists what is neither a regular file nor a folder anywhere in a folder, as `unsafeEntries`
   * does, on a worker: a reused export folder's walk (100,000 entries for as many tasks) is then
   * not this thread's, and the worker has started before the first mask.
   *
   * @param root The folder's path.
   * @returns Each such entry, named with what it is.
   */
  unsafeEntries(root: string): Promise<string[]> {
    return this.#run("unsafeEntries", { root }) as Promise<string[]>;
  }

  /**
   * Tells, on a worker, which of some whole lines of an earlier manifest are not written as an
   * export writes them, as `unwrittenLines` does, while this thread parses them for their entries.
   *
   * @param lines The lines (structured-cloned).
   * @returns Where those lines' entries start in the file.
   */
  unwrittenLines(lines: ManifestLines): Promise<number[]> {
    return this.#run("unwrittenLines", lines) as Promise<number[]>;
  }

  /**
   * Tells whether each of an earlier run's files is intact, as {@linkcode intactFiles} does, on a
   * worker (a resumed export's kept files, a batch at a time).
   *
   * @param job The export folder and the files with their SHA-256.
   * @returns By file, 1 when intact, else 0.
   */
  intactFiles(job: IntactFilesJob): Promise<Uint8Array> {
    return this.#run("intactFiles", job) as Promise<Uint8Array>;
  }

  /**
   * Starts every worker now, before the first job, when jobs are to come and this thread is busy
   * meanwhile (an update reads its earlier manifest): the first masks find them loaded.
   */
  start(): void {
    while (!this.#closed && this.#workers.size < this.#size) {
      if (this.#startWorker() === undefined) return;
    }
  }

  /** Stops every worker; jobs not finished yet are rejected. Safe to call twice. */
  close(): void {
    this.#closed = true;
    const error = new MasksError("The conversion pool was closed before the mask was converted.");
    for (const [worker, jobs] of this.#workers) {
      worker.terminate();
      for (const job of jobs.splice(0)) job.reject(error);
    }
    for (const job of this.#waiting.splice(0)) job.reject(error);
    this.#workers.clear();
  }

  /** Closes the pool: `using pool = new ConvertPool()`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #run(name: PoolJobName, input: unknown, shared?: object): Promise<unknown> {
    if (this.#closed) return Promise.reject(new MasksError("The conversion pool is closed."));
    const job = { id: this.#nextId++, name, input, shared, pixels: jobPixels(name, input) };
    if (this.#inThread) return runJobHere(job).finally(() => this.#collector.tick());
    return new Promise((resolve, reject) => {
      this.#waiting.push({ ...job, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      const worker = this.#freest();
      if (worker === undefined) return;
      const job = this.#waiting.shift()!;
      this.#workers.get(worker)!.push(job);
      const { id, name, input } = job;
      const shared = this.#ledger.sharedFor(worker, job.shared);
      worker.postMessage({ id, name, input, shared } satisfies PoolRequest);
    }
  }

  /** The worker to send the next job to: an idle one; else a new one; else a less busy one. */
  #freest(): Worker | undefined {
    const { idle, least } = this.#ledger.choose(this.#workers);
    return idle ?? this.#startWorker() ?? least;
  }

  #startWorker(): Worker | undefined {
    if (this.#workers.size >= this.#size || this.#inThread) return undefined;
    const sent: Job[] = [];
    const worker = startPoolWorker(this.#workerUrl, sent, {
      answered: (result) => this.#answered(worker!, sent, result),
      failed: (jobs) => {
        // Its jobs, and every later one, run on this thread.
        this.#workers.delete(worker!);
        this.#fallBackToThread();
        for (const job of jobs) this.#runInThread(job);
      },
    });
    if (worker === undefined) {
      this.#fallBackToThread();
      return undefined;
    }
    this.#workers.set(worker, sent);
    this.#started++;
    return worker;
  }

  /** After a worker's answer settled one of its jobs (`result`: the job's, unless it failed). */
  #answered(worker: Worker, sent: Job[], result: unknown): void {
    if (result !== undefined) this.#ledger.noteResult(worker, result);
    // A worker that converted its share and answered its last job: the next job starts another.
    if (this.#ledger.spent(worker) && sent.length === 0) {
      worker.terminate();
      this.#workers.delete(worker);
    }
    this.#dispatch();
    this.#collector.tick();
  }

  #fallBackToThread(): void {
    this.#inThread = true;
    for (const job of this.#waiting.splice(0)) this.#runInThread(job);
  }

  #runInThread(job: Job): void {
    runJobHere(job).then(job.resolve, job.reject).finally(() => this.#collector.tick());
  }
}
