/** Runs at most `limit` async jobs at once; `run` waits for a free place, so queues stay bounded. */
export class TaskPool {
  #limit: number;
  #running = new Set<Promise<void>>();

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /** Starts a job once a place is free. The job must not reject: it reports its own errors. */
  async run(job: () => Promise<void>): Promise<void> {
    while (this.#running.size >= this.#limit) await Promise.race(this.#running);
    const running: Promise<void> = job().finally(() => this.#running.delete(running));
    this.#running.add(running);
  }

  /** Waits until every started job has ended. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.race(this.#running);
  }
}
