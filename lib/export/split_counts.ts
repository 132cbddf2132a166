import type { SplitPlan } from "./split_plan.ts";

/** What one split of an export holds: its tasks, and how many of them show each label. */
export interface SplitCount {
  /** The tasks with files in the split. */
  tasks: number;
  /** Per label id, how many of the split's tasks show it (its share: this over `tasks`). */
  labels: Record<string, number>;
}

/**
 * The counts of a split export before its first task: every split, in the order given, empty.
 *
 * @param plan The splits.
 * @returns The counts by split name.
 *
 * @example
 * ```ts
 * import { emptySplitCounts, parseSplit } from "@lab/masks/export";
 *
 * console.log(emptySplitCounts(parseSplit("train=90,val=10"))); // { train: { tasks: 0, labels: {} }, val: { tasks: 0, labels: {} } }
 * ```
 */
export function emptySplitCounts(plan: SplitPlan): Record<string, SplitCount> {
  return Object.fromEntries(plan.parts.map(({ name }) => [name, { tasks: 0, labels: {} }]));
}

/**
 * Counts a task in its split: one task, and one for each label it shows.
 *
 * @param counts The counts by split name.
 * @param task The task's split and the labels it shows.
 *
 * @example
 * ```ts
 * import { countInSplit, emptySplitCounts, parseSplit } from "@lab/masks/export";
 *
 * const counts = emptySplitCounts(parseSplit("train=100"));
 * countInSplit(counts, { split: "train", labels: ["car"] });
 * console.log(counts.train); // { tasks: 1, labels: { car: 1 } }
 * ```
 */
export function countInSplit(
  counts: Record<string, SplitCount>,
  task: { split?: string; labels?: readonly string[] },
): void {
  if (task.split === undefined || !Object.hasOwn(counts, task.split)) return;
  const count = counts[task.split];
  count.tasks++;
  for (const label of task.labels ?? []) {
    count.labels[label] = (Object.hasOwn(count.labels, label) ? count.labels[label] : 0) + 1;
  }
}

/**
 * Orders each split's labels by name, so counts gathered as tasks finish, in any order, read the
 * same every run.
 *
 * @param counts The counts by split name.
 *
 * @example
 * ```ts
 * import { sortSplitLabels } from "@lab/masks/export";
 *
 * const counts = { train: { tasks: 2, labels: { road: 1, car: 2 } } };
 * sortSplitLabels(counts);
 * console.log(Object.keys(counts.train.labels)); // ["car", "road"]
 * ```
 */
export function sortSplitLabels(counts: Record<string, SplitCount>): void {
  for (const count of Object.values(counts)) {
    const names = Object.keys(count.labels).sort();
    count.labels = Object.fromEntries(names.map((name) => [name, count.labels[name]]));
  }
}
