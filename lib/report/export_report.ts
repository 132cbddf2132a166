import type { ClassEntry } from "../detect/class_table.ts";
import type { ExportSummary } from "../export/export_summary.ts";
import type { ExportFolderFs } from "../export/export_folder_fs.ts";
import { renderReport, type ReportRun } from "./render_report.ts";
import type { ReportTask } from "./report_task.ts";
import { type LabelStatistics, labelStatistics } from "./label_statistics.ts";

/** The report's file name, in the export folder. */
export const REPORT_NAME = "report.html";

/**
 * Gathers an export's tasks as they are written (statistics and a small thumbnail each) and
 * writes `report.html` at the end.
 *
 * @example
 * ```ts
 * import { ExportReport } from "./export_report.ts";
 *
 * const report = new ExportReport([]);
 * console.log(report.size); // 0
 * ```
 */
export class ExportReport {
  #classes: readonly ClassEntry[];
  #tasks: ReportTask[] = [];

  /**
   * Starts an empty report.
   *
   * @param classes The project's classes, in configuration order.
   */
  constructor(classes: readonly ClassEntry[]) {
    this.#classes = classes;
  }

  /** How many tasks the report holds. */
  get size(): number {
    return this.#tasks.length;
  }

  /**
   * Adds a written task.
   *
   * @param task The task's name, file, statistics and preview.
   */
  add(task: ReportTask): void {
    this.#tasks.push(task);
  }

  /**
   * Writes `report.html` in the export folder, atomically, through the folder's file door (a
   * link planted at its name is replaced, never followed).
   *
   * @param files The export folder.
   * @param run How the export ran.
   * @param summary The export's summary.
   * @returns The report's path, and the per-label statistics it shows.
   */
  async write(
    files: ExportFolderFs,
    run: ReportRun,
    summary: ExportSummary,
  ): Promise<{ path: string; labels: LabelStatistics[] }> {
    // Tasks end in any order; the gallery shows them by name.
    const tasks = this.#tasks.toSorted((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    const labels = labelStatistics(tasks, this.#classes);
    const html = renderReport({ run, summary, classes: this.#classes, tasks, labels });
    await files.writeFile(REPORT_NAME, new TextEncoder().encode(html));
    return { path: files.pathOf(REPORT_NAME), labels };
  }
}
