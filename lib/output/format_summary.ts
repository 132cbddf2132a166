import { type ExportSummary, listedTaskCount, type TaskOutcome } from "../model/export_summary.ts";
import { inertLine, inertText } from "../inert_text.ts";
import { splitLine, splitShares } from "../model/split_counts.ts";
import { failureReason, type SettingHint } from "./failure_reason.ts";
import { plural } from "./plural.ts";

/** Options of {@linkcode formatSummary}. */
export interface FormatSummaryOptions {
  /**
   * How many failed tasks to list one by one before a count of the rest.
   *
   * @default {20}
   */
  maxListed?: number;
  /** How this surface names the setting that would let a failed task through. @default {none} */
  hintOf?: SettingHint;
}

/**
 * The closing lines of an export, for people: where the masks are, what was skipped and what
 * failed, with each failed task's id, name and reason.
 *
 * @param summary The export's summary.
 * @param options How many failures to list.
 * @returns Lines without trailing newlines.
 *
 * @example
 * ```ts
 * import { formatSummary } from "@lab/masks/output";
 *
 * const lines = formatSummary({
 *   projectId: "p1", folder: "/tmp/out", maskFormat: "rgb", dryRun: false, folderCreated: true,
 *   total: 3, exported: 2, kept: 0, planned: 0, skipped: 1, failed: 0, removed: 0, carried: 0,
 *   skippedTasks: [], plannedTasks: [], failures: [], renamed: [], durationMs: 12,
 * });
 * console.log(lines[0]); // 'Exported 2 masks to "/tmp/out"'
 * ```
 */
export function formatSummary(
  summary: ExportSummary,
  options: FormatSummaryOptions = {},
): string[] {
  const maxListed = options.maxListed ?? 20;
  const lines: string[] = [];
  // One-file formats count tasks, not masks, and name their file.
  const unit = summary.file === undefined ? "mask" : "task";
  // A path may hold any character its project id or the user gave: printed inert.
  const where = inertLine(summary.file ?? summary.folder);
  if (summary.dryRun) {
    lines.push(
      `Dry run: would export ${plural(summary.planned, unit)} to "${where}"; ` +
        "nothing was written",
    );
  } else if (summary.folderCreated) {
    lines.push(`Exported ${plural(summary.exported, unit)} to "${where}"`);
  } else {
    lines.push(
      summary.total === 0
        ? "Nothing to export: no task matches the filters"
        : `Nothing to export: no task has ${unit === "mask" ? "a mask" : "data"}`,
    );
  }
  const counts = [
    `${summary.dryRun ? summary.planned : summary.exported} ${
      summary.dryRun ? "planned" : "exported"
    }`,
    `${summary.skipped} skipped (no ${unit === "mask" ? "mask" : "data"})`,
    `${summary.failed} failed`,
  ];
  if (summary.annotationsLeftOut) {
    counts.push(
      `${plural(summary.annotationsLeftOut, "annotation")} left out (no label with a class)`,
    );
  }
  if (summary.kept > 0) counts.push(`${summary.kept} kept from the earlier run`);
  const renamed = listedTaskCount(summary, "renamed");
  if (renamed > 0) counts.push(`${renamed} renamed`);
  const warned = listedTaskCount(summary, "warnings");
  if (warned > 0) counts.push(`${warned} with ${warned === 1 ? "a warning" : "warnings"}`);
  if (summary.removed > 0) counts.push(`${summary.removed} removed (no longer match)`);
  if (summary.carried > 0) counts.push(`${summary.carried} carried over unchanged`);
  lines.push(`${plural(summary.total, "task")}: ${counts.join(", ")}`);
  lines.push(...datasetLines(summary));
  if (summary.datasetId !== undefined) lines.push(`Dataset id: ${summary.datasetId}`);
  if (summary.report !== undefined) lines.push(`Report: "${summary.report}"`);
  for (const note of summary.notes ?? []) lines.push(`Note: ${inertText(note)}`);
  const listed = { summary, maxListed };
  return [
    ...lines,
    ...listedLines(listed, "failures", (failure) => failureReason(failure, options.hintOf)),
    ...listedLines(listed, "warnings", (warned) => warned.warning ?? ""),
  ];
}

const LIST_WORDS = {
  failures: { kind: "failed", more: "failed tasks" },
  warnings: { kind: "warning", more: "tasks with warnings" },
} as const;

/** One line per task of a summary's list, up to `maxListed`, then how many more. */
function listedLines(
  { summary, maxListed }: { summary: ExportSummary; maxListed: number },
  list: "failures" | "warnings",
  textOf: (outcome: TaskOutcome) => string,
): string[] {
  const { kind, more } = LIST_WORDS[list];
  const lines = (summary[list] ?? []).slice(0, maxListed).map((outcome) =>
    `  ${kind}: ${inertText(JSON.stringify(outcome.taskName))} (${inertText(outcome.taskId)}): ` +
    inertText(textOf(outcome))
  );
  const count = listedTaskCount(summary, list);
  if (count > maxListed) lines.push(`  ... and ${count - maxListed} more ${more}`);
  return lines;
}

/** Each split's file and counts, and what a kept class map changed. */
function datasetLines(summary: ExportSummary): string[] {
  const lines: string[] = [];
  if (summary.splitFiles) lines.push("Files by split:");
  for (const [split, file] of Object.entries(summary.splitFiles ?? {})) {
    lines.push(`  ${split}: "${file}"`);
  }
  if (summary.splits) {
    lines.push(
      "Splits:",
      ...splitShares(summary.splits).map((split) => `  ${inertText(splitLine(split))}`),
    );
  }
  const classMap = summary.classMap;
  if (classMap?.changed) {
    const news = classMap.added.length ? `; new: ${classMap.added.join(", ")}` : "";
    const gone = classMap.reserved.length ? `; reserved: ${classMap.reserved.join(", ")}` : "";
    lines.push(
      inertText(
        `The labels changed since the class map "${classMap.from}": every earlier label keeps ` +
          `its index${news}${gone}`,
      ),
    );
  }
  return lines;
}
