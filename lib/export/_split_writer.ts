import type { Task } from "../api/types.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import type { FormatTaskResult, FormatWriter } from "../formats/format_writer.ts";

/**
 * Writes a one-file format as one file per split (`…_train.json`, `…_val.json`): each task goes
 * to the writer of its split, by the hash of its task id.
 */
export class SplitWriter implements FormatWriter {
  #plan: SplitPlan;
  #writers: Map<string, FormatWriter>;

  /**
   * @param plan The splits.
   * @param writers Each split's writer, by split name.
   */
  constructor(plan: SplitPlan, writers: Map<string, FormatWriter>) {
    this.#plan = plan;
    this.#writers = writers;
  }

  take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    return this.#writers.get(splitOf(String(task._id), this.#plan))!.take(task, mine);
  }

  async finish(): Promise<void> {
    for (const writer of this.#writers.values()) await writer.finish();
  }

  async abandon(): Promise<void> {
    for (const writer of this.#writers.values()) await writer.abandon();
  }
}
