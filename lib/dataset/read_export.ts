/**
 * An export folder as `verify` and `diff` read it: its manifest and `export.json`, or an error
 * saying it is not an export.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";
import { join } from "../_std/path.ts";
import { type ExportMetadata, METADATA_NAME } from "../model/export_metadata.ts";
import { filesFault, MANIFEST_NAME, type ManifestEntry, parseManifest } from "../model/manifest.ts";
import { PIXEL_FORM } from "../png/pixel_digest.ts";

export type { ExportMetadata };

/** An export folder's records. */
export interface ExportRecords {
  /** The folder's path. */
  folder: string;
  /** The manifest's entries. */
  entries: ManifestEntry[];
  /** Its `export.json`. */
  metadata: ExportMetadata;
}

/**
 * Reads an export folder's `manifest.jsonl` and `export.json`, neither through a link.
 *
 * @param folder The export folder.
 * @param setting The argument that named it, for errors.
 * @returns The manifest's entries and `export.json`.
 * @throws {ConfigError} when the path does not exist or is no folder, or the folder is not an
 * export of this tool (no manifest or no valid `export.json`, or one of them is a link).
 * @throws {TypeError} when `folder` is not a string.
 *
 * @example
 * ```ts
 * import { readExport } from "@lab/masks/dataset";
 *
 * try {
 *   await readExport(await Deno.makeTempDir(), "folder");
 * } catch (error) {
 *   console.log((error as Error).name); // "ConfigError"
 * }
 * ```
 */
export async function readExport(folder: string, setting: string): Promise<ExportRecords> {
  checkArgumentType(folder, "folder", TEXT);
  await checkFolder(folder, setting);
  const manifest = await readOwnFile(folder, MANIFEST_NAME, setting);
  const entries = parseManifest(manifest, join(folder, MANIFEST_NAME), setting);
  let metadata: ExportMetadata | undefined;
  try {
    metadata = JSON.parse(await readOwnFile(folder, METADATA_NAME, setting));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
  }
  if (
    typeof metadata !== "object" || metadata === null || typeof metadata.maskFormat !== "string" ||
    typeof metadata.projectId !== "string"
  ) {
    throw notAnExport(folder, `its ${METADATA_NAME} is not one this tool writes`, setting);
  }
  const fault = metadataFault(metadata);
  if (fault !== undefined) throw notAnExport(folder, `its ${METADATA_NAME}'s ${fault}`, setting);
  checkPixelForm(folder, entries, metadata, setting);
  return { folder, entries, metadata };
}

/**
 * Refuses an export whose masks' `pixelSha256` hash another canonical form than this version's:
 * every one of its masks would compare as changed.
 */
function checkPixelForm(
  folder: string,
  entries: readonly ManifestEntry[],
  metadata: ExportMetadata,
  setting: string,
): void {
  const form = typeof metadata.pixelForm === "string" ? metadata.pixelForm : FIRST_PIXEL_FORM;
  if (form === PIXEL_FORM) return;
  const hashed = entries.some((entry) =>
    entry.files.some((file) => file.pixelSha256 !== undefined)
  );
  if (!hashed) return;
  // Both come from the export's own file: printed inert, whatever they hold.
  const tool = typeof metadata.tool === "string" ? ` (${inertText(metadata.tool)})` : "";
  throw new ConfigError(
    `The export "${folder}" identifies its masks' pixels as ${
      inertText(form)
    }, and this version of ` +
      `lab-masks computes ${PIXEL_FORM}: its pixels cannot be compared. Check it with the ` +
      `version that wrote it${tool}, or export it again.`,
    { setting },
  );
}

/** The fields of `export.json` the dataset's tools read, each as text when it is there. */
const TEXT_FIELDS = ["datasetId", "labelmapSha256", "pixelForm", "tool", "configurationSha256"];

/** What is wrong with a field of `export.json` the tools read, if anything. */
function metadataFault(metadata: ExportMetadata): string | undefined {
  const fields = metadata as unknown as Record<string, unknown>;
  const field = TEXT_FIELDS.find((name) => !["undefined", "string"].includes(typeof fields[name]));
  if (field !== undefined) return `"${field}" is not a string`;
  return filesFault(metadata.files);
}

/** The form of the `pixelSha256` of exports that do not record theirs. */
const FIRST_PIXEL_FORM = "lab-masks-pixels/1";

/**
 * Refuses a path that is no folder before anything is looked up in it: a device such as
 * `/dev/null` would otherwise fail in the runtime's words ("Requires all access to
 * /dev/null/manifest.jsonl"), a missing folder as one that lacks a manifest.
 */
async function checkFolder(folder: string, setting: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(folder);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      throw new ConfigError(`"${folder}" does not exist: give an export folder`, { setting });
    }
    throw new ConfigError(`Cannot read "${folder}": ${(error as Error).message}`, { setting });
  }
  if (!info.isDirectory) throw notAnExport(folder, "it is not a folder", setting);
}

/** The text of one of the export's own files, refusing a link or a missing file. */
async function readOwnFile(folder: string, name: string, setting: string): Promise<string> {
  const path = join(folder, name);
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw notAnExport(folder, `it has no ${name}`, setting);
    }
    throw new ConfigError(`Cannot read "${path}": ${(error as Error).message}`, { setting });
  }
  if (!info.isFile) throw notAnExport(folder, `its ${name} is not a regular file`, setting);
  return await Deno.readTextFile(path);
}

function notAnExport(folder: string, why: string, setting: string): ConfigError {
  return new ConfigError(
    `"${folder}" is not an export folder of this tool: ${why} (an export holds ${MANIFEST_NAME} ` +
      `and ${METADATA_NAME})`,
    { setting },
  );
}
