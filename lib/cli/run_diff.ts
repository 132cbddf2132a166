/**
 * The `diff` command: what changed between two exports.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import { diffExports, type ExportDiff } from "../dataset/diff_exports.ts";
import { change, diffCounts, labelChanged, shareChange } from "../dataset/diff_markdown.ts";
import { commandArgs } from "./command_args.ts";
import type { CommandIo } from "./run_verify.ts";

/** The `diff` command's help. */
export const DIFF_HELP =
  `Compare two exports of a project: tasks added, removed, changed (with the number of changed
pixels and the labels gained or lost) and unchanged; per label, its tasks, instances and share
of the labelled pixels in each.

Usage:
  lab-masks diff <old export> <new export> [--json] [--fail-over N]

Options:
  --json           print the differences as JSON on stdout
  --fail-over N    exit with 1 when more than N tasks changed (their masks' pixels differ)
  -h, --help       show this help

A file a manifest lists that is a symbolic link, a FIFO or another non-regular file is named
and never read (nor followed); its pixels are not counted.

Exit codes:
  0  compared (or no more than N tasks changed, with --fail-over)
  1  more than N tasks changed (with --fail-over), or a listed file was not read
  2  not comparable: a folder is not an export, or the mask formats differ; or a usage error
`;

/**
 * Runs `diff` with its arguments.
 *
 * @param args The arguments after `diff`.
 * @param io Where to write.
 * @returns The exit code: 0, or 1 when more than `--fail-over` tasks changed or a listed file
 * was not read (a link or another non-regular file).
 * @throws {ConfigError} on a usage error, or when the exports cannot be compared.
 *
 * @example
 * ```ts ignore
 * const code = await runDiff(["./old", "./new", "--fail-over", "10"], { stdout: console.log });
 * ```
 */
export async function runDiff(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = commandArgs(args, {
    command: "diff",
    flags: ["json"],
    valued: ["fail-over"],
    operands: 2,
  });
  if (parsed.help) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const failOver = failOverOf(parsed.values.get("fail-over"));
  if (parsed.operands.length < 2) {
    throw new ConfigError(
      `"diff" needs two export folders, the old then the new; see "diff --help"`,
    );
  }
  const [old, now] = parsed.operands;
  const diff = await diffExports(old, now);
  io.stdout(parsed.flags.has("json") ? `${JSON.stringify(diff, null, 2)}\n` : diffText(diff));
  if (diff.refused !== undefined) return 1;
  return failOver !== undefined && diff.changed.length > failOver ? 1 : 0;
}

function failOverOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    throw new ConfigError(
      `Option "--fail-over" of "diff" takes a whole number of tasks, not ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}

/** The differences as lines of text. */
function diffText(diff: ExportDiff): string {
  const lines = [`Compared ${name(diff.old)} with ${name(diff.new)} (${diff.maskFormat} masks)`];
  const [before, after] = diff.datasetIds;
  if (before !== undefined || after !== undefined) {
    lines.push(`Dataset id: ${before ?? "none"} → ${after ?? "none"}`);
  }
  lines.push(`Tasks: ${diffCounts(diff)}`);
  for (const task of diff.changed) {
    const labels = [
      task.labelsGained.length ? `gained ${task.labelsGained.map(name).join(", ")}` : "",
      task.labelsLost.length ? `lost ${task.labelsLost.map(name).join(", ")}` : "",
    ].filter(Boolean).join("; ");
    lines.push(
      `  changed: ${name(task.name)} (${inertText(task.taskId)}): ${task.changedPixels} pixels` +
        (labels ? `; labels ${labels}` : ""),
    );
  }
  for (const task of diff.added) {
    lines.push(`  added: ${name(task.name)} (${inertText(task.taskId)})`);
  }
  for (const task of diff.removed) {
    lines.push(`  removed: ${name(task.name)} (${inertText(task.taskId)})`);
  }
  for (const file of diff.refused ?? []) {
    lines.push(`  not read: ${name(file.path)} in ${name(file.folder)} (${file.detail})`);
  }
  const labels = diff.labels.filter(labelChanged);
  if (labels.length > 0) lines.push("Labels:");
  for (const label of labels) {
    lines.push(
      `  ${name(label.id)}: tasks ${change(label.tasks)}, instances ${change(label.instances)}` +
        (label.pixelShare ? `, pixel share ${shareChange(label.pixelShare)}` : ""),
    );
  }
  return `${lines.join("\n")}\n`;
}

function name(text: string): string {
  return inertText(JSON.stringify(text));
}
