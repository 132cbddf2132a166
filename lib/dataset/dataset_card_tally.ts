/**
 * What a dataset card needs of an export's manifest, gathered entry by entry as the manifest is
 * read: the counts per class and split, the labelled pixels per label, and each mask file's path
 * and SHA-256. An export of 100,000 tasks then holds these (about a hundred bytes a file), not its
 * parsed entries (about a kilobyte each).
 *
 * @module
 */

import type { ManifestEntry } from "../model/manifest.ts";
import { addToClassCounts, type ClassCounts, emptyClassCounts } from "./class_counts.ts";

/** A mask file as the card lists it. */
export interface CardFile {
  /** Its path in the export folder. */
  path: string;
  /** The SHA-256 of its bytes, in hex. */
  sha256: string;
}

/**
 * Gathers the card's facts from a manifest's entries, one at a time.
 *
 * @example
 * ```ts
 * import { DatasetCardTally } from "@lab/masks/dataset";
 *
 * const tally = new DatasetCardTally();
 * tally.add({
 *   taskId: "t1", name: "a", outcome: "exported", labels: ["car"], labelPixels: { car: 3 },
 *   files: [{ path: "a.png", sha256: "00".repeat(32) }],
 * });
 * console.log(tally.counts.tasks.get("car"), tally.pixelShares()?.get("car"), [...tally.files()].length); // 1 1 1
 * ```
 */
export class DatasetCardTally {
  /** Per class and split, the tasks and instances. */
  readonly counts: ClassCounts = emptyClassCounts();
  #pixels = new Map<string, number>();
  #pixelTotal = 0;
  /** Whether every exported entry with files so far had `labelPixels`. */
  #pixelsKnown = true;
  #paths: string[] = [];
  #sha256s: string[] = [];

  /**
   * Adds an entry of the manifest.
   *
   * @param entry The entry.
   */
  add(entry: ManifestEntry & { split?: string }): void {
    addToClassCounts(this.counts, entry);
    for (const file of entry.files) {
      this.#paths.push(file.path);
      this.#sha256s.push(file.sha256);
    }
    if (entry.outcome !== "exported" || entry.files.length === 0 || !this.#pixelsKnown) return;
    if (entry.labelPixels === undefined) {
      this.#pixelsKnown = false;
      this.#pixels.clear();
      return;
    }
    for (const [id, count] of Object.entries(entry.labelPixels)) {
      this.#pixels.set(id, (this.#pixels.get(id) ?? 0) + count);
      this.#pixelTotal += count;
    }
  }

  /**
   * Per label id, its share of the labelled pixels of every exported mask (from the entries'
   * `labelPixels`, counted as the masks were written).
   *
   * @returns The shares, or `undefined` when some exported entry had none.
   */
  pixelShares(): Map<string, number> | undefined {
    if (!this.#pixelsKnown) return undefined;
    const total = this.#pixelTotal;
    return new Map([...this.#pixels].map(([id, count]) => [id, total === 0 ? 0 : count / total]));
  }

  /**
   * The files of the entries added, in their order.
   *
   * @returns The files, one at a time.
   */
  *files(): Generator<CardFile> {
    for (const [i, path] of this.#paths.entries()) yield { path, sha256: this.#sha256s[i] };
  }
}
