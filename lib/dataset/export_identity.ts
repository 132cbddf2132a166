/**
 * What `export.json` records of an export's identity: the dataset id over its masks' pixels and
 * class map, and what made it (the tool's and Deno's versions, the project configuration).
 *
 * @module
 */

import denoJson from "../../deno.json" with { type: "json" };
import type { ClassTable } from "../detect/class_table.ts";
import type { ExportFolderFs } from "../export/export_folder_fs.ts";
import { labelmapJson } from "../export/labelmap.ts";
import { MANIFEST_NAME, parseManifest } from "../export/manifest.ts";
import { datasetIdOf, sha256OfText } from "./dataset_id.ts";

/** This tool's name and version, as `export.json` records them. */
export const TOOL: string = `${denoJson.name} ${denoJson.version}`;

/** The identity fields of `export.json`. */
export interface ExportIdentity {
  /** The dataset id (see `datasetIdOf`); absent when a mask has no `pixelSha256`. */
  datasetId?: string;
  /** The SHA-256 of the class map's `labelmap.json` text. */
  labelmapSha256: string;
  /** The tool that wrote the export, e.g. `@lab/masks 0.1.0`. */
  tool: string;
  /** The Deno version it ran on. */
  deno: string;
  /** The SHA-256 of the project configuration as JSON (as the lab sent it, re-serialised). */
  configurationSha256: string;
}

/**
 * The identity of an export whose manifest is complete: reads `manifest.jsonl` through the
 * folder's file door.
 *
 * @param files The export folder's file door.
 * @param facts The class table and the project configuration.
 * @returns The identity fields for `export.json`.
 *
 * @example
 * ```ts ignore
 * const identity = await exportIdentity(folder.files, { table, configuration });
 * console.log(identity.datasetId);
 * ```
 */
export async function exportIdentity(
  files: ExportFolderFs,
  facts: { table: ClassTable; configuration: unknown },
): Promise<ExportIdentity> {
  const text = new TextDecoder().decode(await files.readFile(MANIFEST_NAME));
  const entries = parseManifest(text, MANIFEST_NAME, "outputFilename");
  const labelmapSha256 = sha256OfText(labelmapJson(facts.table));
  const { datasetId } = datasetIdOf(entries, labelmapSha256);
  const identity: ExportIdentity = {
    labelmapSha256,
    tool: TOOL,
    deno: Deno.version.deno,
    configurationSha256: sha256OfText(JSON.stringify(facts.configuration)),
  };
  return datasetId === undefined ? identity : { datasetId, ...identity };
}
