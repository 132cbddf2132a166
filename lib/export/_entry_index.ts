import { HashedKeys } from "../_hashed_keys.ts";
import { type ManifestEntry, parseManifestLine } from "../model/manifest.ts";
import type { EntryPlaces } from "./_entry_places.ts";
import { ReadWindow } from "./_read_window.ts";

/** An entry a task id found, and its number. */
export interface FoundEntry {
  number: number;
  entry: ManifestEntry;
}

/**
 * An earlier manifest's entries by task id, the entries kept in the file: a 32-bit hash of each
 * task id finds candidates, and an entry is the task's when the task id read back from its line is
 * the task's, byte for byte (a hash that matches another id costs one more read, never a wrong
 * entry).
 *
 * @example
 * ```ts ignore
 * const index = new EntryIndex(places, readAt, { path, setting: "incremental" });
 * index.add("t1", 0);
 * console.log((await index.find("t1"))?.entry.name);
 * ```
 */
export class EntryIndex {
  /** Task id → the number of its last entry. */
  #keys = new HashedKeys();
  #places: EntryPlaces;
  /** Entries asked again, in file order as tasks come back, are read a window at a time. */
  #window: ReadWindow;
  #decoder = new TextDecoder();
  #source: { path: string; setting: string };

  /**
   * @param places Where each entry's line is in the file.
   * @param readAt Reads the file's bytes from a position into a chunk.
   * @param source Where the manifest is, and the option that named it, for errors.
   */
  constructor(
    places: EntryPlaces,
    readAt: (position: number, chunk: Uint8Array) => Promise<number | null>,
    source: { path: string; setting: string },
  ) {
    this.#places = places;
    this.#window = new ReadWindow(readAt);
    this.#source = source;
  }

  /** Whether an entry's hash is the task id's: a candidate, to be read to tell. */
  mayHold(taskId: string): boolean {
    return this.#keys.find(taskId, () => true) !== undefined;
  }

  /** Entry `number` is the task's last. */
  add(taskId: string, number: number): void {
    this.#keys.add(taskId, number);
  }

  /** Entry `number` is now the task's last, in place of entry `before`. */
  replace(taskId: string, before: number, number: number): void {
    this.#keys.replace(taskId, before, number);
  }

  /** A task's last entry: among the entries its id's hash finds, the one with its id. */
  async find(taskId: string): Promise<FoundEntry | undefined> {
    for (const number of this.#keys.candidates(taskId)) {
      const entry = await this.#entry(number);
      if (entry?.taskId === taskId) return { number, entry };
    }
    return undefined;
  }

  /** Entry `number`, read again from the file: up to the next entry, cut at its newline. */
  async #entry(number: number): Promise<ManifestEntry | undefined> {
    const { start, end } = this.#places.lineOf(number);
    const bytes = await this.#window.bytes(start, end);
    // Blank lines may come before the next entry; a line holds no newline of its own.
    const newline = bytes.indexOf(0x0a);
    const line = this.#decoder.decode(newline === -1 ? bytes : bytes.subarray(0, newline));
    return parseManifestLine(line, { number: number + 1, last: false }, this.#source) ?? undefined;
  }
}
