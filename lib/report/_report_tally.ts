import type { ClassEntry } from "../detect/class_table.ts";
import { binOf, type HistogramBin, INSTANCE_BINS, SHARE_BINS } from "./histogram.ts";
import { LabelTally } from "./label_statistics.ts";
import { labelledShare, type ReportTask } from "./report_task.ts";

/**
 * Everything the report's charts count, kept task by task: per-label counts and the two
 * histograms' bins. Its memory does not grow with the tasks.
 */
export class ReportTally {
  /** Tasks, instances and pixels per label. */
  readonly labels: LabelTally;
  /** Tasks per number of instances ({@linkcode INSTANCE_BINS}). */
  readonly instanceBins: HistogramBin[] = INSTANCE_BINS.map(({ label }) => ({ label, count: 0 }));
  /** Tasks per labelled-pixel share ({@linkcode SHARE_BINS}); tasks without a preview have none. */
  readonly shareBins: HistogramBin[] = SHARE_BINS.map(({ label }) => ({ label, count: 0 }));
  /** How many tasks were counted. */
  tasks = 0;

  constructor(classes: readonly ClassEntry[]) {
    this.labels = new LabelTally(classes);
  }

  /** Counts one task. */
  add(task: ReportTask): void {
    this.tasks++;
    this.labels.add(task);
    this.instanceBins[binOf(task.stats.instanceCount, INSTANCE_BINS)].count++;
    const share = labelledShare(task);
    if (share !== undefined) this.shareBins[binOf(share, SHARE_BINS)].count++;
  }
}
