import type { TaskSource } from "../api/task_source.ts";
import { formatLabDate, parseLabDate } from "../api/lab_date.ts";
import type { TaskFilters } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import type { PreparedFolder } from "./_folder_preparation.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import type { ManifestEntry } from "../model/manifest.ts";
import type { EarlierManifest } from "./_earlier_manifest.ts";
import { eachTask } from "./_task_loop.ts";
import { PIXEL_FORM } from "../png/pixel_digest.ts";

// Tasks updated this long before the earlier export started are asked again: clocks differ, and
// a task updated while that export ran may have been read before its update.
const CLOCK_MARGIN_MS = 10 * 60 * 1000;

/**
 * The filters of an incremental run: the user's, plus "updated at or after" the earlier export's
 * start (less a margin). Settings that shape files must be those of the earlier export.
 */
export function incrementalFilters(
  filters: TaskFilters,
  prepared: PreparedFolder,
  maskFormat: string,
  settings: Record<string, unknown>,
): TaskFilters {
  const metadata = prepared.metadata;
  if (!metadata) {
    throw new ConfigError(
      "Cannot update this export incrementally: it has no export.json (it was not made by " +
        "@lab/masks, or is from an older version); run a full export",
      { setting: "incremental" },
    );
  }
  // Its masks' identities would mix two forms: the dataset id and `verify` would mean nothing.
  const form = typeof metadata.pixelForm === "string" ? metadata.pixelForm : "lab-masks-pixels/1";
  if (metadata.datasetId !== undefined && form !== PIXEL_FORM) {
    throw new ConfigError(
      `Cannot update this export incrementally: it identifies its masks' pixels as ${
        inertText(form)
      }, and ` +
        `this version of lab-masks computes ${PIXEL_FORM}; run a full export`,
      { setting: "incremental" },
    );
  }
  const earlier: Record<string, unknown> = {
    maskFormat: metadata.maskFormat,
    ...metadata.settings,
  };
  const now: Record<string, unknown> = { maskFormat, ...settings };
  for (const key of Object.keys(now)) {
    if (JSON.stringify(earlier[key] ?? null) !== JSON.stringify(now[key] ?? null)) {
      throw new ConfigError(
        `Cannot update this export incrementally with another ${key}: it was made with ` +
          `${JSON.stringify(earlier[key] ?? null)}, this run asks ${
            JSON.stringify(now[key] ?? null)
          }; ` +
          "leave it out to keep the earlier export's, or run a full export",
        { setting: "incremental" },
      );
    }
  }
  // One reading of dates for the watermark and the user's filter: UTC without an offset.
  const since = parseLabDate(metadata.startedAt) - CLOCK_MARGIN_MS;
  const given = filters.updatedAtGte === undefined ? NaN : parseLabDate(filters.updatedAtGte);
  const watermark = Number.isNaN(given) || given < since
    ? formatLabDate(since)
    : filters.updatedAtGte;
  return { ...filters, updatedAtGte: watermark };
}

/** The outcome of an earlier task removed from the export. */
const REMOVED_OUTCOME = "removed: no longer matches the filters";

/**
 * Tasks of the earlier export that did not come back, were updated since and no longer match the
 * filters: their files are deleted and the earlier manifest marks them removed. Without filters
 * beyond dates, every updated task matches, so none is asked. A dry run (no `files`) deletes
 * nothing and only counts them.
 *
 * @returns How many tasks were removed (or would be, in a dry run).
 */
export async function removeLeftTasks(
  client: TaskSource,
  query: { projectId: string; filters: TaskFilters; userFilters: TaskFilters },
  earlier: EarlierManifest,
  files: ExportFolderFs | undefined,
): Promise<number> {
  const { projectId, filters, userFilters } = query;
  const narrowing = Object.keys(userFilters).some((key) => !/^(created|updated)At/.test(key));
  if (!narrowing || !earlier.hasLeft()) return 0;
  let removed = 0;
  const updated = { updatedAtGte: filters.updatedAtGte, optionalFields: filters.optionalFields };
  for await (const { task } of eachTask({ client, projectId, filters: updated })) {
    const entry = await earlier.left(String(task._id));
    if (!entry) continue;
    for (const file of entry.files) {
      if (files) await files.remove(file.path).catch(() => {});
    }
    await earlier.markRemoved(entry.taskId);
    removed++;
  }
  return removed;
}

/**
 * The manifest entry of a task removed from the export: its files are gone.
 *
 * @param entry Its earlier entry.
 * @returns The entry to write.
 */
export function removedEntry(entry: ManifestEntry): ManifestEntry {
  return { ...entry, outcome: REMOVED_OUTCOME, files: [] };
}
