/**
 * `export.json`: what an export records of itself next to its manifest.
 *
 * @module
 */

/**
 * The file that records how an export was made, next to its manifest.
 *
 * @example
 * ```ts
 * import { METADATA_NAME } from "@lab/masks/export";
 *
 * console.log(METADATA_NAME); // "export.json"
 * ```
 */
export const METADATA_NAME = "export.json";

/**
 * What an export records of itself in `export.json`: for incremental runs, and its identity.
 *
 * @example
 * ```ts
 * import type { ExportMetadata } from "@lab/masks/export";
 *
 * const metadata: ExportMetadata = {
 *   projectId: "p1",
 *   startedAt: "2026-01-01T00:00:00.000Z",
 *   maskFormat: "rgb",
 *   settings: {},
 * };
 * console.log(metadata.maskFormat); // "rgb"
 * ```
 */
export interface ExportMetadata {
  /** The project id. */
  projectId: string;
  /** When the export started (ISO 8601, this machine's clock). */
  startedAt: string;
  /** The mask format. */
  maskFormat: string;
  /** Other settings that shape the files (input, mapping, naming, filters, shard). */
  settings: Record<string, unknown>;
  /** The dataset id over the masks' pixels and the class map (see `datasetIdOf`). */
  datasetId?: string;
  /** The SHA-256 of the class map's `labelmap.json` text. */
  labelmapSha256?: string;
  /**
   * The canonical form the masks' `pixelSha256` hash (e.g. `lab-masks-pixels/2`); absent in
   * exports written before it was recorded, whose `pixelSha256` are `lab-masks-pixels/1`.
   */
  pixelForm?: string;
  /** The tool that wrote the export, e.g. `@lab/masks 0.1.0`. */
  tool?: string;
  /** The Deno version it ran on. */
  deno?: string;
  /** The SHA-256 of the project configuration as JSON. */
  configurationSha256?: string;
  /** The export's own files besides the masks (the dataset card), with their SHA-256. */
  files?: { path: string; sha256: string }[];
}
