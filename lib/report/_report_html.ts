/**
 * `report.html` in three parts, so an export can write it as a stream: the start (up to the
 * gallery's data), one record per task, and the end (the charts, tables and script, which need
 * every task counted). The gallery's data come first in the page because the tasks are only
 * known one by one; the page's script reads them once the page is parsed.
 *
 * @module
 */
import type { ClassEntry } from "../detect/class_table.ts";
import type { ExportSummary, TaskOutcome } from "../model/export_summary.ts";
import { escapeHtml } from "./escape_html.ts";
import { splitShares } from "../model/split_counts.ts";
import type { LabelStatistics } from "./label_statistics.ts";
import { histogramSvg, labelBarsSvg } from "./_report_svg.ts";
import { CONTENT_SECURITY_POLICY, REPORT_CSS, REPORT_SCRIPT } from "./_report_page.ts";
import type { ReportTally } from "./_report_tally.ts";
import type { ReportTask } from "./report_task.ts";
import { reportCounts, type ReportRun } from "./render_report.ts";

/**
 * The page's start: its policy (first, before any script element) and the opening of the
 * gallery's data, with the labels the records refer to by index.
 */
export function reportStart(classes: readonly ClassEntry[]): string {
  const labels = scriptJson(classes.map(({ id, name }) => ({ id, name })));
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<script type="application/json" id="report-data">{"labels":${labels},"tasks":[\n`,
  ].join("\n");
}

/**
 * Makes the gallery's records, one per call: name, file, label indexes (in `classes`), instances
 * and thumbnail (if any), each after a separator but the first, one task per line of the source.
 */
export function galleryRecords(classes: readonly ClassEntry[]): (task: ReportTask) => string {
  const labelIndex = new Map(classes.map((entry, i) => [entry.id, i]));
  let separator = "";
  return (task) => {
    const record = separator + scriptJson({
      n: task.name,
      f: task.file,
      l: task.stats.labels.map((id) => labelIndex.get(id)).filter((i) => i !== undefined),
      i: task.stats.instanceCount,
      t: task.preview ? task.preview.png.toBase64() : undefined,
    });
    separator = ",\n";
    return record;
  };
}

/** What the page's end shows. */
export interface ReportEnd {
  /** How the export ran. */
  run: ReportRun;
  /** The export's summary. */
  summary: ExportSummary;
  /** The counts of every task in the gallery. */
  tally: ReportTally;
  /** The per-label statistics. */
  labels: readonly LabelStatistics[];
}

/** The page's end: closes the data, then the run, the charts, the gallery, the problems. */
export function reportEnd({ run, summary, tally, labels }: ReportEnd): string {
  const title = `Mask export of project ${run.projectId}`;
  return [
    `]}</script>`,
    `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    runSection(run, summary),
    `<h2>Labels</h2><p>Tasks containing each label; configured labels absent from every mask ` +
    `are marked <b class="absent-note">absent</b>. Pixel shares are of all labelled pixels, ` +
    `estimated from the thumbnails.</p>`,
    labelBarsSvg(labels, tally.tasks),
    splitsSection(summary),
    `<h2>Per task</h2><div class="charts"><figure><figcaption>Instances per task</figcaption>`,
    histogramSvg("Instances per task", tally.instanceBins),
    `</figure><figure><figcaption>Labelled pixels per task</figcaption>`,
    histogramSvg("Labelled pixels per task", tally.shareBins),
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
    // Shown only when there are some: the counts above say "renamed 0".
    ...(summary.renamed.length === 0
      ? []
      : [problemsSection("Renamed tasks", "renamed", summary.renamed, renameReason)]),
    ...((summary.warnings ?? []).length === 0 ? [] : [
      problemsSection(
        "Tasks with warnings",
        "warnings",
        summary.warnings!,
        (outcome) => outcome.warning ?? "",
      ),
    ]),
    `<script type="module">${REPORT_SCRIPT}</script></body></html>\n`,
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

/** Why a renamed task's mask has another file name, and that name. */
function renameReason(outcome: TaskOutcome): string {
  const why = outcome.renameReason ?? `"${outcome.renamedFrom}" is taken by an earlier task`;
  return `${why}; written as "${outcome.file}"`;
}

/** With a split: each split's tasks, its share, and its labels' shares of its tasks. */
function splitsSection(summary: ExportSummary): string {
  if (summary.splits === undefined) return "";
  const rows = splitShares(summary.splits).map((split) =>
    `<tr data-split="${escapeHtml(split.name)}"><td>${
      escapeHtml(split.name)
    }</td><td>${split.tasks}` +
    `</td><td>${(split.share * 100).toFixed(1)}%</td><td>${
      escapeHtml(
        split.labels.map((label) => `${label.id} ${(label.share * 100).toFixed(1)}%`).join(", "),
      )
    }</td></tr>`
  );
  return `<h2>Splits</h2><p>Tasks with files in each split, and the share of them showing each ` +
    `label.</p><table class="problems"><tr><th>split</th><th>tasks</th><th>share</th>` +
    `<th>labels</th></tr>${rows.join("")}</table>`;
}

function problemsSection(
  title: string,
  kind: string,
  outcomes: ExportSummary["failures"],
  reasonOf: (outcome: TaskOutcome) => string = (outcome) => outcome.reason ?? "",
): string {
  if (outcomes.length === 0) return `<h2>${title}</h2><p>None.</p>`;
  const rows = outcomes.map((outcome) =>
    `<tr><td><code>${escapeHtml(outcome.taskId)}</code></td><td>${
      escapeHtml(outcome.taskName)
    }</td><td>${escapeHtml(reasonOf(outcome))}</td></tr>`
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
