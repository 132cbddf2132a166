/**
 * The end of a mask export whose folder exists: its identity from the complete manifest, the
 * report, the dataset card when asked, and `export.json` last.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";
import { exportIdentity } from "../dataset/export_identity.ts";
import { CARD_FILES, writeDatasetCard } from "../dataset/write_dataset_card.ts";
import { DatasetCardTally } from "../dataset/dataset_card_tally.ts";
import type { ExportReport } from "../report/export_report.ts";
import type { ExportFolder } from "./_export_folder.ts";
import type { ExportPlan } from "./_export_plan.ts";
import type { ExportMetadata } from "../model/export_metadata.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import { labelmapJson } from "./labelmap.ts";
import { MANIFEST_NAME, type ManifestEntry } from "../model/manifest.ts";
import { DatasetLines } from "../dataset/dataset_lines.ts";
import { ExclusiveReads } from "./_exclusive_reads.ts";
import { fileLineChunks } from "./_file_lines.ts";
import { parsedLines } from "./_parsed_lines.ts";
import type { Shard } from "../model/shard.ts";

/** What the end of an export needs. */
export interface FinishParts {
  /** `export.json` as the plan has it, which the identity and the card's files complete. */
  metadata: ExportMetadata;
  plan: ExportPlan;
  table: ClassTable;
  configuration: unknown;
  summary: ExportSummary;
  report?: ExportReport;
  shard?: Shard;
  card?: boolean;
}

/** Writes what follows the masks: report, card, `export.json`; sets the summary's dataset id. */
export async function finishExport(folder: ExportFolder, parts: FinishParts): Promise<void> {
  const { plan, table, summary } = parts;
  const { projectId, startedAt, maskFormat, filters } = plan;
  const { lines, tally } = await datasetFacts(folder, parts.card ?? false);
  const identity = exportIdentity(lines, {
    labelmap: labelmapJson(table),
    configuration: parts.configuration,
  });
  if (identity.datasetId !== undefined) summary.datasetId = identity.datasetId;
  if (parts.report) {
    await folder.writeReport(
      parts.report,
      { projectId, filters, shard: parts.shard, startedAt },
      summary,
    );
  }
  // A card an earlier run wrote and this one does not is removed with its record.
  if (!parts.card) await removeEarlierCard(folder);
  const own = tally
    ? await writeDatasetCard(folder.files, {
      projectId,
      startedAt: startedAt.toISOString(),
      filters: { ...filters },
      maskFormat,
      table,
      tally,
      labels: summary.labels,
      datasetId: identity.datasetId,
      tool: identity.tool,
    })
    : [];
  await folder.writeMetadata({
    ...parts.metadata,
    ...identity,
    ...(own.length > 0 ? { files: own } : {}),
  });
}

/**
 * The dataset lines of the complete manifest, and the card's tally when asked: gathered as the
 * manifest was written when the folder did (an update of 100,000 entries reads them no more), else
 * read from it as a stream (parsed whole, 100,000 entries held about 100 MB at once).
 */
async function datasetFacts(folder: ExportFolder, card: boolean) {
  if (folder.datasetLines && !card) return { lines: folder.datasetLines, tally: undefined };
  const lines = new DatasetLines();
  const tally = card ? new DatasetCardTally() : undefined;
  for await (const entry of manifestEntries(folder.files)) {
    lines.add(entry);
    tally?.add(entry);
  }
  return { lines, tally };
}

/** Removes the card files an earlier run of this folder recorded in its `export.json`. */
async function removeEarlierCard(folder: ExportFolder): Promise<void> {
  if (folder.mode !== "resume" && folder.mode !== "incremental") return;
  const earlier = await folder.readMetadata();
  for (const file of earlier?.files ?? []) {
    if (CARD_FILES.includes(file.path)) await folder.files.remove(file.path).catch(() => {});
  }
}

/**
 * The entries of the export's manifest, read a chunk at a time and parsed many lines at once; a
 * line cut short ends them.
 */
async function* manifestEntries(files: ExportFolder["files"]): AsyncGenerator<ManifestEntry> {
  // Read as an earlier manifest is read (synchronously), and closed however the reading ends.
  using file = new ExclusiveReads(await files.openFile(MANIFEST_NAME));
  const options = {
    source: { path: MANIFEST_NAME, setting: "outputFilename" },
    decoder: new TextDecoder(),
    written: false,
  };
  const read = (position: number, chunk: Uint8Array) => file.readAt(position, chunk);
  for await (const lines of fileLineChunks(read)) {
    for (const parsed of parsedLines(lines, options)) {
      if (parsed === null) return;
      yield parsed.entry;
    }
  }
}
