/**
 * The words every part of the export shares, one floor below them all: the summary of an export
 * and its events, a task's outcome, a mask's statistics, the platform a task comes from, a shard
 * of the tasks, and the file door every written file goes through (temporary name, then rename).
 *
 * @example
 * ```ts
 * import { parseShard } from "@lab/masks/model";
 *
 * console.log(parseShard("2/4")); // { index: 2, count: 4 }
 * ```
 *
 * @module
 */
export * from "./export_summary.ts";
export * from "./file_system.ts";
export * from "./label_statistics.ts";
export * from "./mask_stats.ts";
export * from "./panoptic_json_name.ts";
export * from "./platform.ts";
export * from "./shard.ts";
export * from "./split_counts.ts";
export * from "./split_plan.ts";
