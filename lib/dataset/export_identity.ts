/**
 * What `export.json` records of an export's identity: the dataset id over its masks' pixels and
 * class map, and what made it (the tool's and Deno's versions, the project configuration).
 *
 * @module
 */

import { PACKAGE_NAME, PACKAGE_VERSION } from "../version.ts";
import type { ManifestEntry } from "../model/manifest.ts";
import { datasetIdOf, sha256OfText } from "./dataset_id.ts";
import { DatasetLines } from "./dataset_lines.ts";
import { PIXEL_FORM } from "../png/pixel_digest.ts";

/** This tool's name and version, as `export.json` records them. */
export const TOOL: string = `${PACKAGE_NAME} ${PACKAGE_VERSION}`;

/** The identity fields of `export.json`. */
export interface ExportIdentity {
  /** The dataset id (see `datasetIdOf`); absent when a mask has no `pixelSha256`. */
  datasetId?: string;
  /** The SHA-256 of the class map's `labelmap.json` text. */
  labelmapSha256: string;
  /** The canonical form of the masks' `pixelSha256` (`PIXEL_FORM`). */
  pixelForm: string;
  /** The tool that wrote the export, e.g. `@lab/masks 0.1.0`. */
  tool: string;
  /** The Deno version it ran on. */
  deno: string;
  /** The SHA-256 of the project configuration as JSON (as the lab sent it, re-serialised). */
  configurationSha256: string;
}

/**
 * The identity of an export from its complete manifest.
 *
 * @param entries The manifest's entries, or their lines gathered as the manifest was read.
 * @param facts The class map as `labelmap.json` holds it, and the project configuration.
 * @returns The identity fields for `export.json`.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { exportIdentity } from "@lab/masks/dataset";
 * import { labelmapJson } from "@lab/masks/export";
 *
 * const labelmap = labelmapJson(classTable([{ id: "car", bChannel: 1 }]));
 * const identity = exportIdentity([], { labelmap, configuration: { projectId: "p1" } });
 * console.log(identity.datasetId?.length, identity.deno === Deno.version.deno); // 64 true
 * ```
 */
export function exportIdentity(
  entries: Iterable<ManifestEntry> | DatasetLines,
  facts: { labelmap: string; configuration: unknown },
): ExportIdentity {
  const labelmapSha256 = sha256OfText(facts.labelmap);
  const { datasetId } = entries instanceof DatasetLines
    ? entries.identity(labelmapSha256)
    : datasetIdOf(entries, labelmapSha256);
  const identity: ExportIdentity = {
    labelmapSha256,
    pixelForm: PIXEL_FORM,
    tool: TOOL,
    deno: Deno.version.deno,
    configurationSha256: sha256OfText(JSON.stringify(facts.configuration)),
  };
  return datasetId === undefined ? identity : { datasetId, ...identity };
}
