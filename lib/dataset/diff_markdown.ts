/**
 * An export diff as Markdown, for a job summary or a pull request comment.
 *
 * @module
 */

import type { ExportDiff, LabelDiff } from "./diff_exports.ts";

/** How many tasks of each kind the Markdown lists, at most. */
const LISTED = 50;

/**
 * Renders a diff as Markdown: the counts, a table of the changed (then added and removed) tasks,
 * and a table of the labels whose counts changed.
 *
 * @param diff The diff.
 * @returns The Markdown text.
 *
 * @example
 * ```ts
 * import { diffMarkdown } from "@lab/masks/dataset";
 *
 * const text = diffMarkdown({
 *   old: "a", new: "b", maskFormat: "rgb", datasetIds: [undefined, undefined],
 *   added: [], removed: [], changed: [], unchanged: 3, labels: [],
 * });
 * console.log(text.includes("3 unchanged")); // true
 * ```
 */
export function diffMarkdown(diff: ExportDiff): string {
  const lines = [
    `### Changes since \`${cell(diff.old)}\``,
    "",
    `${counts(diff)}.`,
  ];
  const rows = [
    ...diff.changed.map((task) =>
      `| changed | ${cell(task.name)} | \`${cell(task.taskId)}\` | ${task.changedPixels} | ` +
      `${task.labelsGained.map(cell).join(", ")} | ${task.labelsLost.map(cell).join(", ")} |`
    ),
    ...diff.added.map((task) => `| added | ${cell(task.name)} | \`${cell(task.taskId)}\` | | | |`),
    ...diff.removed.map((task) =>
      `| removed | ${cell(task.name)} | \`${cell(task.taskId)}\` | | | |`
    ),
  ];
  if (rows.length > 0) {
    lines.push(
      "",
      "| | Task | Id | Changed pixels | Labels gained | Labels lost |",
      "|---|---|---|--:|---|---|",
    );
    lines.push(...rows.slice(0, LISTED));
    if (rows.length > LISTED) lines.push("", `… and ${rows.length - LISTED} more.`);
  }
  if (diff.refused !== undefined) {
    lines.push("", "Not read (never followed; their pixels are not counted):");
    for (const file of diff.refused) {
      lines.push(`- \`${cell(file.path)}\` in \`${cell(file.folder)}\`: ${cell(file.detail)}`);
    }
  }
  const labels = diff.labels.filter(labelChanged);
  if (labels.length > 0) {
    lines.push("", "| Label | Tasks | Instances | Pixel share |", "|---|--:|--:|--:|");
    for (const label of labels) {
      lines.push(
        `| ${cell(label.id)} | ${change(label.tasks)} | ${change(label.instances)} | ` +
          `${label.pixelShare ? shareChange(label.pixelShare) : ""} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The counts of a diff in words: `1 added, 0 removed, 2 changed, 40 unchanged`.
 *
 * @param diff The diff.
 * @returns The words.
 *
 * @example
 * ```ts
 * import { diffCounts } from "@lab/masks/dataset";
 *
 * console.log(diffCounts({ added: [], removed: [], changed: [], unchanged: 2 })); // "0 added, 0 removed, 0 changed, 2 unchanged"
 * ```
 */
export function diffCounts(
  diff: Pick<ExportDiff, "added" | "removed" | "changed" | "unchanged">,
): string {
  return `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} ` +
    `changed, ${diff.unchanged} unchanged`;
}

function counts(diff: ExportDiff): string {
  return `Tasks: ${diffCounts(diff)}`;
}

/**
 * A count's change, `old → new (±d)`.
 *
 * @param pair The old and new counts.
 * @returns The words.
 *
 * @example
 * ```ts
 * import { change } from "@lab/masks/dataset";
 *
 * console.log(change([3, 5])); // "3 → 5 (+2)"
 * ```
 */
export function change([before, after]: [number, number]): string {
  const delta = after - before;
  return `${before} → ${after} (${delta >= 0 ? "+" : ""}${delta})`;
}

/** Text safe in a Markdown table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[|\\`<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Whether a label's counts or pixel share differ between the two exports.
 *
 * @param label The label's counts.
 * @returns `true` when anything changed.
 *
 * @example
 * ```ts
 * import { labelChanged } from "@lab/masks/dataset";
 *
 * console.log(labelChanged({ id: "car", tasks: [1, 1], instances: [2, 3] })); // true
 * ```
 */
export function labelChanged(label: LabelDiff): boolean {
  const share = label.pixelShare;
  return label.tasks[0] !== label.tasks[1] || label.instances[0] !== label.instances[1] ||
    (share !== undefined && Math.abs(share[0] - share[1]) >= 0.0005);
}

/**
 * A pixel share's change in percent, `75.0% → 70.0% (-5.0 points)`.
 *
 * @param pair The old and new shares, from 0 to 1.
 * @returns The words.
 *
 * @example
 * ```ts
 * import { shareChange } from "@lab/masks/dataset";
 *
 * console.log(shareChange([0.75, 0.7])); // "75.0% → 70.0% (-5.0 points)"
 * ```
 */
export function shareChange([before, after]: [number, number]): string {
  const delta = (after - before) * 100;
  return `${(before * 100).toFixed(1)}% → ${(after * 100).toFixed(1)}% ` +
    `(${delta >= 0 ? "+" : ""}${delta.toFixed(1)} points)`;
}
