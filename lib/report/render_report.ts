import type { ClassEntry } from "../detect/class_table.ts";
import type { ExportSummary } from "../export/export_summary.ts";
import { escapeHtml } from "./escape_html.ts";
import { histogram, INSTANCE_BINS, SHARE_BINS } from "./histogram.ts";
import { type LabelStatistics, labelStatistics } from "./label_statistics.ts";
import { histogramSvg, labelBarsSvg } from "./_report_svg.ts";
import { CONTENT_SECURITY_POLICY, REPORT_CSS, REPORT_SCRIPT } from "./_report_page.ts";
import { labelledShare, type ReportTask } from "./report_task.ts";

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
  /** The exported (and kept) tasks, in any order. */
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
 * labelled pixels per task, a filterable gallery of thumbnails, and the failed and skipped tasks.
 * Every text from the server or the tasks is escaped.
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
  const labels = input.labels ?? labelStatistics(tasks, classes);
  const shares = tasks.map(labelledShare).filter((share) => share !== undefined);
  const indexById = new Map(classes.map((entry, i) => [entry.id, i]));
  const data = {
    labels: classes.map(({ id, name }) => ({ id, name })),
    tasks: tasks.map((task) => ({
      n: task.name,
      f: task.file,
      l: task.stats.labels.map((id) => indexById.get(id)).filter((i) => i !== undefined),
      i: task.stats.instanceCount,
      t: task.preview ? task.preview.png.toBase64() : undefined,
    })),
  };
  const title = `Mask export of project ${run.projectId}`;
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    runSection(run, summary),
    `<h2>Labels</h2><p>Tasks containing each label; configured labels absent from every mask ` +
    `are marked <b class="absent-note">absent</b>. Pixel shares are of all labelled pixels, ` +
    `estimated from the thumbnails.</p>`,
    labelBarsSvg(labels, tasks.length),
    `<h2>Per task</h2><div class="charts"><figure><figcaption>Instances per task</figcaption>`,
    histogramSvg(
      "Instances per task",
      histogram(tasks.map((t) => t.stats.instanceCount), INSTANCE_BINS),
    ),
    `</figure><figure><figcaption>Labelled pixels per task</figcaption>`,
    histogramSvg("Labelled pixels per task", histogram(shares, SHARE_BINS)),
    `</figure></div>`,
    `<h2>Masks</h2><div class="controls">`,
    `<label>Name <input id="filter-name" type="search" placeholder="part of a task name"></label>`,
    `<label>Label <select id="filter-label"><option value="">any</option>`,
    `<option value="none">no label</option></select></label>`,
    `<button id="page-previous" type="button">Previous</button>`,
    `<button id="page-next" type="button">Next</button> <span id="gallery-status"></span></div>`,
    `<div id="gallery"></div>`,
    problemsSection("Failed tasks", "failed", summary.failures),
    problemsSection("Skipped tasks", "skipped", summary.skippedTasks),
    `<script type="application/json" id="report-data">${scriptJson(data)}</script>`,
    `<script>${REPORT_SCRIPT}</script></body></html>\n`,
  ].join("\n");
}

function runSection(run: ReportRun, summary: ExportSummary): string {
  const filters = Object.entries(run.filters).filter(([, value]) => value !== undefined);
  const rows: [string, string][] = [
    ["Project", run.projectId],
    [
      "Filters",
      filters.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join("; ") || "none",
    ],
    ["Format", summary.maskFormat],
    ["Shard", run.shard ? `${run.shard.index}/${run.shard.count}` : "all tasks"],
    ["Started", run.startedAt.toISOString()],
    ["Duration", `${(summary.durationMs / 1000).toFixed(1)} s`],
  ];
  const counts = Object.entries(reportCounts(summary));
  return `<table class="run">${
    rows.map(([name, value]) => `<tr><th>${name}</th><td>${escapeHtml(value)}</td></tr>`).join("")
  }</table><table class="counts"><tr>${
    counts.map(([name]) => `<th>${name}</th>`).join("")
  }</tr><tr>${
    counts.map(([name, value]) => `<td data-count="${name}">${value}</td>`).join("")
  }</tr></table>`;
}

function problemsSection(
  title: string,
  kind: string,
  outcomes: ExportSummary["failures"],
): string {
  if (outcomes.length === 0) return `<h2>${title}</h2><p>None.</p>`;
  const rows = outcomes.map((outcome) =>
    `<tr><td><code>${escapeHtml(outcome.taskId)}</code></td><td>${
      escapeHtml(outcome.taskName)
    }</td><td>${escapeHtml(outcome.reason ?? "")}</td></tr>`
  );
  return `<h2>${title}</h2><table class="problems" data-problems="${kind}"><tr><th>task id</th>` +
    `<th>name</th><th>reason</th></tr>${rows.join("")}</table>`;
}

/** JSON that cannot end its `<script>` element early, whatever the task names hold. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(
    /\u2029/g,
    "\\u2029",
  );
}
