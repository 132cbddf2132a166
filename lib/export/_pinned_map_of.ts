import type { ClassTable } from "../detect/class_table.ts";
import type { PinnedClassMap } from "../detect/pinned_class_map.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import type { ExportMasksOptions } from "./export_masks.ts";
import type { FolderMode } from "./_folder_preparation.ts";
import { classMapOfBytes, LABELMAP_JSON, readClassMap } from "./read_class_map.ts";
import { join } from "../_std/path.ts";

/**
 * The class map an export keeps, read before any task request: an update (`incremental`,
 * `resume`) keeps its own folder's `labelmap.json` without being asked, so one folder never
 * mixes two numberings; otherwise `labelmapFrom`, if given.
 */
export async function pinnedMapOf(
  options: Pick<ExportMasksOptions, "labelmapFrom" | "allowRemovedLabels" | "fileSystem">,
  mode: FolderMode,
  files: ExportFolderFs,
): Promise<PinnedClassMap | undefined> {
  if (mode === "incremental" || mode === "resume") {
    if (options.labelmapFrom !== undefined) {
      throw new ConfigError(
        settingMessage`${mention(mode)} keeps the class map of the export it updates; leave out ${
          mention("labelmapFrom")
        }`,
        { setting: "labelmapFrom" },
      );
    }
    return await readOwnClassMap(files, mode);
  }
  if (options.labelmapFrom === undefined) {
    if (options.allowRemovedLabels) {
      throw new ConfigError(
        settingMessage`${mention("allowRemovedLabels")} has no effect without ${
          mention("labelmapFrom")
        } (or ${mention("incremental")}): add the earlier export's class map, or leave it out`,
        { setting: "allowRemovedLabels" },
      );
    }
    return undefined;
  }
  return await readClassMap(options.labelmapFrom, { fileSystem: options.fileSystem });
}

/**
 * An export folder's own class map, for a run that updates it, read through its file door (a link
 * is refused); `undefined` when it has none (its masks have no class indices).
 */
async function readOwnClassMap(
  files: ExportFolderFs,
  setting: string,
): Promise<PinnedClassMap | undefined> {
  if (!await files.exists(LABELMAP_JSON)) return undefined;
  const source = join(files.root, LABELMAP_JSON);
  const bytes = await files.readFile(LABELMAP_JSON).catch((error) => {
    throw new ConfigError(`The class map "${source}" cannot be read: ${error}`, {
      setting,
      cause: error,
    });
  });
  return classMapOfBytes(bytes, { source, setting });
}

/**
 * What a kept class map did, for the summary: the labels it did not have, those the configuration
 * lost, and whether the labels changed since the map was written (some added, or newly lost).
 */
export function classMapNote(
  table: ClassTable,
  pinned: PinnedClassMap,
): NonNullable<ExportSummary["classMap"]> {
  const pinnedIds = new Set(pinned.classes.map((entry) => entry.id));
  const added = table.classes.filter((entry) => !pinnedIds.has(entry.id)).map((entry) => entry.id);
  const lost = table.reserved.filter((entry) =>
    !pinned.classes.find((earlier) => earlier.id === entry.id)?.removed
  );
  return {
    from: pinned.source,
    added,
    reserved: table.reserved.map((entry) => entry.id),
    changed: added.length > 0 || lost.length > 0,
  };
}
