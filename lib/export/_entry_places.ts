/**
 * Where each entry of an earlier export's manifest is in its file, and what became of its task in
 * this run: 4 bytes an entry for where its line starts (8 beyond a 4 GiB manifest) and one for its
 * task's fate, grown as the lines come.
 *
 * @module
 */

import { grown } from "./_grown.ts";
import { releaseBytes } from "../_release_bytes.ts";

/** The entry's task has not come back in this run (yet). */
export const LEFT = 0;
/** The entry's task came back in this run. */
export const CAME_BACK = 1;
/** The entry's task did not come back and was removed from the export. */
export const REMOVED = 2;
/** A later entry has the same task id: that one decides this one's fate. */
const SUPERSEDED = 3;

/**
 * The entries' places and their tasks' fates, by entry number (from 0, in file order).
 *
 * @example
 * ```ts
 * import { CAME_BACK, EntryPlaces } from "./_entry_places.ts";
 *
 * const places = new EntryPlaces();
 * const bytes = new Uint8Array(10);
 * const first = places.place({ offset: 0, bytes });
 * const second = places.place({ offset: 11, bytes });
 * places.supersede(first, second);
 * places.settle();
 * places.mark(second, CAME_BACK);
 * console.log(places.fate(first) === CAME_BACK, places.lineOf(second)); // true { start: 11, end: 21 }
 * ```
 */
export class EntryPlaces {
  #count = 0;
  /** By entry: where its line starts; it ends at the next newline. */
  #offsets: Uint32Array | Float64Array = new Uint32Array(64);
  /** Where the last entry's line ends. */
  #end = 0;
  /** A superseded entry → its task's last entry (rare: kept apart). */
  #owners = new Map<number, number>();
  /** By entry: `LEFT`, `CAME_BACK`, `REMOVED` or `SUPERSEDED`. */
  #states = new Uint8Array(64);

  /** How many entries were placed. */
  get count(): number {
    return this.#count;
  }

  /**
   * Records where the next entry's line is.
   *
   * @param line Where the line starts in the file, and its bytes.
   * @returns The entry's number.
   */
  place(line: { offset: number; bytes: Uint8Array }): number {
    const number = this.#count++;
    if (number === this.#states.length) this.#grow();
    // 4 bytes an entry up to a 4 GiB manifest, 8 beyond.
    if (line.offset > 0xffff_ffff && this.#offsets instanceof Uint32Array) {
      this.#offsets = Float64Array.from(this.#offsets);
    }
    this.#offsets[number] = line.offset;
    this.#end = line.offset + line.bytes.length;
    return number;
  }

  /**
   * Entry `number` has the task id of entry `before`: it decides the task's fate from now on.
   *
   * @param before The earlier entry.
   * @param number The later one.
   */
  supersede(before: number, number: number): void {
    this.#states[before] = SUPERSEDED;
    this.#owners.set(before, number);
  }

  /** Once every entry is placed: each superseded one points at its task's last; sizes trimmed. */
  settle(): void {
    // Resolved latest first: linear however often an id repeats.
    for (const [earlier, later] of [...this.#owners].reverse()) {
      this.#owners.set(earlier, this.#owners.get(later) ?? later);
    }
    // Exactly the entries' size from now on; the larger arrays freed now, not at V8's next full
    // collection.
    const [offsets, states] = [this.#offsets, this.#states];
    this.#offsets = offsets.slice(0, this.#count);
    this.#states = states.slice(0, this.#count);
    releaseBytes(offsets);
    releaseBytes(states);
  }

  /** Where an entry's line starts in the file. */
  startOf(number: number): number {
    return this.#offsets[number];
  }

  /**
   * Where an entry's line is: from its start up to the next entry's (blank lines may come between
   * them; a line holds no newline of its own).
   *
   * @param number The entry.
   * @returns Its line's start and the next entry's start, or the last line's end.
   */
  lineOf(number: number): { start: number; end: number } {
    const end = number + 1 < this.#count ? this.#offsets[number + 1] : this.#end;
    return { start: this.#offsets[number], end };
  }

  /**
   * The entry whose line starts at `offset`, among entries `first` to `end` (excluded).
   *
   * @returns Its number, or `undefined`.
   */
  numberAt(offset: number, first = 0, end: number = this.#count): number | undefined {
    let [low, high] = [first, end];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#offsets[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return low < end && this.#offsets[low] === offset ? low : undefined;
  }

  /** Records the fate of a task's last entry: `LEFT`, `CAME_BACK` or `REMOVED`. */
  mark(number: number, fate: number): void {
    this.#states[number] = fate;
  }

  /** The fate of an entry's task: its own, or its task's last entry's when superseded. */
  fate(number: number): number {
    const state = this.#states[number];
    return state === SUPERSEDED ? this.#states[this.#owners.get(number) ?? number] : state;
  }

  /** Whether some task's last entry is `LEFT` or `REMOVED`: not every task came back. */
  hasLeft(): boolean {
    for (let number = 0; number < this.#count; number++) {
      const state = this.#states[number];
      if (state === LEFT || state === REMOVED) return true;
    }
    return false;
  }

  #grow(): void {
    const size = this.#states.length * 2;
    const offsets = this.#offsets instanceof Uint32Array
      ? new Uint32Array(size)
      : new Float64Array(size);
    offsets.set(this.#offsets);
    releaseBytes(this.#offsets);
    this.#offsets = offsets;
    this.#states = grown(this.#states, new Uint8Array(size));
  }
}
