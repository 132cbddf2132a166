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
 * import { emptySplitCounts, parseSplit } from "@lab/masks/model";
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
 * import { countInSplit, emptySplitCounts, parseSplit } from "@lab/masks/model";
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
 * import { sortSplitLabels } from "@lab/masks/model";
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

/** One split's share of an export, for the summaries and the report. */
export interface SplitShare {
  /** The split's name. */
  name: string;
  /** Its tasks. */
  tasks: number;
  /** Its tasks over the tasks of every split (0 when there are none). */
  share: number;
  /** Per label, most frequent first: the share of the split's tasks that show it. */
  labels: { id: string; share: number }[];
}

/**
 * Each split's tasks and label shares, in the order the splits were given, so an imbalance shows.
 *
 * @param counts The counts by split name.
 * @returns One share per split.
 *
 * @example
 * ```ts
 * import { splitShares } from "@lab/masks/model";
 *
 * const shares = splitShares({
 *   train: { tasks: 3, labels: { car: 3, road: 1 } },
 *   val: { tasks: 1, labels: { road: 1 } },
 * });
 * console.log(shares[0].share, shares[0].labels[1]); // 0.75 { id: "road", share: 0.3333333333333333 }
 * ```
 */
export function splitShares(counts: Record<string, SplitCount>): SplitShare[] {
  const all = Object.values(counts).reduce((sum, count) => sum + count.tasks, 0);
  return Object.entries(counts).map(([name, count]) => ({
    name,
    tasks: count.tasks,
    share: all === 0 ? 0 : count.tasks / all,
    labels: Object.entries(count.labels)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, tasks]) => ({ id, share: count.tasks === 0 ? 0 : tasks / count.tasks })),
  }));
}

/**
 * A split's line in a text summary: `train: 80 tasks (80.0%); car 75.0%, road 12.5%`.
 *
 * @param split The split's share.
 * @returns The line, without a newline.
 *
 * @example
 * ```ts
 * import { splitLine } from "@lab/masks/model";
 *
 * console.log(splitLine({ name: "val", tasks: 1, share: 0.25, labels: [{ id: "road", share: 1 }] }));
 * // val: 1 task (25.0%); road 100.0%
 * ```
 */
export function splitLine(split: SplitShare): string {
  const labels = split.labels.map((label) => `${label.id} ${percent(label.share)}`).join(", ");
  const tasks = `${split.tasks} task${split.tasks === 1 ? "" : "s"}`;
  return `${split.name}: ${tasks} (${percent(split.share)})${labels ? `; ${labels}` : ""}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
