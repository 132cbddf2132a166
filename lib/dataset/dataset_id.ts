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

/** The first line of the text a dataset id hashes. */
export const DATASET_FORM = "lab-masks-dataset/1";

/** The identity of an export's masks. */
export interface DatasetIdentity {
  /**
   * The dataset id; `undefined` when a mask file of the manifest has no `pixelSha256` (it was
   * written by an earlier version of this tool).
   */
  datasetId?: string;
  /** How many mask files it covers. */
  masks: number;
}

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
  const lines: Uint8Array[] = [];
  let complete = true;
  for (const entry of entries) {
    for (const file of entry.files) {
      if (file.pixelSha256 !== undefined) {
        lines.push(TEXT.encode(`${file.path} ${file.pixelSha256}\n`));
      } else if (file.path.endsWith(".png")) complete = false;
    }
  }
  if (!complete) return { masks: lines.length };
  lines.sort(compareBytes);
  const hash = createHash("sha256").update(`${DATASET_FORM}\nlabelmap ${labelmapSha256}\n`);
  for (const line of lines) hash.update(line);
  return { datasetId: hash.digest("hex"), masks: lines.length };
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

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const TEXT = new TextEncoder();
