import type { ClassEntry } from "../detect/class_table.ts";
import type { LabelStatistics } from "../model/label_statistics.ts";
import type { ReportTask } from "./report_task.ts";

export type { LabelStatistics };

/**
 * Counts, for every configured label, the tasks containing it, its instances and its share of
 * the labelled pixels; sorted by tasks, then instances, then pixels (most first), so absent
 * labels come last. Pixel shares are estimated from each mask's thumbnail samples, each scaled
 * to its mask's size.
 *
 * @param tasks The exported tasks.
 * @param classes The project's classes, in configuration order.
 * @returns One entry per class.
 *
 * @example
 * ```ts
 * import { labelStatistics } from "@lab/masks/report";
 *
 * const classes = [{ id: "car", name: "Car", index: 1, colour: [255, 0, 0] as const, bChannel: 7 }];
 * const stats = { labels: ["car"], instanceCount: 2, instances: { "1": "car", "2": "car" }, bChannels: [7] };
 * const task = { taskId: "t1", name: "a", file: "a.png", width: 4, height: 4, stats };
 * console.log(labelStatistics([task], classes)[0].instances); // 2
 * ```
 */
export function labelStatistics(
  tasks: readonly ReportTask[],
  classes: readonly ClassEntry[],
): LabelStatistics[] {
  const tally = new LabelTally(classes);
  for (const task of tasks) tally.add(task);
  return tally.statistics();
}

/**
 * The per-label counts of {@linkcode labelStatistics}, kept task by task: its memory is one
 * entry per label, however many tasks an export has.
 *
 * @example
 * ```ts
 * import { LabelTally } from "@lab/masks/report";
 *
 * const classes = [{ id: "car", name: "Car", index: 1, colour: [255, 0, 0] as const, bChannel: 7 }];
 * const tally = new LabelTally(classes);
 * const stats = { labels: ["car"], instanceCount: 1, instances: { "1": "car" }, bChannels: [7] };
 * tally.add({ taskId: "t1", name: "a", file: "a.png", width: 4, height: 4, stats });
 * console.log(tally.statistics()[0].tasks); // 1
 * ```
 */
export class LabelTally {
  #byId = new Map<string, LabelStatistics>();
  #pixelsById = new Map<string, number>();
  #labelledPixels = 0;

  /**
   * Starts with every label at zero.
   *
   * @param classes The project's classes, in configuration order.
   */
  constructor(classes: readonly ClassEntry[]) {
    for (const { id, name, colour } of classes) {
      if (!this.#byId.has(id)) {
        this.#byId.set(id, { id, name, colour, tasks: 0, instances: 0, pixelShare: 0 });
      }
    }
  }

  /**
   * Counts one task: its labels and instances, and its pixels when it has a preview (a task
   * kept from an earlier run has none, so it counts in tasks and instances only).
   *
   * @param task The task.
   */
  add(task: ReportTask): void {
    for (const id of task.stats.labels) {
      const entry = this.#byId.get(id);
      if (entry) entry.tasks++;
    }
    for (const id of Object.values(task.stats.instances)) {
      const entry = id === null ? undefined : this.#byId.get(id);
      if (entry) entry.instances++;
    }
    const preview = task.preview;
    if (preview === undefined || preview.samples === 0) return;
    const pixelsPerSample = (task.width * task.height) / preview.samples;
    this.#labelledPixels += preview.labelled * pixelsPerSample;
    for (const [id, count] of Object.entries(preview.samplesByLabel)) {
      this.#pixelsById.set(id, (this.#pixelsById.get(id) ?? 0) + count * pixelsPerSample);
    }
  }

  /**
   * The statistics so far, sorted as {@linkcode labelStatistics} sorts them.
   *
   * @returns One entry per class.
   */
  statistics(): LabelStatistics[] {
    const labels = [...this.#byId.values()].map((entry) => ({
      ...entry,
      pixelShare: this.#labelledPixels > 0
        ? (this.#pixelsById.get(entry.id) ?? 0) / this.#labelledPixels
        : 0,
    }));
    return labels.sort((a, b) =>
      b.tasks - a.tasks || b.instances - a.instances || b.pixelShare - a.pixelShare
    );
  }
}
