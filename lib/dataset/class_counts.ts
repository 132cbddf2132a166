/**
 * Per class, the tasks and instances of an export's manifest, and per split its tasks.
 *
 * @module
 */

import type { ManifestEntry } from "../model/manifest.ts";

/** The counts of one export's manifest. */
export interface ClassCounts {
  /** Per label id: the tasks whose mask holds it. */
  tasks: Map<string, number>;
  /** Per label id: its instances. */
  instances: Map<string, number>;
  /** Per split name, its exported tasks (empty when entries have no `split`). */
  splits: Map<string, number>;
  /** The exported tasks. */
  exported: number;
}

/**
 * Counts the exported entries of a manifest per label and per split.
 *
 * @param entries The manifest's entries.
 * @returns The counts.
 *
 * @example
 * ```ts
 * import { classCounts } from "@lab/masks/dataset";
 *
 * const counts = classCounts([{
 *   taskId: "t1", name: "a", outcome: "exported", files: [], labels: ["car"],
 *   instances: { "1": "car", "2": "car" },
 * }]);
 * console.log(counts.tasks.get("car"), counts.instances.get("car")); // 1 2
 * ```
 */
export function classCounts(entries: Iterable<ManifestEntry & { split?: string }>): ClassCounts {
  const counts = emptyClassCounts();
  for (const entry of entries) addToClassCounts(counts, entry);
  return counts;
}

/**
 * The counts of no entry.
 *
 * @returns Empty counts.
 *
 * @example
 * ```ts
 * import { emptyClassCounts } from "@lab/masks/dataset";
 *
 * console.log(emptyClassCounts().exported); // 0
 * ```
 */
export function emptyClassCounts(): ClassCounts {
  return { tasks: new Map(), instances: new Map(), splits: new Map(), exported: 0 };
}

/**
 * Adds one entry of a manifest to counts (an entry not exported counts nowhere).
 *
 * @param counts The counts so far.
 * @param entry The entry.
 *
 * @example
 * ```ts
 * import { addToClassCounts, emptyClassCounts } from "@lab/masks/dataset";
 *
 * const counts = emptyClassCounts();
 * addToClassCounts(counts, { taskId: "t1", name: "a", outcome: "exported", files: [], split: "train" });
 * console.log(counts.splits.get("train")); // 1
 * ```
 */
export function addToClassCounts(
  counts: ClassCounts,
  entry: ManifestEntry & { split?: string },
): void {
  if (entry.outcome !== "exported") return;
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  counts.exported++;
  for (const id of entry.labels ?? []) add(counts.tasks, id);
  for (const id of Object.values(entry.instances ?? {})) {
    if (id !== null) add(counts.instances, id);
  }
  if (typeof entry.split === "string") add(counts.splits, entry.split);
}
