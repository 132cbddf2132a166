/**
 * What the Action reports: its step outputs and the job summary.
 *
 * @module
 */
import * as core from "@actions/core";
import * as log from "./_log.ts";
import type { TaskFilters } from "../lib/api/types.ts";
import {
  type ExportSummary,
  listedTaskCount,
  type TaskOutcome,
} from "../lib/model/export_summary.ts";
import { splitShares } from "../lib/model/split_counts.ts";
import { unicodeBar } from "../lib/report/unicode_bar.ts";
import { kindOf, MAX_LISTED, renameText } from "./_task_annotations.ts";
import { type ActionInputs, filterInputName } from "./inputs.ts";
import { inertText } from "../lib/inert_text.ts";
import { failureReason } from "../lib/output/failure_reason.ts";
import { diffExports } from "../lib/dataset/diff_exports.ts";
import { diffCounts, diffMarkdown } from "../lib/dataset/diff_markdown.ts";
import { ConfigError } from "../lib/errors.ts";
import { inputHint } from "./_failure_message.ts";

/**
 * The outputs the export step sets. `action.yml` maps them to the Action's outputs, next to
 * `artifact-id` and `artifact-url`, which come from the upload step.
 */
export const OUTPUT_NAMES = [
  "output-path",
  "manifest-path",
  "dataset-id",
  "exported-count",
  "skipped-count",
  "failed-count",
] as const;

/** The name of an output the export step sets. */
export type OutputName = typeof OUTPUT_NAMES[number];

/**
 * Sets the export step's outputs from the export's summary.
 *
 * @param summary What the export did.
 */
export function setOutputs(summary: ExportSummary): void {
  const values: Record<OutputName, string | number> = {
    "output-path": summary.file ?? summary.folder,
    "manifest-path": summary.manifest ?? "",
    "dataset-id": summary.datasetId ?? "",
    "exported-count": summary.exported,
    "skipped-count": summary.skipped,
    "failed-count": summary.failed,
  };
  for (const name of OUTPUT_NAMES) core.setOutput(name, values[name]);
}

/**
 * `compare-with`: compares the new export with an earlier one, logs the counts and appends the
 * table of changes to the job summary. Exports that cannot be compared (another mask format, a
 * folder that is no export) give a warning, not a failure.
 *
 * @param earlier The earlier export folder.
 * @param summary What the export did.
 */
export async function compareExports(earlier: string, summary: ExportSummary): Promise<void> {
  if (!summary.folderCreated || summary.dryRun || summary.file !== undefined) return;
  let diff;
  try {
    diff = await diffExports(earlier, summary.folder);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.warning(`compare-with: ${error.message}`);
    return;
  }
  log.info(`Compared with ${JSON.stringify(earlier)}: ${diffCounts(diff)}`);
  for (const file of diff.refused ?? []) {
    const where = `${JSON.stringify(file.path)} in ${JSON.stringify(file.folder)}`;
    log.warning(inertText(`compare-with: ${where} was not read: ${file.detail}`));
  }
  if (!Deno.env.get("GITHUB_STEP_SUMMARY")) return;
  await core.summary.addRaw(diffMarkdown(diff), true).write();
}

/**
 * Appends the export's report to the job summary (`GITHUB_STEP_SUMMARY`): the project, the
 * filters, the shard, the mask format, the counts (for an incremental run also the tasks kept,
 * carried over and removed) and duration, a table of the failed, renamed and skipped tasks (the
 * first {@linkcode MAX_LISTED}, then a count), and why no artifact is uploaded when none is (the
 * upload step of `action.yml` adds where the artifact is once it is uploaded). Outside Actions
 * (no `GITHUB_STEP_SUMMARY`) it does nothing.
 *
 * @param summary What the export did.
 * @param inputs The inputs, for the filters and the artifact.
 */
export async function writeJobSummary(
  summary: ExportSummary,
  inputs: ActionInputs,
): Promise<void> {
  if (!Deno.env.get("GITHUB_STEP_SUMMARY")) return;
  const { filters = {}, shard } = inputs.settings;
  const report = core.summary
    .addHeading(`Lab masks: project <code>${html(summary.projectId)}</code>`, 2)
    .addTable([
      [cell("Project", true), cell(code(summary.projectId))],
      [cell("Filters", true), cell(filtersText(filters))],
      ...(shard === undefined ? [] : [[
        cell("Shard", true),
        cell(`${shard.index} of ${shard.count}`),
      ]]),
      [cell("Mask format", true), cell(code(summary.maskFormat))],
      [cell("Export folder", true), cell(code(summary.folder))],
      ...(summary.datasetId === undefined ? [] : [[
        cell("Dataset id", true),
        cell(code(summary.datasetId)),
      ]]),
      [cell("Tasks", true), cell(countsText(summary, inputs))],
      [cell("Duration", true), cell(durationText(summary.durationMs))],
    ]);
  const listed = [...summary.failures, ...summary.renamed, ...summary.skippedTasks];
  if (listed.length > 0) {
    report.addHeading("Failed, renamed and skipped tasks", 3).addTable([
      ["Status", "Task", "Id", "Reason"].map((title) => cell(title, true)),
      ...listed.slice(0, MAX_LISTED).map(taskRow),
    ]);
    const all = listedTaskCount(summary, "failures") + listedTaskCount(summary, "renamed") +
      listedTaskCount(summary, "skippedTasks");
    if (all > MAX_LISTED) {
      report.addRaw(`<p>... and ${all - MAX_LISTED} more tasks.</p>`, true);
    }
  }
  addLabelTable(report, summary, inputs);
  addSplitTable(report, summary);
  const artifact = artifactText(summary, inputs);
  if (artifact !== undefined) report.addHeading("Artifact", 3).addRaw(`<p>${artifact}</p>`, true);
  await report.write();
}

/** Per label: tasks containing it (with a bar), instances, pixel share; then where the report is. */
function addLabelTable(
  report: typeof core.summary,
  summary: ExportSummary,
  inputs: ActionInputs,
): void {
  const labels = summary.labels;
  if (labels === undefined || labels.length === 0) return;
  const most = Math.max(1, ...labels.map((label) => label.tasks));
  report.addHeading("Labels", 3).addTable([
    // A header cell needs text: @actions/core leaves an empty one unclosed (`<th>`).
    ["Label", "Id", "Tasks", "&nbsp;", "Instances", "Labelled pixels"].map((title) =>
      cell(title, true)
    ),
    ...labels.map((label) =>
      [
        html(label.name),
        code(label.id),
        String(label.tasks),
        label.tasks === 0 ? "<b>absent</b>" : `<code>${unicodeBar(label.tasks / most)}</code>`,
        String(label.instances),
        `${(label.pixelShare * 100).toFixed(1)}%`,
      ].map((text) => cell(text))
    ),
  ]);
  const where = inputs.upload ? `in the artifact ${code(inputs.artifactName)}` : "on the runner";
  report.addRaw(
    `<p>Thumbnails of every mask, histograms and the failed tasks: open ` +
      `<code>report.html</code> ${where} (at the top of the export folder).</p>`,
    true,
  );
}

/** Per split: tasks, share of the tasks, and the share of its tasks showing each label. */
function addSplitTable(report: typeof core.summary, summary: ExportSummary): void {
  const rows = splitRows(summary);
  if (rows.length > 0) report.addHeading("Splits", 3).addTable(rows);
  const note = classMapNote(summary);
  if (note !== undefined) report.addRaw(`<p>${note}</p>`, true);
}

/**
 * What the job summary says when the labels changed since the kept class map: which are new,
 * which keep their index reserved; nothing otherwise.
 *
 * @param summary The export's summary.
 * @returns The sentence, as HTML, if any.
 */
export function classMapNote(summary: ExportSummary): string | undefined {
  const map = summary.classMap;
  if (!map?.changed) return undefined;
  const ids = (list: string[]) => list.map(code).join(", ");
  return `The labels changed since the class map ${
    code(map.from)
  }: every earlier label keeps its ` +
    `index${map.added.length ? `; new: ${ids(map.added)}` : ""}${
      map.reserved.length ? `; reserved: ${ids(map.reserved)}` : ""
    }.`;
}

/**
 * The job summary's table of splits: a header, then per split its name, tasks, share of the tasks
 * and the share of its tasks showing each label, most frequent first; none without a split.
 *
 * @param summary The export's summary.
 * @returns The table's rows.
 */
export function splitRows(summary: ExportSummary): { data: string; header: boolean }[][] {
  if (summary.splits === undefined) return [];
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  return [
    ["Split", "Tasks", "Share", "Labels (share of the split's tasks)"].map((title) =>
      cell(title, true)
    ),
    ...splitShares(summary.splits).map((split) =>
      [
        code(split.name),
        String(split.tasks),
        percent(split.share),
        split.labels.map((label) => `${html(label.id)} ${percent(label.share)}`).join(", "),
      ].map((text) => cell(text))
    ),
  ];
}

function taskRow(outcome: TaskOutcome): ReturnType<typeof cell>[] {
  const reason = outcome.renamedFrom === undefined
    ? failureReason(outcome, inputHint)
    : renameText(outcome);
  return [kindOf(outcome) ?? outcome.status, outcome.taskName, outcome.taskId, reason]
    .map((text) => cell(html(inertText(text))));
}

function filtersText(filters: TaskFilters): string {
  const entries = Object.entries(filters).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return "none: every task of the project";
  return entries.map(([filter, value]) => {
    const shown = Array.isArray(value) ? value.join(", ") : String(value);
    return `${code(filterInputName(filter))}: ${html(shown)}`;
  }).join("<br>");
}

function countsText(summary: ExportSummary, inputs: ActionInputs): string {
  const written = summary.dryRun
    ? `<b>${summary.planned} would be exported</b> (dry run: nothing was written)`
    : `<b>${summary.exported} exported</b>`;
  const counts = `${summary.total} matched: ${written}, ${summary.skipped} skipped (no mask), ` +
    `${summary.failed} failed, ${listedTaskCount(summary, "renamed")} renamed (name taken)`;
  if (inputs.settings.incremental === undefined) return counts;
  return `${counts}; of the earlier export, ${summary.kept} kept (unchanged), ` +
    `${summary.carried} carried over (not updated since), ${summary.removed} removed (no ` +
    `longer match)`;
}

function durationText(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/**
 * The artifact part of the summary when no upload follows; `undefined` when the upload step
 * runs, which then says itself where the artifact is (so "uploaded" is never said before it is).
 */
function artifactText(summary: ExportSummary, inputs: ActionInputs): string | undefined {
  if (summary.dryRun) return "None: a dry run writes and uploads nothing.";
  if (!uploadsFolder(summary)) return "None: nothing was exported.";
  if (!inputs.upload) {
    return `Not uploaded (<code>upload: false</code>): the masks are in ` +
      `${code(summary.folder)} on the runner.`;
  }
  return undefined;
}

/**
 * Whether the export left a folder to upload: it wrote a manifest, so masks were exported, kept
 * (`resume`) or updated in place (`incremental`, even when nothing changed). The upload step's
 * `if` in `action.yml` says the same with the step's `manifest-path` output.
 */
function uploadsFolder(summary: ExportSummary): boolean {
  return summary.manifest !== undefined;
}

function cell(data: string, header = false): { data: string; header: boolean } {
  return { data, header };
}

function code(text: string): string {
  return `<code>${html(text)}</code>`;
}

/** Task names and ids are free text: they must not turn into markup. */
function html(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replace(/[\r\n]+/g, " ");
}
