/**
 * An export's identity, `datasetId`: one SHA-256 over the pixels of every mask it holds and its
 * class map, the same whatever the concurrency, interruptions, machine or PNG compression.
 *
 * It is the SHA-256 of this UTF-8 text, each line ending with `\n`:
 *
 * ```text
 * lab-masks-dataset/1
 * labelmap <labelmapSha256>
 * <path> <pixelSha256>
 * …
 * ```
 *
 * with one `<path> <pixelSha256>` line per mask file of the manifest (every file that has a
 * `pixelSha256`), the lines sorted in the byte order of their UTF-8; `labelmapSha256` is the
 * SHA-256 of the class map as `labelmap.json` holds it (written or not).
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { ManifestEntry } from "../model/manifest.ts";
import { type DatasetIdentity, DatasetLines } from "./dataset_lines.ts";

/**
 * The dataset id of a manifest's entries and a class map.
 *
 * @param entries The manifest's entries.
 * @param labelmapSha256 The SHA-256 of the class map's `labelmap.json` text, in hex.
 * @returns The id, and how many mask files it covers.
 *
 * @example
 * ```ts
 * import { datasetIdOf } from "@lab/masks/dataset";
 *
 * const file = { path: "a.png", sha256: "00", pixelSha256: "ab" };
 * const entry = { taskId: "t1", name: "a", outcome: "exported", files: [file] };
 * console.log(datasetIdOf([entry], "cd").datasetId?.length); // 64
 * ```
 */
export function datasetIdOf(
  entries: Iterable<ManifestEntry>,
  labelmapSha256: string,
): DatasetIdentity {
  const lines = new DatasetLines();
  for (const entry of entries) lines.add(entry);
  return lines.identity(labelmapSha256);
}

/**
 * The SHA-256 of a text's UTF-8 bytes, in hex.
 *
 * @param text The text.
 * @returns The digest.
 *
 * @example
 * ```ts
 * import { sha256OfText } from "@lab/masks/dataset";
 *
 * console.log(sha256OfText("").slice(0, 8)); // "e3b0c442"
 * ```
 */
export function sha256OfText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
