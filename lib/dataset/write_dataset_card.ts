/**
 * Writes an export's dataset card through the folder's file door: `README.md`, `id2label.json`
 * and `croissant.json`.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { ClassTable } from "../detect/class_table.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import type { LabelStatistics } from "../model/label_statistics.ts";
import { cardReadme } from "./card_readme.ts";
import type { DatasetCardTally } from "./dataset_card_tally.ts";
import { croissantJson } from "./croissant_json.ts";
import { id2labelJson } from "./id2label.ts";

/** The card's file names. */
export const CARD_FILES: readonly string[] = ["README.md", "id2label.json", "croissant.json"];

/** What the card is written from. */
export interface DatasetCardFacts {
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
  /** The manifest's entries, gathered. */
  tally: DatasetCardTally;
  /**
   * The report's label statistics: their estimated pixel shares stand in when some exported
   * entry has no `labelPixels` (kept from a run without a card, or masks recoloured).
   */
  labels?: readonly LabelStatistics[];
  /** The dataset id. */
  datasetId?: string;
  /** The tool, e.g. `@lab/masks 0.1.0`. */
  tool: string;
}

/**
 * Writes the card's three files, each whole or not at all.
 *
 * @param files The export folder's file door.
 * @param facts What the card says.
 * @returns The files written, with their SHA-256, for `export.json`.
 *
 * @example
 * ```ts ignore
 * const written = await writeDatasetCard(folder.files, facts);
 * console.log(written.map((file) => file.path)); // ["README.md", "id2label.json", "croissant.json"]
 * ```
 */
export async function writeDatasetCard(
  files: ExportFolderFs,
  facts: DatasetCardFacts,
): Promise<{ path: string; sha256: string }[]> {
  const { counts } = facts.tally;
  const pixelShares = facts.tally.pixelShares() ??
    (facts.labels && new Map(facts.labels.map((label) => [label.id, label.pixelShare])));
  const texts = [
    cardReadme({ ...facts, counts, pixelShares }),
    id2labelJson(facts.table),
    croissantJson({ ...facts, entries: [{ files: facts.tally.files() }] }),
  ];
  const written = [];
  for (const [i, path] of CARD_FILES.entries()) {
    const bytes = new TextEncoder().encode(texts[i]);
    await files.writeFile(path, bytes);
    written.push({ path, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  return written;
}
