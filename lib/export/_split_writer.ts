import type { Task } from "../api/types.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import type { FormatTaskResult, FormatWriter } from "../formats/format_writer.ts";
import { OutputFile } from "../formats/output_file.ts";

/**
 * Writes a one-file format as one file per split (`…_train.json`, `…_val.json`): each task goes
 * to the writer of its split, by the hash of its task id. The files are placed at the end, all
 * or none.
 */
export class SplitWriter implements FormatWriter {
  #plan: SplitPlan;
  #writers: Map<string, FormatWriter>;
  #files: OutputFile[];

  /**
   * @param plan The splits.
   * @param writers Each split's writer, by split name.
   * @param files Their files, made `together`.
   */
  constructor(plan: SplitPlan, writers: Map<string, FormatWriter>, files: OutputFile[]) {
    this.#plan = plan;
    this.#writers = writers;
    this.#files = files;
  }

  /** The most tasks any split's writer reads ahead. */
  get ahead(): number {
    return Math.max(0, ...[...this.#writers.values()].map((writer) => writer.ahead ?? 0));
  }

  prepare(task: Task, mine: boolean): void {
    this.#writerOf(task).prepare?.(task, mine);
  }

  take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    return this.#writerOf(task).take(task, mine);
  }

  #writerOf(task: Task): FormatWriter {
    return this.#writers.get(splitOf(String(task._id), this.#plan))!;
  }

  async finish(): Promise<void> {
    for (const writer of this.#writers.values()) await writer.finish();
    await OutputFile.commitAll(this.#files);
  }

  async abandon(): Promise<void> {
    for (const writer of this.#writers.values()) await writer.abandon();
  }
}
