import type { Task } from "../api/types.ts";
import type { ClassTable } from "../detect/class_table.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { MasksError, PngError, TaskError } from "../errors.ts";
import type { ConvertPool } from "./_convert_pool.ts";
import { type MaskJobSettings, type RenderedMask, sha256 } from "./_mask_job.ts";
import type { Mask, PngMask, ShapesMask } from "../detect/mask_of.ts";
import { maskFailureReason, type TaskMask, taskMaskOf } from "./_task_decoder.ts";
import { conversionCost, type MemoryBudget } from "./_memory_budget.ts";
import { DEFAULT_MAX_PIXELS } from "../png/decode_png.ts";
import type { TaskOutcome } from "../model/export_summary.ts";
import type { ManifestEntry, ManifestFile } from "../model/manifest.ts";
import type { MaskFormat } from "./mask_format.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { type FileToWrite, FileWriteFailure } from "../model/swap_checked.ts";
import type { ExportReport } from "../report/export_report.ts";
import { releaseBytes } from "../_release_bytes.ts";
import { KeptChecks } from "./_kept_checks.ts";
import { taskIdsOf } from "../model/task_ids.ts";

export { sha256 };

/** How every task of an export is rendered. */
export interface TaskExporterOptions {
  /** The mask format. */
  format: MaskFormat;
  /** The project's classes. */
  table: ClassTable;
  /** `rgb`: colours by bChannel. */
  colourByBChannel?: ReadonlyMap<number, RgbColour>;
  /** Where the project keeps its masks (PNG or vector), and its labels. */
  source: MaskSource;
  /** Refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
  /** Runs each task's decoding, statistics, rendering and hashing, on workers. */
  pool: ConvertPool;
  /** Gathers each written task's statistics and thumbnail for `report.html`. */
  report?: ExportReport;
  /** Admits masks by what converting them holds; none: no limit but the pool's. */
  budget?: MemoryBudget;
  /** `panoptic`: the class indices that are stuff. */
  stuffClasses?: number[];
  /** Whether the export writes a dataset card: each entry then records its labels' pixels. */
  card?: boolean;
}

/** One task to export, with the file name it was given. */
export interface TaskJob {
  /** The task. */
  task: Task;
  /** Its mask, as read when the task arrived. */
  mask: Mask;
  /** The outcome so far: ids, and the mask path in `file`. */
  outcome: TaskOutcome & { file: string };
  /** The task's entry in an earlier export's manifest (resume, incremental). */
  previous?: ManifestEntry;
}

/**
 * Exports single tasks: the pool decodes, renders in the mask format and hashes; this writes
 * each file atomically. A task's own problems come back as a `failed` outcome, never thrown.
 */
export class TaskExporter {
  #files: ExportFolderFs;
  #options: TaskExporterOptions;
  #taskMask: (mask: PngMask | ShapesMask) => TaskMask;
  #settings: MaskJobSettings;
  #kept: KeptChecks;

  constructor(files: ExportFolderFs, options: TaskExporterOptions) {
    this.#files = files;
    this.#options = options;
    this.#kept = new KeptChecks(files, options.pool);
    const { format, table, colourByBChannel, report, stuffClasses, card } = options;
    // One object for every task: the pool copies it to each worker once.
    this.#settings = {
      format,
      table,
      colourByBChannel,
      preview: report !== undefined,
      ...(stuffClasses ? { stuffClasses } : {}),
      ...(card ? { tallyPixels: true } : {}),
    };
    this.#taskMask = taskMaskOf(options.source, { maxPixels: options.maxPixels });
  }

  /**
   * Whether an earlier run's files for this task are all present and intact: checked on the
   * pool's workers, many tasks' files at a time.
   */
  async isComplete(previous: ManifestEntry | undefined): Promise<boolean> {
    if (!previous || previous.outcome !== "exported" || previous.files.length === 0) return false;
    return await this.#kept.intact(previous.files);
  }

  /** Exports one task; returns its outcome and manifest entry. */
  async export(job: TaskJob): Promise<{ outcome: TaskOutcome; entry: ManifestEntry }> {
    let release: (() => void) | undefined;
    try {
      release = await this.#admit(job);
      return await this.#export(job);
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      return this.#failed(job, error);
    } finally {
      release?.();
      // Last: a mask written as it came, on the calling thread, is the file's own bytes.
      if (job.mask.kind === "png") releaseBytes(job.mask.bytes);
    }
  }

  /** Waits until the mask fits the memory budget (a mask above the pixel limit costs nothing). */
  async #admit(job: TaskJob): Promise<(() => void) | undefined> {
    const { budget, maxPixels = DEFAULT_MAX_PIXELS } = this.#options;
    const needed = budget && conversionCost(job.mask);
    if (!needed || needed.size.width * needed.size.height > maxPixels) return undefined;
    const { taskId, taskName } = job.outcome;
    return await budget!.admit(needed.cost, { taskId, taskName, size: needed.size });
  }

  async #export(job: TaskJob): Promise<{ outcome: TaskOutcome; entry: ManifestEntry }> {
    const { task, outcome } = job;
    const rendered = await this.#render(job);
    const { files, changed } = await this.#write(job, rendered);
    if (job.previous) await this.removeStale(job.previous, files);
    const { width, height, stats, preview, warning } = rendered;
    const entry: ManifestEntry = {
      ...entryBase(task),
      outcome: "exported",
      path: outcome.file,
      files,
      width,
      height,
      labels: stats.labels,
      instanceCount: stats.instanceCount,
      instances: stats.instances,
    };
    if (outcome.renamedFrom !== undefined) entry.renamedFrom = outcome.renamedFrom;
    if (warning !== undefined) entry.warning = warning;
    if (rendered.segments) entry.segments = rendered.segments;
    if (rendered.labelPixels) entry.labelPixels = rendered.labelPixels;
    this.#options.report?.add({
      taskId: entry.taskId,
      name: entry.name,
      file: outcome.file,
      width,
      height,
      stats,
      preview,
    });
    const status = job.previous && !changed ? "kept" : "exported";
    const done: TaskOutcome = { ...outcome, status };
    if (warning !== undefined) done.warning = warning;
    return { outcome: done, entry };
  }

  /**
   * Renders a task's files on the pool.
   *
   * @throws {TaskError} when its mask cannot be read.
   */
  async #render(job: TaskJob): Promise<RenderedMask> {
    const { mask, outcome } = job;
    if (mask.kind === "invalid") throw taskError(job, `its mask cannot be read: ${mask.reason}`);
    try {
      return await this.#options.pool.render(
        { ...this.#taskMask(mask), file: outcome.file },
        this.#settings,
      );
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      throw taskError(job, maskFailureReason(mask, error.message), error);
    }
  }

  /**
   * Writes a task's rendered files, but those an earlier run wrote alike and that are intact.
   *
   * @returns The files for the manifest, and whether any was written.
   * @throws {TaskError} when a file cannot be written.
   */
  async #write(
    job: TaskJob,
    rendered: RenderedMask,
  ): Promise<{ files: ManifestFile[]; changed: boolean }> {
    const files: ManifestFile[] = [];
    const toWrite: FileToWrite[] = [];
    for (const { path, bytes, sha256: digest, pixelSha256 } of rendered.files) {
      files.push(
        pixelSha256 === undefined
          ? { path, sha256: digest }
          : { path, sha256: digest, pixelSha256 },
      );
      const before = job.previous?.files.find((file) => file.path === path);
      if (before?.sha256 === digest && await this.#intact(path, digest)) continue;
      toWrite.push({ relative: path, bytes });
    }
    try {
      // Together: the checks of the task's folders are shared by its files.
      await this.#files.writeFiles(toWrite);
    } catch (error) {
      const failure = error instanceof FileWriteFailure;
      const relative = failure ? error.relative : toWrite[0]?.relative;
      const cause = failure ? error.cause : error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw taskError(job, `its mask cannot be written to "${relative}": ${reason}`, cause);
    } finally {
      for (const { bytes } of toWrite) releaseBytes(bytes);
    }
    const changed = toWrite.length > 0;
    return { files, changed };
  }

  /**
   * Keeps a task whose files an earlier run wrote intact (resume): its mask, not converted, is
   * freed now rather than at V8's next full collection, which a run busy keeping thousands of
   * tasks in a row leaves late (35 MB of masks at 60,000 small tasks); the report gets the task
   * from its manifest entry.
   */
  keep(job: TaskJob): void {
    if (job.mask.kind === "png") releaseBytes(job.mask.bytes);
    this.reportEarlier(job.previous!);
  }

  /**
   * Adds to the report a task whose files an earlier run wrote and this one keeps (resumed, or
   * carried over by an incremental update): its counts come from its manifest entry, and the
   * gallery shows it without a thumbnail, as its mask is not decoded again.
   */
  reportEarlier(entry: ManifestEntry): void {
    if (entry.outcome !== "exported" || entry.path === undefined) return;
    this.#options.report?.add({
      taskId: entry.taskId,
      name: entry.name,
      file: entry.path,
      width: entry.width ?? 0,
      height: entry.height ?? 0,
      stats: {
        labels: entry.labels ?? [],
        instanceCount: entry.instanceCount ?? 0,
        instances: entry.instances ?? {},
        bChannels: [],
      },
    });
  }

  /** Removes the report being written (an export that failed or was stopped). */
  async discardReport(): Promise<void> {
    await this.#options.report?.discard();
  }

  /**
   * Deletes the files an earlier run wrote for a task that are not in `now` (all of them when the
   * task no longer has a mask).
   */
  async removeStale(previous: ManifestEntry, now: ManifestFile[] = []): Promise<void> {
    for (const file of previous.files) {
      if (!now.some((kept) => kept.path === file.path)) {
        // A refused path (a link on the way) is left alone, like a file already gone.
        await this.#files.remove(file.path).catch(() => {});
      }
    }
  }

  async #intact(path: string, digest: string): Promise<boolean> {
    // Missing, unreadable or behind a link: not intact, so it is written again (or refused).
    const bytes = await this.#files.readFile(path).catch(() => undefined);
    return bytes !== undefined && sha256(bytes) === digest;
  }

  #failed(job: TaskJob, { reason, setting }: TaskError) {
    const { file: _file, renamedFrom: _renamed, warning: _warning, ...ids } = job.outcome;
    const outcome: TaskOutcome = { ...ids, status: "failed", reason };
    if (setting !== undefined) outcome.setting = setting;
    // The manifest keeps the reason alone: it names no setting in any surface's words.
    return { outcome, entry: { ...entryBase(job.task), outcome: `failed: ${reason}`, files: [] } };
  }
}

/**
 * A task's own failure, which fails the task and not the export; a PNG a setting would let
 * through (`maxPixels`) passes that setting on.
 */
function taskError(job: TaskJob, reason: string, cause?: unknown): TaskError {
  const { taskId, taskName } = job.outcome;
  const setting = cause instanceof PngError ? cause.setting : undefined;
  return new TaskError(reason, { taskId, taskName, setting, cause });
}

/** The manifest fields every entry has, from the task document. */
export function entryBase(task: Task): Omit<ManifestEntry, "outcome" | "files"> {
  const { taskId, taskName } = taskIdsOf(task);
  const base: Omit<ManifestEntry, "outcome" | "files"> = { taskId, name: taskName };
  if (task.status !== undefined) base.status = task.status;
  if (task.batchId !== undefined) base.batchId = task.batchId;
  if (task.updatedAt !== undefined) base.updatedAt = task.updatedAt;
  return base;
}
