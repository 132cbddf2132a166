import { FOLDER_LOCK_NAME } from "../model/folder_lock.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { basename, dirname, join } from "../_std/path.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { earlierManifestName } from "./_earlier_manifest_name.ts";
import { EarlierManifest, type EarlierReading } from "./_earlier_manifest.ts";
import { MANIFEST_NAME, type ManifestEntry } from "../model/manifest.ts";
import { type ExportMetadata, METADATA_NAME } from "../model/export_metadata.ts";

/** How an export treats its folder. */
export type FolderMode = "new" | "overwrite" | "resume" | "incremental";

export { type ExportMetadata, METADATA_NAME };

/** An export folder made ready: what an earlier export left in it. */
export interface PreparedFolder {
  /** The earlier export's manifest (resume, incremental), else one without entries; open until
   * the export closes it. */
  previous: EarlierManifest;
  /** The earlier export's `export.json` (incremental), if any. */
  metadata?: ExportMetadata;
}

/**
 * Checks an export folder for a mode before any request: a new export needs a free name (as the
 * SDK); `overwrite` clears an earlier export; `resume` and `incremental` read what an earlier
 * export left (through the folder's file door: a planted link is refused).
 */
export async function prepareExportFolder(
  files: ExportFolderFs,
  mode: FolderMode,
  onEarlierEntry?: (entry: ManifestEntry) => void,
  options: Omit<EarlierReading, "meanwhile"> = {},
): Promise<PreparedFolder> {
  const folder = files.root;
  await checkParents(files);
  const present = await files.rootExists();
  if (mode === "new") {
    if (!present) return { previous: EarlierManifest.none() };
    throw alreadyExists(folder);
  }
  if (mode === "overwrite") {
    if (present) await clearExport(files);
    return { previous: EarlierManifest.none() };
  }
  const manifest = await earlierManifestName(files, mode);
  if (mode === "resume") {
    return { previous: await EarlierManifest.read(files, manifest, "resume", onEarlierEntry) };
  }
  // Its lines are read while the update asks its first pages (`EarlierManifest.indexed`).
  const previous = await EarlierManifest.read(files, manifest, "incremental", onEarlierEntry, {
    ...options,
    meanwhile: true,
  });
  try {
    return { previous, metadata: await readMetadata(files) };
  } catch (error) {
    previous.close();
    throw error;
  }
}

/** A new export's folder is taken: the error says each way on, by the settings that take it. */
function alreadyExists(folder: string): ConfigError {
  return new ConfigError(
    settingMessage`The export folder "${folder}" already exists; choose another output filename, or add ${
      mention("resume")
    } to finish an interrupted export, or ${
      mention("overwrite")
    } to replace it (the SDK refuses it too); to update it, give its path to ${
      mention("incremental")
    } in place of ${mention("outputFolder")} and ${mention("outputFilename")}`,
    { setting: "outputFilename" },
  );
}

/**
 * Creates the export folder and its parents; for a new export, a folder that appeared meanwhile is
 * an error. A resumed or updated export's folder exists: nothing is made, so nothing is written
 * above it (the Action grants writes to that folder only).
 */
export async function createExportFolder(files: ExportFolderFs, mode: FolderMode): Promise<void> {
  try {
    await files.makeRoot(mode === "new");
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    throw new ConfigError(
      `The export folder "${files.root}" appeared while the export was starting; choose another ` +
        `output filename`,
      { setting: "outputFilename", cause: error },
    );
  }
}

/** The nearest existing folder above the export folder must be a folder, so it can be made. */
async function checkParents(files: ExportFolderFs): Promise<void> {
  const folder = files.root;
  for (let path = dirname(folder);; path = dirname(path)) {
    const info = await files.fileSystem.stat(path).catch(() => undefined);
    if (info === undefined && dirname(path) !== path) continue;
    if (info?.isDirectory) return;
    throw notAFolder(folder, path, info ? "a file, not a folder" : "missing", "outputFolder");
  }
}

/**
 * Checks, before any request, that the export folder can be made and written: the nearest
 * existing folder above it must be a folder, and a probe folder is made (then removed, with any
 * parent made for it) where the export folder goes. A refusal is a {@linkcode ConfigError} naming
 * the system's reason, so it never surfaces after the export has started.
 */
export async function probeExportFolder(files: ExportFolderFs, mode: FolderMode): Promise<void> {
  const { root: folder, fileSystem } = files;
  const setting = mode === "incremental" ? "incremental" : "outputFolder";
  // A resumed or updated export writes inside its folder only (the Action grants no more); a
  // missing one is refused by `prepareExportFolder`, which names what to give instead.
  const earlier = mode === "resume" || mode === "incremental";
  if (earlier && !(await files.rootExists())) return;
  const parent = earlier ? folder : dirname(folder);
  const made: string[] = [];
  for (let path = parent;; path = dirname(path)) {
    const info = await fileSystem.stat(path).catch((error) => {
      // Not there, or below a file: the walk goes on up to what is there.
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
        return undefined;
      }
      throw cannotMake(folder, setting, error);
    });
    if (info === undefined && dirname(path) !== path) {
      // A link to nothing: the name is taken, and mkdir would say only that.
      const link = await fileSystem.lstat(path).catch(() => undefined);
      if (link?.isSymlink) throw notAFolder(folder, path, "a link to nothing", setting);
      made.push(path);
      continue;
    }
    if (info?.isDirectory) break;
    throw notAFolder(folder, path, info ? "a file, not a folder" : "missing", setting);
  }
  const probe = join(parent, `.lab-masks-probe-${crypto.randomUUID().slice(0, 8)}`);
  try {
    await fileSystem.mkdir(probe, { recursive: true });
    await fileSystem.remove(probe);
  } catch (error) {
    throw cannotMake(folder, setting, error);
  } finally {
    // Deepest first; a folder something else filled meanwhile stays.
    for (const path of made) await fileSystem.remove(path).catch(() => {});
  }
}

/** The nearest path above the export folder is a file, a link to nothing, or nothing at all. */
function notAFolder(folder: string, path: string, what: string, setting: string): ConfigError {
  return new ConfigError(
    settingMessage`Cannot make the export folder "${folder}": "${path}" is ${what}; choose another ${
      mention(setting)
    }`,
    { setting },
  );
}

function cannotMake(folder: string, setting: string, error: unknown): ConfigError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ConfigError(
    settingMessage`Cannot write the export folder "${folder}" (${mention(setting)}): ${reason}`,
    { setting, cause: error },
  );
}

/** The text of the folder's `export.json`, or `undefined` when there is none. */
async function metadataText(files: ExportFolderFs): Promise<string | undefined> {
  if (!(await files.exists(METADATA_NAME))) return undefined;
  try {
    return await files.readTextFile(METADATA_NAME);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `Cannot read "${files.pathOf(METADATA_NAME)}": ${(error as Error).message}`,
      { setting: "incremental", cause: error },
    );
  }
}

/** The earlier export's `export.json`; `undefined` when there is none; an error when damaged. */
export async function readMetadata(files: ExportFolderFs): Promise<ExportMetadata | undefined> {
  const text = await metadataText(files);
  if (text === undefined) return undefined;
  const metadata = parseJson(text);
  if (!isMetadata(metadata)) {
    throw new ConfigError(
      settingMessage`The export record "${
        files.pathOf(METADATA_NAME)
      }" is damaged (not the JSON object an export writes, with its projectId, startedAt, maskFormat and settings); run a full export with ${
        mention("overwrite")
      }`,
      { setting: "incremental" },
    );
  }
  return metadata;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether `value` is an `export.json` this tool wrote. */
function isMetadata(value: unknown): value is ExportMetadata {
  const metadata = value as ExportMetadata | null;
  return typeof metadata === "object" && metadata !== null &&
    typeof metadata.projectId === "string" && typeof metadata.maskFormat === "string" &&
    typeof metadata.startedAt === "string" && !Number.isNaN(Date.parse(metadata.startedAt)) &&
    typeof metadata.settings === "object" && metadata.settings !== null;
}

/**
 * Removes an earlier export, refusing a folder that is not one: it must be empty, or hold both
 * `manifest.jsonl` and a valid `export.json` of this tool (a file named `manifest.jsonl` alone
 * proves nothing).
 */
async function clearExport(files: ExportFolderFs): Promise<void> {
  await checkOverwritable(files);
  // The folder stays, with the lock this run holds in it.
  await files.empty([FOLDER_LOCK_NAME]);
}

/**
 * Refuses, reading only, a folder `overwrite` must not clear: the root folder, or a folder that
 * holds something but not an export of this tool. A dry run asks it where the real run clears.
 */
export async function checkOverwritable(files: ExportFolderFs): Promise<void> {
  const folder = files.root;
  if (basename(folder) === "" || dirname(folder) === folder) {
    throw new ConfigError(`Will not overwrite the root folder "${folder}"`, {
      setting: "overwrite",
    });
  }
  const names = (await files.names()).filter((name) => name !== FOLDER_LOCK_NAME);
  const isExport = names.length === 0 ||
    (names.includes(MANIFEST_NAME) && isMetadata(parseJson(await metadataText(files) ?? "")));
  if (!isExport) {
    throw new ConfigError(
      `Will not overwrite "${folder}": it is not an export folder of this tool (it needs both ` +
        `${MANIFEST_NAME} and a valid ${METADATA_NAME}); remove it yourself or choose another ` +
        `output filename`,
      { setting: "overwrite" },
    );
  }
}
