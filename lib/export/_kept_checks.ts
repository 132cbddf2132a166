/**
 * The checks of the tasks a resumed export may keep, gathered into batches for the pool's
 * workers, idle while the main thread walks the kept tasks: one message carries many tasks'
 * files, not one each.
 *
 * @module
 */

import type { ConvertPool } from "./_convert_pool.ts";
import type { ManifestFile } from "../model/manifest.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { DENO_FILE_SYSTEM } from "../model/file_system.ts";
import { intactFiles, type IntactFilesJob } from "./_intact_files.ts";

/** The most tasks checked in one batch: a page of the lab's. */
export const KEPT_BATCH = 100;
/** How many tasks may wait for their check: a batch on each of two workers and one filling. */
export const KEPT_IN_FLIGHT = 3 * KEPT_BATCH;
/** How long a batch not yet full waits for more tasks, in milliseconds. */
const BATCH_WAIT_MS = 10;

interface Waiting {
  files: readonly ManifestFile[];
  resolve: (intact: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Tells whether a task's files an earlier run wrote are all intact, a batch of tasks at a time:
 * a batch goes once it is full, or {@linkcode BATCH_WAIT_MS} after its first task when no more
 * come, at most one batch per worker at a time. An export folder on another file system than the
 * runtime's (a test's) is checked on the calling thread, through its own door.
 */
export class KeptChecks {
  #files: ExportFolderFs;
  #pool: ConvertPool;
  #waiting: Waiting[] = [];
  #running = 0;
  #timer?: ReturnType<typeof setTimeout>;
  /** The wait ended with no batch free to go: the next batch to end sends the one waiting. */
  #due = false;

  constructor(files: ExportFolderFs, pool: ConvertPool) {
    this.#files = files;
    this.#pool = pool;
  }

  /**
   * Whether every file is present, a regular file reached through no link, with the SHA-256 the
   * manifest gives it.
   *
   * @param files A task's files, as an earlier run's manifest lists them.
   * @returns `true` when all are intact.
   */
  intact(files: readonly ManifestFile[]): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ files, resolve, reject });
      if (this.#waiting.length >= KEPT_BATCH) this.#send();
      else {this.#timer ??= setTimeout(() => {
          this.#timer = undefined;
          this.#due = true;
          this.#send();
        }, BATCH_WAIT_MS);}
    });
  }

  #send(): void {
    while (
      this.#running < this.#pool.size &&
      (this.#waiting.length >= KEPT_BATCH || (this.#due && this.#waiting.length > 0))
    ) {
      const batch = this.#waiting.splice(0, KEPT_BATCH);
      this.#running++;
      this.#check(batch).finally(() => {
        this.#running--;
        this.#send();
      });
    }
    if (this.#waiting.length > 0) return;
    this.#due = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #check(batch: Waiting[]): Promise<void> {
    const files = batch.flatMap((task) => task.files.map(({ path, sha256 }) => ({ path, sha256 })));
    const job: IntactFilesJob = {
      root: this.#files.root,
      rootChosenByUser: this.#files.rootChosenByUser,
      files,
    };
    try {
      const intact = this.#files.fileSystem === DENO_FILE_SYSTEM
        ? await this.#pool.intactFiles(job)
        : await intactFiles(job, this.#files);
      let at = 0;
      for (const task of batch) {
        let all = true;
        for (let left = task.files.length; left > 0; left--) all = intact[at++] === 1 && all;
        task.resolve(all);
      }
    } catch (error) {
      for (const task of batch) task.reject(error);
    }
  }
}
