import type { Task } from "../api/types.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import type { FormatTaskResult, FormatWriter } from "../formats/format_writer.ts";
import { OutputFile } from "../formats/output_file.ts";

/** A split's writer and its file. */
export interface SplitPart {
  /** The writer of the split's tasks. */
  writer: FormatWriter;
  /** Its file, made `together`. */
  file: OutputFile;
}

/**
 * Writes a one-file format as one file per split (`…_train.json`, `…_val.json`): each task goes
 * to the writer of its split, by the hash of its task id. The files are placed at the end, all
 * or none; a split that got no task gets its format's empty file (where it has one), so that
 * every split has its file, and none is left from an earlier export.
 */
export class SplitWriter implements FormatWriter {
  #plan: SplitPlan;
  #parts: Map<string, SplitPart>;

  /**
   * @param plan The splits.
   * @param parts Each split's writer and file, by split name.
   */
  constructor(plan: SplitPlan, parts: Map<string, SplitPart>) {
    this.#plan = plan;
    this.#parts = parts;
  }

  /** The most tasks any split's writer reads ahead. */
  get ahead(): number {
    return Math.max(0, ...[...this.#parts.values()].map(({ writer }) => writer.ahead ?? 0));
  }

  prepare(task: Task, mine: boolean): void {
    this.#writerOf(task).prepare?.(task, mine);
  }

  take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    return this.#writerOf(task).take(task, mine);
  }

  #writerOf(task: Task): FormatWriter {
    return this.#parts.get(splitOf(String(task._id), this.#plan))!.writer;
  }

  async finish(): Promise<void> {
    const parts = [...this.#parts.values()];
    for (const { writer } of parts) await writer.finish();
    // Nothing written: no file at all, as without a split.
    if (!parts.some(({ file }) => file.started)) return;
    for (const { writer, file } of parts) if (!file.started) await writer.finishEmpty?.();
    await OutputFile.commitAll(parts.map(({ file }) => file));
  }

  async abandon(): Promise<void> {
    for (const { writer } of this.#parts.values()) await writer.abandon();
  }
}
