import type { Task } from "../api/types.ts";
import type { ClassTable } from "../detect/class_table.ts";
import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { MasksError } from "../errors.ts";
import { ensureDir } from "../_std/fs.ts";
import { dirname, join } from "../_std/path.ts";
import type { RgbImage } from "../raster/rgb_image.ts";
import type { TaskOutcome } from "./export_summary.ts";
import type { ManifestEntry, ManifestFile } from "./manifest.ts";
import { type MaskFormat, renderMask } from "./mask_format.ts";
import { maskStats } from "./mask_stats.ts";
import { writeFileAtomic } from "./write_file_atomic.ts";

/** How every task of an export is rendered. */
export interface TaskExporterOptions {
  /** The mask format. */
  format: MaskFormat;
  /** The project's classes. */
  table: ClassTable;
  /** `rgb`: colours by bChannel. */
  colourByBChannel?: ReadonlyMap<number, RgbColour>;
  /** Turns a task's mask (or shapes) into pixels; throws a `MasksError` for a bad mask. */
  decode: (task: Task, mask: unknown) => Promise<RgbImage>;
}

/** One task to export, with the file name it was given. */
export interface TaskJob {
  /** The task. */
  task: Task;
  /** Its mask value (a data URI, or vector annotations). */
  mask: unknown;
  /** The outcome so far: ids, and the mask path in `file`. */
  outcome: TaskOutcome & { file: string };
  /** The task's entry in an earlier export's manifest (resume, incremental). */
  previous?: ManifestEntry;
}

/**
 * Exports single tasks: decode, render in the mask format, hash, and write each file atomically.
 * A task's own problems come back as a `failed` outcome, never thrown.
 */
export class TaskExporter {
  #folder: string;
  #options: TaskExporterOptions;

  constructor(folder: string, options: TaskExporterOptions) {
    this.#folder = folder;
    this.#options = options;
  }

  /** Whether an earlier run's files for this task are all present and intact. */
  async isComplete(previous: ManifestEntry | undefined): Promise<boolean> {
    if (!previous || previous.outcome !== "exported" || previous.files.length === 0) return false;
    for (const file of previous.files) {
      const bytes = await Deno.readFile(this.#path(file.path)).catch(() => undefined);
      if (!bytes || await sha256(bytes) !== file.sha256) return false;
    }
    return true;
  }

  /** Exports one task; returns its outcome and manifest entry. */
  async export(job: TaskJob): Promise<{ outcome: TaskOutcome; entry: ManifestEntry }> {
    const { task, outcome } = job;
    let image: RgbImage;
    try {
      image = await this.#options.decode(task, job.mask);
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      return this.#failed(job, `its mask cannot be read: ${error.message}`);
    }
    const stats = maskStats(image, this.#options.table);
    const rendered = await renderMask(image, outcome.file, { ...this.#options, stats });
    const files: ManifestFile[] = [];
    let changed = false;
    for (const { path, bytes } of rendered) {
      const digest = await sha256(bytes);
      files.push({ path, sha256: digest });
      const before = job.previous?.files.find((file) => file.path === path);
      if (before?.sha256 === digest && await this.#intact(path, digest)) continue;
      changed = true;
      try {
        await ensureDir(dirname(this.#path(path)));
        await writeFileAtomic(this.#path(path), bytes);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return this.#failed(job, `its mask cannot be written to "${path}": ${reason}`);
      }
    }
    await this.#removeStale(job.previous, files);
    const entry: ManifestEntry = {
      ...entryBase(task),
      outcome: "exported",
      path: outcome.file,
      files,
      width: image.width,
      height: image.height,
      labels: stats.labels,
      instanceCount: stats.instanceCount,
      instances: stats.instances,
    };
    if (outcome.renamedFrom !== undefined) entry.renamedFrom = outcome.renamedFrom;
    const status = job.previous && !changed ? "kept" : "exported";
    return { outcome: { ...outcome, status }, entry };
  }

  /** Deletes the files an earlier run wrote for a task that it no longer has. */
  async #removeStale(previous: ManifestEntry | undefined, now: ManifestFile[]): Promise<void> {
    for (const file of previous?.files ?? []) {
      if (!now.some((kept) => kept.path === file.path)) {
        await Deno.remove(this.#path(file.path)).catch(() => {});
      }
    }
  }

  async #intact(path: string, digest: string): Promise<boolean> {
    const bytes = await Deno.readFile(this.#path(path)).catch(() => undefined);
    return bytes !== undefined && await sha256(bytes) === digest;
  }

  #failed(job: TaskJob, reason: string) {
    const { file: _file, renamedFrom: _renamed, ...ids } = job.outcome;
    const outcome: TaskOutcome = { ...ids, status: "failed", reason };
    return { outcome, entry: { ...entryBase(job.task), outcome: `failed: ${reason}`, files: [] } };
  }

  #path(relative: string): string {
    return join(this.#folder, ...relative.split("/"));
  }
}

/** The manifest fields every entry has, from the task document. */
export function entryBase(task: Task): Omit<ManifestEntry, "outcome" | "files"> {
  const base: Omit<ManifestEntry, "outcome" | "files"> = {
    taskId: String(task._id),
    name: String(task.name),
  };
  if (task.status !== undefined) base.status = task.status;
  if (task.batchId !== undefined) base.batchId = task.batchId;
  if (task.updatedAt !== undefined) base.updatedAt = task.updatedAt;
  return base;
}

/** The SHA-256 of bytes, in hex. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
