import type { ClassEntry } from "../detect/class_table.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import type { ReportRun } from "./render_report.ts";
import type { ReportTask } from "./report_task.ts";
import type { LabelStatistics } from "./label_statistics.ts";
import { galleryRecords, reportEnd, reportStart } from "./_report_html.ts";
import { ReportTally } from "./_report_tally.ts";

/** The report's file name, in the export folder. */
export const REPORT_NAME = "report.html";

/**
 * The report being written, in the export folder: renamed to {@linkcode REPORT_NAME} once
 * complete, so a killed export never leaves a half-written report.
 */
export const PARTIAL_REPORT_NAME = ".report.html.part";

/** Gallery records are held until this many characters, then written in one go. */
const FLUSH_CHARACTERS = 64 * 1024;

/**
 * Writes an export's `report.html` as its tasks are written: each task's gallery record
 * (thumbnail, name, labels) goes straight to {@linkcode PARTIAL_REPORT_NAME} through the export's
 * file door, and only the charts' counts stay in memory (per label and per histogram bin), so the
 * report's memory does not grow with the export. At the end the charts and tables are appended
 * and the file is renamed to {@linkcode REPORT_NAME}.
 *
 * @example
 * ```ts
 * import { ExportFolderFs } from "../model/export_folder_fs.ts";
 * import { ExportReport } from "./export_report.ts";
 *
 * const folder = await Deno.makeTempDir();
 * const report = new ExportReport([], new ExportFolderFs(folder));
 * console.log(report.size); // 0
 * await report.discard();
 * await Deno.remove(folder);
 * ```
 */
export class ExportReport {
  #files: ExportFolderFs;
  #record: (task: ReportTask) => string;
  #tally: ReportTally;
  #held: string[];
  #heldCharacters = 0;
  #file?: Deno.FsFile;
  #created = false;
  #chain: Promise<void> = Promise.resolve();
  #error: unknown;
  #encoder = new TextEncoder();

  /**
   * Starts an empty report; its file is created with the first records written.
   *
   * @param classes The project's classes, in configuration order.
   * @param files The export folder's file door.
   */
  constructor(classes: readonly ClassEntry[], files: ExportFolderFs) {
    this.#files = files;
    this.#record = galleryRecords(classes);
    this.#tally = new ReportTally(classes);
    this.#held = [reportStart(classes)];
  }

  /** How many tasks the report holds. */
  get size(): number {
    return this.#tally.tasks;
  }

  /**
   * Adds a written task, or one kept from an earlier run (no preview: its gallery card says so).
   *
   * @param task The task's name, file, statistics and preview.
   */
  add(task: ReportTask): void {
    this.#hold(this.#record(task));
    this.#tally.add(task);
  }

  /**
   * Finishes `report.html` in the export folder: appends the run, charts and tables to the
   * records written so far and renames the file into place (a link planted at its name is
   * replaced, never followed). On an error the partial file is removed.
   *
   * @param run How the export ran.
   * @param summary The export's summary.
   * @returns The report's path, and the per-label statistics it shows.
   */
  async write(
    run: ReportRun,
    summary: ExportSummary,
  ): Promise<{ path: string; labels: LabelStatistics[] }> {
    const labels = this.#tally.labels.statistics();
    this.#hold(reportEnd({ run, summary, tally: this.#tally, labels }), true);
    await this.#chain;
    if (this.#error !== undefined) {
      await this.discard();
      throw this.#error;
    }
    this.#file?.close();
    this.#file = undefined;
    try {
      await this.#files.rename(PARTIAL_REPORT_NAME, REPORT_NAME);
    } catch (error) {
      await this.discard();
      throw error;
    }
    return { path: this.#files.pathOf(REPORT_NAME), labels };
  }

  /**
   * Stops writing and removes the partial report, if this report created it (an export that
   * failed or was stopped): a folder the export did not get to write in is left untouched.
   */
  async discard(): Promise<void> {
    await this.#chain;
    this.#held = [];
    if (!this.#created) return;
    this.#file?.close();
    this.#file = undefined;
    await this.#files.remove(PARTIAL_REPORT_NAME).catch(() => {});
  }

  /** Holds text, writing what is held once there is enough (or `now`). */
  #hold(text: string, now = false): void {
    this.#held.push(text);
    this.#heldCharacters += text.length;
    if (!now && this.#heldCharacters < FLUSH_CHARACTERS) return;
    const bytes = this.#encoder.encode(this.#held.join(""));
    this.#held = [];
    this.#heldCharacters = 0;
    // Kept for `write()`, which throws it once the masks and the manifest are done.
    this.#chain = this.#chain.then(() => this.#append(bytes)).catch((error) => {
      this.#error ??= error;
    });
  }

  async #append(bytes: Uint8Array): Promise<void> {
    if (this.#error !== undefined) return;
    // Created exclusively: a link planted at that name is removed, not written through.
    if (this.#file === undefined) {
      this.#created = true;
      this.#file = await this.#files.createFile(PARTIAL_REPORT_NAME);
    }
    let written = 0;
    while (written < bytes.length) written += await this.#file.write(bytes.subarray(written));
  }
}
