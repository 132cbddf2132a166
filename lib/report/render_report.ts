import type { ClassEntry } from "../detect/class_table.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import type { LabelStatistics } from "./label_statistics.ts";
import type { ReportTask } from "./report_task.ts";
import { galleryRecords, reportEnd, reportStart } from "./_report_html.ts";
import { ReportTally } from "./_report_tally.ts";

/** How the export ran, for the report's first section. */
export interface ReportRun {
  /** The project id. */
  projectId: string;
  /** The task filters, as given. */
  filters: object;
  /** The shard exported, if any. */
  shard?: { index: number; count: number };
  /** When the export started. */
  startedAt: Date;
}

/** Everything `report.html` shows. */
export interface ReportInput {
  /** How the export ran. */
  run: ReportRun;
  /** The export's summary: counts, skipped and failed tasks. */
  summary: ExportSummary;
  /** The project's classes, in configuration order. */
  classes: readonly ClassEntry[];
  /** The exported (and kept) tasks, in any order: the page sorts them by file name. */
  tasks: readonly ReportTask[];
  /** The per-label statistics of the tasks. @default {labelStatistics(tasks, classes)} */
  labels?: readonly LabelStatistics[];
}

/**
 * The counts the report shows, by the `data-count` name of their cell.
 *
 * @param summary The export's summary.
 * @returns The counts: total, exported, kept, skipped, failed, renamed, removed, carried.
 *
 * @example
 * ```ts
 * import { reportCounts } from "@lab/masks/report";
 *
 * const summary = {
 *   projectId: "p1", folder: "/tmp/x", maskFormat: "rgb", dryRun: false, folderCreated: true,
 *   total: 3, exported: 2, kept: 0, planned: 0, removed: 0, carried: 0, skipped: 1, failed: 0,
 *   skippedTasks: [], plannedTasks: [], failures: [], renamed: [], durationMs: 5,
 * };
 * console.log(reportCounts(summary).exported); // 2
 * ```
 */
export function reportCounts(summary: ExportSummary): Record<string, number> {
  return {
    total: summary.total,
    exported: summary.exported,
    kept: summary.kept,
    skipped: summary.skipped,
    failed: summary.failed,
    renamed: summary.renamed.length,
    removed: summary.removed,
    carried: summary.carried,
  };
}

/**
 * Renders an export's report: one self-contained HTML page (inline style, script and images, a
 * policy that forbids every request) with the run, per-label bars, histograms of instances and
 * labelled pixels per task, a filterable gallery of thumbnails (sorted by file name in the page),
 * and the failed and skipped tasks. Every text from the server or the tasks is escaped. An export
 * writes the same page as a stream (`ExportReport`).
 *
 * @param input The run, its summary, the classes and the tasks.
 * @returns The page's HTML.
 *
 * @example
 * ```ts
 * import { renderReport } from "@lab/masks/report";
 *
 * const summary = {
 *   projectId: "p1", folder: "/tmp/x", maskFormat: "rgb", dryRun: false, folderCreated: true,
 *   total: 0, exported: 0, kept: 0, planned: 0, removed: 0, carried: 0, skipped: 0, failed: 0,
 *   skippedTasks: [], plannedTasks: [], failures: [], renamed: [], durationMs: 5,
 * };
 * const run = { projectId: "p1", filters: {}, startedAt: new Date(0) };
 * const html = renderReport({ run, summary, classes: [], tasks: [] });
 * console.log(html.startsWith("<!doctype html>")); // true
 * ```
 */
export function renderReport(input: ReportInput): string {
  const { run, summary, classes, tasks } = input;
  const tally = new ReportTally(classes);
  for (const task of tasks) tally.add(task);
  return reportStart(classes) + tasks.map(galleryRecords(classes)).join("") +
    reportEnd({ run, summary, tally, labels: input.labels ?? tally.labels.statistics() });
}
