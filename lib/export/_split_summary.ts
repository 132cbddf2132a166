import type { ExportSummary } from "../model/export_summary.ts";
import { sortSplitLabels } from "../model/split_counts.ts";

/**
 * Ends a split export's counts: each split's labels in name order (tasks end in any order), and
 * a note for each split that got no task.
 *
 * @param summary The finished export's summary.
 */
export function endSplitCounts(summary: ExportSummary): void {
  if (summary.splits === undefined) return;
  sortSplitLabels(summary.splits);
  noteEmptySplits(summary);
}

/**
 * Adds a note for each split that got no task while another got some: training code that reads
 * every split finds nothing in it (a small share of few tasks, or a seed that put them elsewhere).
 * YOLO's `data.yaml` names the split's images all the same, where Ultralytics stops.
 *
 * @param summary The finished export's summary, with its split counts.
 */
function noteEmptySplits(summary: ExportSummary): void {
  const counts = Object.entries(summary.splits ?? {});
  const exported = counts.reduce((sum, [, count]) => sum + count.tasks, 0);
  if (exported === 0) return;
  const tasks = exported === 1 ? "the 1 task" : `the ${exported} tasks`;
  const yolo = summary.format === "yolo" || summary.format === "yolo-seg";
  for (const [name, count] of counts) {
    if (count.tasks > 0) continue;
    const quoted = JSON.stringify(name);
    const where = yolo
      ? `; data.yaml names images/${name} all the same, and Ultralytics stops on a split with no image`
      : "";
    const note = `split ${quoted} got none of ${tasks} with files: training code that reads it ` +
      `finds nothing there; a larger share or more tasks fill it${where}`;
    (summary.notes ??= []).push(note);
  }
}
