/**
 * An incremental run needs only the folder: what the earlier export was made with (its
 * `export.json`) fills every setting the run leaves out.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { resolve } from "../_std/path.ts";
import type { ExportMasksOptions } from "./export_masks.ts";
import { ExportFolderFs } from "../model/export_folder_fs.ts";
import { METADATA_NAME, readMetadata } from "./_folder_preparation.ts";
import { checkExportOptionTypes } from "./_export_option_types.ts";
import { checkTaskFilterTypes } from "../api/validate_task_filters.ts";
import type { TaskFilters } from "../api/types.ts";
import { earlierManifestName } from "./_earlier_manifest_name.ts";

/**
 * The settings `export.json` records as the options read them, which an incremental run takes
 * when they are left out (the split, recorded as its plan, is read apart).
 */
const RECORDED = [
  "inputId",
  "replaceExtension",
  "semanticMapping",
  "ignoreIndex",
  "filters",
  "shard",
];

/**
 * The folder an incremental run updates: the one named, or the folder of the named
 * `manifest.jsonl`.
 */
export function incrementalFolder(incremental: string): string {
  const target = resolve(incremental);
  return target.endsWith(".jsonl") ? resolve(target, "..") : target;
}

/**
 * The options of an incremental run with what it leaves out taken from the earlier export's
 * `export.json`: the project id, the mask format, the input, the naming, the mapping, the ignore
 * index, the filters, the shard and the split with its seed. A setting left at its default (`false`, no filters) counts as
 * left out. Given settings stay as given; `incrementalFilters` refuses those that conflict. Other
 * runs, and folders without `export.json` (refused later, with the reason), keep their options.
 *
 * @throws {ConfigError} when the folder is not there or holds no export, or the given project id
 * is not the earlier export's.
 */
export async function withEarlierSettings(
  options: ExportMasksOptions,
): Promise<ExportMasksOptions> {
  if (options.incremental === undefined) return options;
  const files = new ExportFolderFs(incrementalFolder(options.incremental), {
    fileSystem: options.fileSystem,
  });
  // A folder that is not there, or holds no export, is refused now: before its settings, the
  // project id it would have given is missing too.
  await earlierManifestName(files, "incremental");
  const metadata = await readMetadata(files);
  if (metadata === undefined) return options;
  const filled: Record<string, unknown> = { ...options };
  const given = options.projectId?.trim();
  if (given && given !== metadata.projectId) {
    throw new ConfigError(
      settingMessage`Cannot update the export of project "${metadata.projectId}" with ${
        mention("projectId")
      } "${given}"; leave it out, or run a full export of "${given}"`,
      { setting: "projectId" },
    );
  }
  filled.projectId = metadata.projectId;
  if (options.maskFormat === undefined) filled.maskFormat = metadata.maskFormat;
  for (const key of RECORDED) {
    const recorded = metadata.settings[key];
    if (recorded !== undefined && recorded !== null && isLeftOut(filled[key])) {
      filled[key] = recorded;
    }
  }
  // The split is recorded as its plan: its parts, and the seed of its hash.
  const split = metadata.settings.split as { parts?: unknown; seed?: unknown } | undefined;
  if (split?.parts !== undefined && filled.split === undefined) {
    filled.split = split.parts;
    filled.splitSeed ??= split.seed;
  }
  checkRecordedTypes(filled, files.root);
  return filled as unknown as ExportMasksOptions;
}

/**
 * The settings taken from `export.json` have the types the options take: a changed file is
 * refused by name, not taken as true (`"yes"`) or failing inside (the caller's own options were
 * checked before).
 */
function checkRecordedTypes(filled: Record<string, unknown>, folder: string): void {
  try {
    checkExportOptionTypes(filled);
    if (typeof filled.filters === "object") checkTaskFilterTypes(filled.filters as TaskFilters);
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    throw new ConfigError(
      settingMessage`Cannot update "${folder}": its ${METADATA_NAME} records a setting this tool does not write (${
        error.message.replace(/^options\./, "")
      }); it was changed since the export: run a full export, or give ${
        mention("incremental")
      } another export`,
      { setting: "incremental", cause: error },
    );
  }
}

/** Whether a setting was left out: absent, `false`, or filters without any. */
function isLeftOut(value: unknown): boolean {
  if (value === undefined || value === false) return true;
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.keys(value).length === 0;
}
