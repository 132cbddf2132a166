/**
 * The dataset card's `README.md`: what was exported, how, the classes, the splits, the identity
 * and how to load it.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";
import type { ClassCounts } from "./class_counts.ts";

/** What the card says. */
export interface CardFacts {
  /** The lab project id. */
  projectId: string;
  /** When the export started (ISO 8601). */
  startedAt: string;
  /** The task filters, as given. */
  filters: Record<string, unknown>;
  /** The mask format. */
  maskFormat: string;
  /** The classes. */
  table: ClassTable;
  /** The manifest's counts. */
  counts: ClassCounts;
  /**
   * Per label id, its share of the labelled pixels (0 to 1): counted as the masks were written,
   * or estimated by the report.
   */
  pixelShares?: ReadonlyMap<string, number>;
  /** The dataset id. */
  datasetId?: string;
  /** The tool, e.g. `@lab/masks 0.1.0`. */
  tool: string;
}

/**
 * The text of the card's `README.md`.
 *
 * @param facts What the card says.
 * @returns The Markdown text.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { cardReadme, classCounts } from "@lab/masks/dataset";
 *
 * const text = cardReadme({
 *   projectId: "p1", startedAt: "2026-01-01T00:00:00.000Z", filters: {}, maskFormat: "class-index",
 *   table: classTable([{ id: "car", name: "Car", bChannel: 1 }]), counts: classCounts([]),
 *   tool: "@lab/masks 0.1.0",
 * });
 * console.log(text.startsWith("# p1")); // true
 * ```
 */
export function cardReadme(facts: CardFacts): string {
  const { counts } = facts;
  const filters = Object.keys(facts.filters).length === 0
    ? "none"
    : code(JSON.stringify(facts.filters));
  const lines = [
    `# ${oneLine(facts.projectId)}: segmentation masks`,
    "",
    `Exported by ${facts.tool} from the lab project ${code(facts.projectId)}, started ` +
    `${facts.startedAt}.`,
    "",
    `- Mask format: ${code(facts.maskFormat)}`,
    `- Filters: ${filters}`,
    `- Tasks exported: ${counts.exported}`,
    `- Dataset id: ${facts.datasetId ? code(facts.datasetId) : "none"} (the SHA-256 over every ` +
    "mask's pixels and the class map: equal for two exports of the same pixels)",
    "",
    "## Classes",
    "",
    "| Index | Label | Name | Colour | Tasks | Instances | Pixel share |",
    "|--:|---|---|---|--:|--:|--:|",
    "| 0 | background | | `#000000` | | | |",
    ...facts.table.classes.map((entry) => {
      const share = facts.pixelShares?.get(entry.id);
      return `| ${entry.index} | ${cell(entry.id)} | ${cell(entry.name)} | \`${
        hex(entry.colour)
      }\` | ` +
        `${counts.tasks.get(entry.id) ?? 0} | ${counts.instances.get(entry.id) ?? 0} | ` +
        `${share === undefined ? "" : `${(share * 100).toFixed(1)}%`} |`;
    }),
  ];
  if (!facts.pixelShares) {
    lines.push(
      "",
      "Pixel shares are counted as each mask is written with the card; some tasks were kept from " +
        "a run without it, or recoloured by a semantic mapping (a run with `--report` estimates them).",
    );
  }
  if (counts.splits.size > 0) {
    lines.push("", "## Splits", "", "| Split | Tasks |", "|---|--:|");
    for (const [split, tasks] of [...counts.splits].sort()) {
      lines.push(`| ${cell(split)} | ${tasks} |`);
    }
  }
  lines.push(
    "",
    "## Files",
    "",
    ...FILES,
    "",
    "## Load it in Python",
    "",
    ...python(facts.maskFormat),
  );
  return `${lines.join("\n")}\n`;
}

const FILES = [
  "- `manifest.jsonl`: one line per task: its files, with `sha256` (bytes) and `pixelSha256` " +
  "(decoded pixels), its labels and instances.",
  "- `export.json`: how the export was made, and its `datasetId`.",
  "- `id2label.json`: class index to label (the Hugging Face convention).",
  "- `croissant.json`: Croissant 1.0 metadata.",
  "- Check the folder with `lab-masks verify <folder>`.",
];

function python(maskFormat: string): string[] {
  const indexed = maskFormat === "class-index" || maskFormat === "palette";
  return [
    "```python",
    "import json",
    "from pathlib import Path",
    "",
    "import numpy as np",
    "from PIL import Image",
    "",
    'root = Path(".")',
    'id2label = {int(k): v for k, v in json.loads((root / "id2label.json").read_text()).items()}',
    'for line in (root / "manifest.jsonl").read_text().splitlines():',
    "    entry = json.loads(line)",
    '    if entry["outcome"] != "exported":',
    "        continue",
    '    mask = np.array(Image.open(root / entry["files"][0]["path"]))',
    indexed
      ? '    print(entry["name"], [id2label.get(int(i), "ignore") for i in np.unique(mask)])'
      : '    print(entry["name"], mask.shape, entry.get("labels", []))',
    "```",
  ];
}

function hex(colour: readonly number[]): string {
  return `#${colour.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

function code(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'")}\``;
}

function cell(text: string): string {
  return oneLine(text).replace(/[|\\`<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
}
