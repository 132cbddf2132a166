/**
 * The lines a dataset id hashes (see `datasetIdOf`), gathered entry by entry in one buffer: a
 * manifest of 100,000 entries read as a stream costs about 100 bytes a mask file, not the parsed
 * entries (about 700 bytes each) nor a typed array per line.
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
 * The `<path> <pixelSha256>` lines of a manifest's mask files, added entry by entry.
 *
 * @example
 * ```ts
 * import { DatasetLines } from "@lab/masks/dataset";
 *
 * const lines = new DatasetLines();
 * const file = { path: "a.png", sha256: "00", pixelSha256: "ab" };
 * lines.add({ taskId: "t1", name: "a", outcome: "exported", files: [file] });
 * console.log(lines.identity("cd").datasetId?.length); // 64
 * ```
 */
export class DatasetLines {
  /** The lines' UTF-8 bytes, back to back, each with its newline. */
  #bytes = new Uint8Array(4096);
  #length = 0;
  /** By line: where it starts in {@linkcode DatasetLines.#bytes} (it ends where the next starts). */
  #starts = new Float64Array(64);
  #count = 0;
  #complete = true;

  /**
   * Adds the lines of one manifest entry's mask files.
   *
   * @param entry The entry.
   */
  add(entry: ManifestEntry): void {
    for (const file of entry.files) {
      if (file.pixelSha256 !== undefined) this.#push(`${file.path} ${file.pixelSha256}\n`);
      else if (file.path.endsWith(".png")) this.#complete = false;
    }
  }

  /**
   * The dataset id of the lines added and a class map.
   *
   * @param labelmapSha256 The SHA-256 of the class map's `labelmap.json` text, in hex.
   * @returns The id, and how many mask files it covers.
   */
  identity(labelmapSha256: string): DatasetIdentity {
    const masks = this.#count;
    if (!this.#complete) return { masks };
    const bytes = this.#bytes;
    const starts = this.#starts;
    const line = (i: number) =>
      bytes.subarray(starts[i], i + 1 < masks ? starts[i + 1] : this.#length);
    const order = Array.from({ length: masks }, (_, i) => i);
    order.sort((a, b) => compareBytes(line(a), line(b)));
    const hash = createHash("sha256").update(`${DATASET_FORM}\nlabelmap ${labelmapSha256}\n`);
    for (const i of order) hash.update(line(i));
    return { datasetId: hash.digest("hex"), masks };
  }

  #push(text: string): void {
    // At most 3 bytes of UTF-8 a UTF-16 unit.
    if (this.#length + 3 * text.length > this.#bytes.length) {
      const grown = new Uint8Array(
        Math.max(2 * this.#bytes.length, this.#length + 3 * text.length),
      );
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    if (this.#count === this.#starts.length) {
      const grown = new Float64Array(2 * this.#starts.length);
      grown.set(this.#starts);
      this.#starts = grown;
    }
    this.#starts[this.#count++] = this.#length;
    this.#length += TEXT.encodeInto(text, this.#bytes.subarray(this.#length)).written;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const TEXT = new TextEncoder();
