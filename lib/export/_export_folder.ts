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
  await checkParents(folder);
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

/** The nearest existing folder above `folder` must be a folder, so the export can be made. */
async function checkParents(folder: string): Promise<void> {
  for (let path = dirname(folder);; path = dirname(path)) {
    const info = await Deno.stat(path).catch(() => undefined);
    if (info === undefined && dirname(path) !== path) continue;
    if (info?.isDirectory) return;
    throw new ConfigError(
      `Cannot make the export folder "${folder}": "${path}" is ` +
        `${info ? "a file, not a folder" : "missing"}; choose another --output-folder`,
      { setting: "output-folder" },
    );
  }
}

async function readMetadata(folder: string): Promise<ExportMetadata | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(join(folder, METADATA_NAME)));
  } catch {
    return undefined;
  }
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
