import type { MaskStats } from "../model/mask_stats.ts";
import type { MaskPreview } from "./mask_preview.ts";

/** One exported task as the report shows it. */
export interface ReportTask {
  /** The task id. */
  taskId: string;
  /** The task name (from the server: never trusted as HTML). */
  name: string;
  /** The mask file, relative to the export folder, with `/` separators. */
  file: string;
  /** The mask's width in pixels. */
  width: number;
  /** The mask's height in pixels. */
  height: number;
  /** What the mask holds. */
  stats: MaskStats;
  /** The thumbnail and sample counts; none for a task kept from an earlier run. */
  preview?: MaskPreview;
}

/**
 * The share of a task's pixels that are labelled, from its thumbnail's samples.
 *
 * @param task The task.
 * @returns A number from 0 to 1; `undefined` without a preview.
 *
 * @example
 * ```ts
 * import { labelledShare } from "@lab/masks/report";
 *
 * const preview = { png: new Uint8Array(), samples: 4, labelled: 1, samplesByLabel: { car: 1 } };
 * const stats = { labels: ["car"], instanceCount: 1, instances: { "1": "car" }, bChannels: [7] };
 * const task = { taskId: "t1", name: "a.jpg", file: "a.jpg.png", width: 2, height: 2, stats, preview };
 * console.log(labelledShare(task)); // 0.25
 * ```
 */
export function labelledShare(task: ReportTask): number | undefined {
  const { preview } = task;
  return preview === undefined ? undefined : preview.labelled / Math.max(1, preview.samples);
}
