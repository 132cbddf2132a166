/**
 * The lines a dataset id hashes (see `datasetIdOf`), gathered entry by entry in chunks of bytes: a
 * manifest of 100,000 entries read as a stream costs about 100 bytes a mask file, not the parsed
 * entries (about 700 bytes each) nor a typed array per line.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { ManifestEntry } from "../model/manifest.ts";
import { releaseBytes } from "../_release_bytes.ts";

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
  /** The lines' UTF-8 bytes, back to back in chunks, each line with its newline. */
  #chunks: Uint8Array[] = [];
  /** By chunk: how many of its bytes the lines use. */
  #used: number[] = [];
  /** By line: its chunk × 2³² + where it starts there (it ends where the next starts, or at the chunk's used end). */
  #starts = new Float64Array(64);
  #count = 0;
  /** By line: 1 when left out of the identity (an earlier entry an update did not keep). */
  #omitted = new Uint8Array(0);
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

  /** How many lines were added (one a mask file with a `pixelSha256`). */
  get size(): number {
    return this.#count;
  }

  /**
   * Leaves lines `first` to `end` (excluded) out of the identity: the lines of an earlier entry
   * that an update does not keep as it was.
   *
   * @param first The number of the first, from 0 (as {@linkcode DatasetLines.size} was before
   * they were added).
   * @param end The number after the last.
   *
   * @example
   * ```ts
   * import { DatasetLines } from "@lab/masks/dataset";
   *
   * const lines = new DatasetLines();
   * const file = { path: "a.png", sha256: "00", pixelSha256: "ab" };
   * lines.add({ taskId: "t1", name: "a", outcome: "exported", files: [file] });
   * const kept = lines.size;
   * lines.add({ taskId: "t2", name: "b", outcome: "exported", files: [{ ...file, path: "b.png" }] });
   * lines.omit(kept, lines.size);
   * console.log(lines.identity("cd").masks); // 1
   * ```
   */
  omit(first: number, end: number): void {
    if (end <= first) return;
    if (this.#omitted.length < end) {
      const grown = new Uint8Array(Math.max(end, 2 * this.#omitted.length));
      grown.set(this.#omitted);
      this.#omitted = grown;
    }
    this.#omitted.fill(1, first, end);
  }

  /**
   * The dataset id of the lines added and a class map.
   *
   * @param labelmapSha256 The SHA-256 of the class map's `labelmap.json` text, in hex.
   * @returns The id, and how many mask files it covers.
   */
  identity(labelmapSha256: string): DatasetIdentity {
    const order: number[] = [];
    for (let i = 0; i < this.#count; i++) if (this.#omitted[i] !== 1) order.push(i);
    const masks = order.length;
    if (!this.#complete) return { masks };
    order.sort(this.#comparison());
    const hash = createHash("sha256").update(`${DATASET_FORM}\nlabelmap ${labelmapSha256}\n`);
    for (const i of order) hash.update(this.#line(i));
    return { datasetId: hash.digest("hex"), masks };
  }

  /**
   * Orders lines by their bytes, each line's chunk and bounds looked up once (12 bytes a line for
   * the sort), not two views made for every comparison.
   */
  #comparison(): (a: number, b: number) => number {
    const chunkOf = new Uint32Array(this.#count);
    const startOf = new Uint32Array(this.#count);
    const endOf = new Uint32Array(this.#count);
    for (let i = 0; i < this.#count; i++) {
      const line = this.#line(i);
      chunkOf[i] = Math.floor(this.#starts[i] / CHUNK_INDEX);
      startOf[i] = line.byteOffset;
      endOf[i] = line.byteOffset + line.length;
    }
    const chunks = this.#chunks;
    return (a, b) => {
      const first = chunks[chunkOf[a]];
      const second = chunks[chunkOf[b]];
      const [endA, endB] = [endOf[a], endOf[b]];
      for (let x = startOf[a], y = startOf[b]; x < endA && y < endB; x++, y++) {
        if (first[x] !== second[y]) return first[x] - second[y];
      }
      return (endA - startOf[a]) - (endB - startOf[b]);
    };
  }

  #line(i: number): Uint8Array {
    const at = this.#starts[i];
    const chunk = Math.floor(at / CHUNK_INDEX);
    const next = i + 1 < this.#count ? this.#starts[i + 1] : -1;
    const end = Math.floor(next / CHUNK_INDEX) === chunk ? next % CHUNK_INDEX : this.#used[chunk];
    return this.#chunks[chunk].subarray(at % CHUNK_INDEX, end);
  }

  #push(text: string): void {
    // At most 3 bytes of UTF-8 a UTF-16 unit.
    const most = 3 * text.length;
    let last = this.#chunks.length - 1;
    if (last < 0 || this.#used[last] + most > this.#chunks[last].length) {
      // A new chunk, not a copy into a buffer twice the size: at 100,000 lines the copies and
      // the buffers they left for the next full collection came to three times the lines' bytes.
      this.#chunks.push(new Uint8Array(Math.max(CHUNK_BYTES, most)));
      this.#used.push(0);
      last++;
    }
    if (this.#count === this.#starts.length) {
      const grown = new Float64Array(2 * this.#starts.length);
      grown.set(this.#starts);
      releaseBytes(this.#starts);
      this.#starts = grown;
    }
    const used = this.#used[last];
    this.#starts[this.#count++] = last * CHUNK_INDEX + used;
    this.#used[last] = used + TEXT.encodeInto(text, this.#chunks[last].subarray(used)).written;
  }
}

/** The size of a chunk of lines (a longer line has a chunk of its own). */
const CHUNK_BYTES = 64 * 1024;
/** A line's start is its chunk times this, plus its offset in the chunk. */
const CHUNK_INDEX = 2 ** 32;

const TEXT = new TextEncoder();
