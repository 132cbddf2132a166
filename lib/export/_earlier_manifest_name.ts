import { ConfigError, UnsafePathError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { fileOnTheWay } from "../model/export_folders.ts";
import { MANIFEST_NAME, PARTIAL_MANIFEST_NAME } from "../model/manifest.ts";

/**
 * The manifest a resumed or updated export reads in its folder (a resume takes a killed run's
 * partial manifest first); a folder that is not there or holds none is refused, naming what to
 * give instead. Cheap (two checks of a name): the export asks it before walking the folder.
 */
export async function earlierManifestName(
  files: ExportFolderFs,
  mode: "resume" | "incremental",
): Promise<string> {
  const folder = files.root;
  const root = await files.rootInfo();
  if (root === undefined) throw noSuchFolder(folder, mode);
  if (!root.isDirectory) throw fileOnTheWay(folder, []);
  if (mode === "incremental") {
    if (await there(files, MANIFEST_NAME)) return MANIFEST_NAME;
    throw new ConfigError(
      `Cannot update "${folder}" incrementally: it holds no complete export (no ${MANIFEST_NAME}); ` +
        `run a full export into it first`,
      { setting: "incremental" },
    );
  }
  for (const name of [PARTIAL_MANIFEST_NAME, MANIFEST_NAME]) {
    if (await there(files, name)) return name;
  }
  throw new ConfigError(
    settingMessage`Cannot resume "${folder}": it holds no export manifest; give the ${
      mention("outputFolder")
    } and ${mention("outputFilename")} of the interrupted export`,
    { setting: "resume" },
  );
}

/**
 * Whether something is at `name`; a link there counts, so that the walk over the folder refuses
 * it with every other entry an export never writes, in one message.
 */
async function there(files: ExportFolderFs, name: string): Promise<boolean> {
  try {
    return await files.exists(name);
  } catch (error) {
    if (error instanceof UnsafePathError) return true;
    throw error;
  }
}

/** A resumed or updated export's folder is not there: nothing to finish or update. */
function noSuchFolder(folder: string, mode: "resume" | "incremental"): ConfigError {
  const message = mode === "resume"
    ? settingMessage`Cannot resume "${folder}": there is no such folder; give the ${
      mention("outputFolder")
    } and ${mention("outputFilename")} of the interrupted export`
    : settingMessage`Cannot update "${folder}" incrementally: there is no such folder; give ${
      mention("incremental")
    } the folder of an earlier export or its ${MANIFEST_NAME}`;
  return new ConfigError(message, { setting: mode });
}
