/**
 * Full collections at the export's own pace, where the runtime lets code ask for one
 * (`--v8-flags=--expose-gc`, as the Action runs Deno). V8 lets a long run's heap grow to two or
 * three times what is alive before it collects it whole: the garbage of tasks that outlived two
 * young collections (a page's tasks wait their turn) piles up, and a run of 9,600 masks peaked
 * 20 MB above one of 2,400 with the same work in flight. Looked at every few hundred jobs, the
 * heap is collected once it has grown by a set headroom since the last full collection, and once
 * the time since the last one is fifty times what that one took: a collection blocks its thread
 * (V8's own work mostly on helper threads), and where much is alive (a resumed export's earlier
 * manifest) it takes longer, so the collections never take more than 2% of the thread's time.
 * Without an exposed `gc`, nothing is done.
 *
 * @module
 */

/** Options of {@linkcode HeapCollector}. */
export interface HeapCollectorOptions {
  /** Jobs between two looks at the heap's size. */
  every: number;
  /** How much the heap may grow since the last full collection before the next, in bytes. */
  headroomBytes: number;
  /**
   * Runs a full collection. Default: the runtime's `gc`, where it is exposed
   * (`--v8-flags=--expose-gc`); none otherwise, and nothing is ever collected.
   */
  collect?: () => void;
  /** The heap's size now, in bytes. Default: `Deno.memoryUsage().heapTotal`. */
  heapSize?: () => number;
  /** The time now, in milliseconds. Default: `performance.now()`. */
  now?: () => number;
}

/** The most of a thread's time its collections may take. */
const MOST_TIME_SHARE = 0.02;

/** The main thread's: a look every 500 jobs, a collection once the heap grew by 8 MiB. */
export const MAIN_THREAD_COLLECTIONS: HeapCollectorOptions = {
  every: 500,
  headroomBytes: 8 * 2 ** 20,
};

/** A pool worker's: a look every 250 jobs, a collection once its heap grew by 6 MiB. */
export const WORKER_COLLECTIONS: HeapCollectorOptions = {
  every: 250,
  headroomBytes: 6 * 2 ** 20,
};

/**
 * Asks for a full collection, now and then, when the heap has grown enough since the last one.
 *
 * @example
 * ```ts
 * import { HeapCollector } from "./_heap_collector.ts";
 *
 * let size = 10;
 * let time = 0;
 * const collector = new HeapCollector({
 *   every: 2,
 *   headroomBytes: 5,
 *   collect: () => (size = 11, time += 1),
 *   heapSize: () => size,
 *   now: () => time,
 * });
 * size = 20;
 * time = 100;
 * console.log(collector.tick(), collector.tick()); // false true
 * ```
 */
export class HeapCollector {
  #collect: (() => void) | undefined;
  #heapSize: () => number;
  #now: () => number;
  #every: number;
  #headroom: number;
  #ticks = 0;
  /** The heap's size after the last full collection (at first: when made). */
  #base = 0;
  /** When the last collection ended, and how long it took (ms). */
  #lastEnd = -Infinity;
  #lastTook = 0;

  /** @param options How often to look, how much growth to allow, and how to collect. */
  constructor(options: HeapCollectorOptions) {
    this.#collect = options.collect ?? exposedGc();
    this.#heapSize = options.heapSize ?? (() => Deno.memoryUsage().heapTotal);
    this.#now = options.now ?? (() => performance.now());
    this.#every = Math.max(1, Math.floor(options.every));
    this.#headroom = options.headroomBytes;
    if (this.#collect !== undefined) this.#base = this.#heapSize();
  }

  /** Whether the heap is ever collected here (the runtime exposes `gc`, or one was given). */
  get active(): boolean {
    return this.#collect !== undefined;
  }

  /**
   * Counts one job; at every `every`-th, collects if the heap grew by the headroom since the
   * last collection, and the last took at most 2% of the time since it ended.
   *
   * @returns Whether it collected.
   */
  tick(): boolean {
    if (this.#collect === undefined || ++this.#ticks % this.#every !== 0) return false;
    const started = this.#now();
    if (started - this.#lastEnd < this.#lastTook / MOST_TIME_SHARE) return false;
    if (this.#heapSize() <= this.#base + this.#headroom) return false;
    this.#collect();
    this.#lastEnd = this.#now();
    this.#lastTook = this.#lastEnd - started;
    this.#base = this.#heapSize();
    return true;
  }
}

/** The runtime's `gc`, when Deno runs with `--v8-flags=--expose-gc`. */
function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === "function" ? () => gc() : undefined;
}
