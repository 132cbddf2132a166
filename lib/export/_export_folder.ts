import { ConfigError } from "../errors.ts";
import { ensureDir, exists } from "../_std/fs.ts";
import { basename, dirname, join } from "../_std/path.ts";
import {
  MANIFEST_NAME,
  type ManifestEntry,
  PARTIAL_MANIFEST_NAME,
  readManifest,
} from "./manifest.ts";

/** How an export treats its folder. */
export type FolderMode = "new" | "overwrite" | "resume" | "incremental";

/** The file that records how an export was made, next to its manifest. */
export const METADATA_NAME = "export.json";

/** What an export records of itself in `export.json`, for incremental runs. */
export interface ExportMetadata {
  /** The project id. */
  projectId: string;
  /** When the export started (ISO 8601, this machine's clock). */
  startedAt: string;
  /** The mask format. */
  maskFormat: string;
  /** Other settings that shape the files (input, mapping, naming, filters, shard). */
  settings: Record<string, unknown>;
}

/** An export folder made ready: what an earlier export left in it. */
export interface PreparedFolder {
  /** The earlier export's manifest entries (resume, incremental), else none. */
  previous: ManifestEntry[];
  /** The earlier export's `export.json` (incremental), if any. */
  metadata?: ExportMetadata;
}

/**
 * Checks an export folder for a mode before any request: a new export needs a free name (as the
 * SDK); `overwrite` clears an earlier export; `resume` and `incremental` read what an earlier
 * export left.
 */
export async function prepareExportFolder(
  folder: string,
  mode: FolderMode,
): Promise<PreparedFolder> {
  const present = await exists(folder);
  if (mode === "new") {
    if (!present) return { previous: [] };
    throw new ConfigError(
      `The export folder "${folder}" already exists; choose another output filename, or add ` +
        `--resume to finish an interrupted export, --incremental to update it, or --overwrite ` +
        `to replace it (the SDK refuses it too)`,
      { setting: "output-filename" },
    );
  }
  if (mode === "overwrite") {
    if (present) await clearExport(folder);
    return { previous: [] };
  }
  const final = join(folder, MANIFEST_NAME);
  const partial = join(folder, PARTIAL_MANIFEST_NAME);
  if (mode === "resume") {
    const manifest = (await exists(partial)) ? partial : (await exists(final)) ? final : undefined;
    if (!manifest) {
      throw new ConfigError(
        `Cannot resume "${folder}": it holds no export manifest; give the --output-folder and ` +
          `--output-filename of the interrupted export`,
        { setting: "resume" },
      );
    }
    return { previous: await readManifest(manifest, "resume") };
  }
  if (!(await exists(final))) {
    throw new ConfigError(
      `Cannot update "${folder}" incrementally: it holds no complete export (no ${MANIFEST_NAME}); ` +
        `run a full export into it first`,
      { setting: "incremental" },
    );
  }
  return {
    previous: await readManifest(final, "incremental"),
    metadata: await readMetadata(folder),
  };
}

/** Writes `export.json` (atomically) once the folder exists. */
export async function writeMetadata(folder: string, metadata: ExportMetadata): Promise<void> {
  const temporary = join(folder, `.${METADATA_NAME}.tmp`);
  await Deno.writeTextFile(temporary, `${JSON.stringify(metadata, null, 2)}\n`);
  await Deno.rename(temporary, join(folder, METADATA_NAME));
}

/**
 * Creates the export folder and its parents; for a new export, a folder that appeared meanwhile is
 * an error. A resumed or updated export's folder exists: nothing is made, so nothing is written
 * above it (the Action grants writes to that folder only).
 */
export async function createExportFolder(folder: string, mode: FolderMode): Promise<void> {
  if (mode !== "new" && await exists(folder)) return;
  await ensureDir(dirname(folder));
  try {
    await Deno.mkdir(folder);
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    if (mode !== "new") return;
    throw new ConfigError(
      `The export folder "${folder}" appeared while the export was starting; choose another ` +
        `output filename`,
      { setting: "output-filename", cause: error },
    );
  }
}

/**
 * Checks, before any request, that the export folder can be made and written: the nearest
 * existing folder above it must be a folder, and a probe folder is made (then removed, with any
 * parent made for it) where the export folder goes. A refusal is a {@linkcode ConfigError} naming
 * the system's reason, so it never surfaces after the export has started.
 */
export async function probeExportFolder(folder: string, mode: FolderMode): Promise<void> {
  const setting = mode === "incremental" ? "incremental" : "output-folder";
  // A resumed or updated export writes inside its folder only (the Action grants no more).
  const inside = (mode === "resume" || mode === "incremental") && await exists(folder);
  const parent = inside ? folder : dirname(folder);
  const made: string[] = [];
  for (let path = parent;; path = dirname(path)) {
    const info = await Deno.stat(path).catch((error) => {
      // Not there, or below a file: the walk goes on up to what is there.
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
        return undefined;
      }
      throw cannotMake(folder, setting, error);
    });
    if (info === undefined && dirname(path) !== path) {
      made.push(path);
      continue;
    }
    if (info?.isDirectory) break;
    throw new ConfigError(
      `Cannot make the export folder "${folder}": "${path}" is ` +
        `${info ? "a file, not a folder" : "missing"}; choose another --${setting}`,
      { setting },
    );
  }
  try {
    await ensureDir(parent);
    await Deno.remove(await Deno.makeTempDir({ dir: parent, prefix: ".lab-masks-probe-" }));
  } catch (error) {
    throw cannotMake(folder, setting, error);
  } finally {
    // Deepest first; a folder something else filled meanwhile stays.
    for (const path of made) await Deno.remove(path).catch(() => {});
  }
}

function cannotMake(folder: string, setting: string, error: unknown): ConfigError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ConfigError(
    `Cannot write the export folder "${folder}" (--${setting}): ${reason}`,
    { setting, cause: error },
  );
}

/** The earlier export's `export.json`; `undefined` when there is none; an error when damaged. */
async function readMetadata(folder: string): Promise<ExportMetadata | undefined> {
  const path = join(folder, METADATA_NAME);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new ConfigError(`Cannot read "${path}": ${(error as Error).message}`, {
      setting: "incremental",
      cause: error,
    });
  }
  let metadata: Partial<ExportMetadata> | null = null;
  try {
    metadata = JSON.parse(text);
  } catch {
    // Reported below.
  }
  const valid = typeof metadata === "object" && metadata !== null &&
    typeof metadata.projectId === "string" && typeof metadata.maskFormat === "string" &&
    typeof metadata.startedAt === "string" && !Number.isNaN(Date.parse(metadata.startedAt)) &&
    typeof metadata.settings === "object" && metadata.settings !== null;
  if (!valid) {
    throw new ConfigError(
      `The export record "${path}" is damaged (not the JSON object an export writes, with its ` +
        "projectId, startedAt, maskFormat and settings); run a full export with --overwrite",
      { setting: "incremental" },
    );
  }
  return metadata as ExportMetadata;
}

/** Removes an earlier export, refusing a folder that does not look like one. */
async function clearExport(folder: string): Promise<void> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(folder)) names.push(entry.name);
  const isExport = names.length === 0 || names.includes(MANIFEST_NAME) ||
    names.includes(PARTIAL_MANIFEST_NAME);
  if (!isExport) {
    throw new ConfigError(
      `Will not overwrite "${folder}": it is not an export folder (no ${MANIFEST_NAME} in it); ` +
        `remove it yourself or choose another output filename`,
      { setting: "overwrite" },
    );
  }
  if (basename(folder) === "") {
    throw new ConfigError(`Will not overwrite the root folder "${folder}"`);
  }
  await Deno.remove(folder, { recursive: true });
}
