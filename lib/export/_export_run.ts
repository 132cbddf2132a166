import { releaseBytes } from "../_release_bytes.ts";
import type { Task } from "../api/types.ts";
import { TaskError } from "../errors.ts";
import { TaskPool } from "./_task_pool.ts";
import { KEPT_IN_FLIGHT } from "./_kept_checks.ts";
import type { Mask } from "../detect/mask_of.ts";
import { entryBase, type TaskExporter, type TaskJob } from "./_task_exporter.ts";
import {
  type ExportEvent,
  type ExportSummary,
  type ListedTasks,
  MAX_LISTED_TASKS,
  type TaskOutcome,
} from "../model/export_summary.ts";
import type { EarlierManifest } from "./_earlier_manifest.ts";
import type { ExportFolder } from "./_export_folder.ts";
import type { ManifestEntry } from "../model/manifest.ts";
import { maskFilePath } from "../model/mask_file_path.ts";
import { MaskFileRegistry } from "../model/mask_file_registry.ts";
import type { Platform } from "../model/platform.ts";
import { endSplitCounts } from "./_split_summary.ts";
import { countInSplit, emptySplitCounts } from "../model/split_counts.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import { taskIdsOf } from "../model/task_ids.ts";

/** What one export run needs besides its tasks. */
export interface ExportRunOptions {
  /** Renders and writes single tasks. */
  exporter: TaskExporter;
  /** The summary to fill in. */
  summary: ExportSummary;
  /** Creates the export folder and starts its manifest (once, before the first file). */
  createFolder: () => Promise<void>;
  /** The export's own file names, which no mask may take. */
  reservedNames: readonly string[];
  /** The manifest of an earlier export (resume, incremental). */
  previous: EarlierManifest;
  /** Whether previous entries that are complete are kept as they are (resume). */
  keepComplete: boolean;
  /** Cut the task name at its last `.`. */
  replaceExtension?: boolean;
  /** How the tasks are split: each task's files go under its split's folder. */
  split?: SplitPlan;
  /** List, write nothing. */
  dryRun: boolean;
  /** The platform whose naming rules the files follow. */
  platform: Platform;
  /**
   * The names already claimed, the earlier export's among them (claimed as its manifest was
   * read). Default: a new registry, into which the earlier export's names are claimed before
   * the first task.
   */
  registry?: MaskFileRegistry;
  /** How many tasks are in flight at once (converting, waiting for a worker, being written). */
  inFlight: number;
  /** Progress. */
  onProgress?: (event: ExportEvent) => void;
}

/**
 * One export's task loop: decides each task's fate in task order (skip, fail, name, shard), runs
 * the conversions on a bounded pool, hands each task's manifest entry to the export folder and
 * keeps the summary.
 */
export class ExportRun {
  #options: ExportRunOptions;
  #registry: MaskFileRegistry;
  #pool: TaskPool;
  /** The tasks whose earlier files are being checked, to be kept (resume). */
  #keeping = new TaskPool(KEPT_IN_FLIGHT);
  #folder: ExportFolder;
  /** The earlier export's file names, claimed before the first task. */
  #claimedEarlier?: Promise<void>;
  #sequence = 0;
  #done = 0;
  #folderReady?: Promise<void>;
  #fatal: unknown;
  #order = new WeakMap<TaskOutcome, number>();

  constructor(folder: ExportFolder, options: ExportRunOptions) {
    this.#options = options;
    // The export's own files: a task named "manifest.jsonl/a.jpg" must not make them folders.
    this.#registry = options.registry ?? new MaskFileRegistry({
      reserved: options.reservedNames,
      platform: options.platform,
    });
    if (options.registry) this.#claimedEarlier = Promise.resolve();
    this.#pool = new TaskPool(options.inFlight);
    this.#folder = folder;
    // A dry run writes no files: nothing to count per split.
    if (options.split && !options.dryRun) options.summary.splits = emptySplitCounts(options.split);
  }

  /**
   * Takes the next task, in the server's order, with its mask as `MaskDetacher` took it out of
   * the task (`undefined`: none) and whether it is this shard's; waits while the pool is full.
   */
  async take(task: Task, mask: Mask | undefined, mine: boolean): Promise<void> {
    if (this.#fatal !== undefined) throw this.#fatal;
    await (this.#claimedEarlier ??= this.#claimEarlier());
    const sequence = this.#sequence++;
    const ids = taskIdsOf(task);
    const previous = await this.#options.previous.take(ids.taskId);
    const split = this.#options.split && splitOf(ids.taskId, this.#options.split);
    if (mask === undefined) {
      if (!mine) return this.#skipOther(sequence);
      // An updated task that lost its mask loses the files an earlier run wrote for it.
      if (previous?.files.length && !this.#options.dryRun) {
        await this.#options.exporter.removeStale(previous);
      }
      const outcome: TaskOutcome = { ...ids, status: "skipped", reason: "no mask" };
      return this.#finish(sequence, outcome, {
        ...entryBase(task),
        outcome: "skipped: no mask",
        files: [],
      }, split);
    }
    let wanted: string;
    try {
      // A split task's files go under its split's folder: `train/street/a.jpg.png`.
      wanted = previous?.path ?? (split === undefined ? "" : `${split}/`) +
          maskFilePath(task, { replaceExtension: this.#options.replaceExtension });
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      if (!mine) return this.#skipOther(sequence);
      const outcome: TaskOutcome = { ...ids, status: "failed", reason: error.reason };
      return this.#finish(sequence, outcome, {
        ...entryBase(task),
        outcome: `failed: ${error.reason}`,
        files: [],
      }, split);
    }
    // Every task claims its name, in or out of this shard, so shards name files as one export.
    const { file, reason } = this.#registry.claimFile(wanted, ids.taskId);
    if (!mine) return this.#skipOther(sequence, mask);
    const outcome: TaskOutcome & { file: string } = { ...ids, status: "exported", file };
    if (file !== wanted) Object.assign(outcome, { renamedFrom: wanted, renameReason: reason });
    if (this.#options.dryRun) {
      return this.#finish(sequence, { ...outcome, status: "planned" }, null);
    }
    const job: TaskJob = { task, mask, outcome, previous };
    // A task that may be kept waits for its files' check among many (checked a batch at a
    // time), not for a place among the few being converted.
    if (this.#options.keepComplete && previous !== undefined) {
      await this.#keeping.run(() => this.#keepOrExport(sequence, job, split));
    } else await this.#pool.run(() => this.#export(sequence, job, split));
  }

  /** Keeps a task whose earlier files are intact; exports it when they are not. */
  async #keepOrExport(sequence: number, job: TaskJob, split?: string): Promise<void> {
    try {
      await (this.#folderReady ??= this.#startFolder());
      if (await this.#options.exporter.isComplete(job.previous)) {
        this.#options.exporter.keep(job);
        return this.#finish(sequence, { ...job.outcome, status: "kept" }, job.previous!, split);
      }
    } catch (error) {
      return void (this.#fatal ??= error);
    }
    await this.#pool.run(() => this.#export(sequence, job, split));
  }

  async #export(sequence: number, job: TaskJob, split?: string): Promise<void> {
    try {
      await (this.#folderReady ??= this.#startFolder());
      const { outcome: result, entry } = await this.#options.exporter.export(job);
      this.#finish(sequence, result, entry, split);
    } catch (error) {
      this.#fatal ??= error;
    }
  }

  /** Starts the folder and manifest now, before any task: an update writes its manifest anyway. */
  async begin(): Promise<void> {
    await (this.#folderReady ??= this.#startFolder());
  }

  /**
   * Appends the earlier export's entries whose tasks did not come back after the tasks' own
   * (incremental), streamed from its manifest a chunk at a time: carried over as they were (the
   * lines this export would write, as they are), or as `removed` tells for the tasks removed from
   * the export. A dry run only counts them.
   *
   * @param removed The entry of a removed task.
   * @returns How many entries were appended.
   */
  async carryOver(removed: (entry: ManifestEntry) => ManifestEntry): Promise<number> {
    const { previous, summary, exporter } = this.#options;
    // The tasks still converting write their lines first: the carried lines follow them all,
    // however fast they are read.
    await this.#drain();
    let count = 0;
    for await (const left of previous.leftOverLines({ asText: true })) {
      const batch: (ManifestEntry | Uint8Array)[] = [];
      for (const one of left) {
        count += one.bytes === undefined ? 1 : one.end - one.first;
        if (this.#options.dryRun) continue;
        if (one.bytes !== undefined) {
          batch.push(one.bytes);
          continue;
        }
        const entry = one.removed ? removed(one.entry) : one.entry;
        exporter.reportEarlier(entry);
        if (summary.splits && entry.files.length > 0) countInSplit(summary.splits, entry);
        batch.push(entry);
      }
      // Written before the next chunk is read: the lines' bytes are that chunk's.
      if (batch.length > 0) await this.#folder.addTrailingEntries(batch);
    }
    return count;
  }

  /** Waits for the running tasks, then completes the manifest; throws the first fatal error. */
  async finish(): Promise<void> {
    await this.#drain();
    if (this.#fatal !== undefined) {
      await this.#folder.abandonManifest();
      await this.#options.exporter.discardReport();
      throw this.#fatal;
    }
    const manifest = await this.#folder.closeManifest();
    // Tasks end in any order; the summary lists them in task order, as the manifest.
    const byTask = (a: TaskOutcome, b: TaskOutcome) => this.#order.get(a)! - this.#order.get(b)!;
    const { summary } = this.#options;
    const lists = [summary.skippedTasks, summary.failures, summary.renamed, summary.warnings];
    for (const list of lists) list?.sort(byTask);
    endSplitCounts(summary);
    // Offline sources know their task count only at the end.
    summary.total = Math.max(this.#options.summary.total, this.#sequence);
    if (manifest !== undefined) summary.manifest = manifest;
  }

  /** Stops after the running tasks; the partial manifest stays for `--resume`. */
  async abandon(): Promise<void> {
    await this.#drain();
    await this.#folder.abandonManifest();
    await this.#options.exporter.discardReport();
  }

  /** Waits for the tasks being checked (those that turn out not intact start converting), then for all. */
  async #drain(): Promise<void> {
    await this.#keeping.drain();
    await this.#pool.drain();
  }

  /** Earlier files keep their names: later tasks of the same name get another one. */
  async #claimEarlier(): Promise<void> {
    for await (const entry of this.#options.previous.entries()) {
      if (entry.path) this.#registry.claim(entry.path, entry.taskId);
    }
  }

  async #startFolder(): Promise<void> {
    await this.#options.createFolder();
    this.#options.summary.folderCreated = true;
  }

  #skipOther(sequence: number, mask?: Mask): void {
    // Another shard's mask: freed now, not at V8's next full collection.
    if (mask?.kind === "png") releaseBytes(mask.bytes);
    this.#folder.addEntry(sequence, null);
    this.#options.onProgress?.({
      type: "advance",
      done: ++this.#done,
      total: this.#options.summary.total,
    });
  }

  #finish(
    sequence: number,
    outcome: TaskOutcome,
    entry: ManifestEntry | null,
    split?: string,
  ): void {
    const { summary } = this.#options;
    if (entry !== null && split !== undefined) {
      entry.split = split;
      if (summary.splits && entry.files.length > 0) countInSplit(summary.splits, entry);
    }
    this.#folder.addEntry(sequence, entry);
    this.#done++;
    this.#order.set(outcome, sequence);
    if (outcome.status === "planned") this.#list("plannedTasks", outcome);
    if (outcome.status === "skipped") this.#list("skippedTasks", outcome);
    if (outcome.status === "failed") this.#list("failures", outcome);
    if (outcome.renamedFrom !== undefined) this.#list("renamed", outcome);
    if (outcome.warning !== undefined) this.#list("warnings", outcome);
    summary[outcome.status]++;
    this.#options.onProgress?.({ type: "task", outcome, done: this.#done, total: summary.total });
  }

  /**
   * Adds a task to a summary list that keeps the first {@linkcode MAX_LISTED_TASKS} in task
   * order: tasks finish out of order, so a full list drops its latest task, not the new one.
   */
  #list(name: ListedTasks, outcome: TaskOutcome): void {
    const { summary } = this.#options;
    const list = summary[name] ??= [];
    list.push(outcome);
    if (list.length <= MAX_LISTED_TASKS) return;
    let latest = 0;
    for (let i = 1; i < list.length; i++) {
      if (this.#order.get(list[i])! > this.#order.get(list[latest])!) latest = i;
    }
    list.splice(latest, 1);
    summary.unlisted ??= {};
    summary.unlisted[name] = (summary.unlisted[name] ?? 0) + 1;
  }
}
