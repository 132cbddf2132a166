/**
 * A bound on how many of an export's asynchronous jobs run at once (tasks being converted, tasks
 * waiting for the check of their earlier files), so that its queues, and memory, stay bounded.
 *
 * @module
 */

/**
 * Runs at most `limit` async jobs at once; {@linkcode TaskPool.run} waits for a free place.
 *
 * A caller waiting for a place is woken by the job that ends, one caller a job: waiting never
 * races the running jobs (a `Promise.race` over them for each call would add a reaction to every
 * running job's promise each time, held until it settles: with 300 in flight, as a resumed export
 * keeps, that is 300 a call).
 *
 * @example Two places, three jobs
 * ```ts
 * import { TaskPool } from "./_task_pool.ts";
 *
 * const pool = new TaskPool(2);
 * const started: number[] = [];
 * for (const id of [1, 2, 3]) {
 *   await pool.run(async () => {
 *     started.push(id);
 *     await new Promise((resolve) => setTimeout(resolve, 1));
 *   });
 * }
 * await pool.drain();
 * console.log(started); // [1, 2, 3]
 * ```
 */
export class TaskPool {
  #limit: number;
  #running = 0;
  /** The callers waiting for a place, first come first woken. */
  #waiting: (() => void)[] = [];
  /** The callers waiting for every job to end. */
  #draining: (() => void)[] = [];

  /** @param limit The most jobs running at once (at least 1). */
  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /**
   * Starts a job once a place is free, and returns as it starts (not when it ends).
   *
   * @param job The job. It must not reject: it reports its own errors.
   */
  async run(job: () => Promise<void>): Promise<void> {
    while (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#running++;
    job().finally(() => this.#end());
  }

  /** Waits until every started job has ended. */
  async drain(): Promise<void> {
    while (this.#running > 0) await new Promise<void>((resolve) => this.#draining.push(resolve));
  }

  /** A job ended: its place goes to the first caller waiting, or the pool is idle. */
  #end(): void {
    this.#running--;
    this.#waiting.shift()?.();
    if (this.#running === 0) { for (const resolve of this.#draining.splice(0)) resolve(); }
  }
}
