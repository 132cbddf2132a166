import type { FileLine } from "./_file_lines.ts";
import { type ManifestEntry, parseManifestLine } from "../model/manifest.ts";
import type { CarriedEntries } from "./_carried_entries.ts";
import { CAME_BACK, type EntryPlaces, REMOVED } from "./_entry_places.ts";

/**
 * Entries of an earlier manifest whose tasks did not come back: a run of consecutive lines, each
 * exactly the bytes this export writes for its entry (with the newlines between them, as they are
 * in the file, valid until the next chunk is read; entries `first` to `end`, excluded), or one
 * entry parsed.
 */
export type LeftOver =
  | { bytes: Uint8Array; first: number; end: number; entry?: undefined; removed?: undefined }
  | { entry: ManifestEntry; removed: boolean; bytes?: undefined };

/**
 * Gathers lines that follow one another in a chunk of a file into runs of bytes: an update carries
 * 100,000 lines over in about as many writes as the file has chunks, each line's bytes as they
 * are, neither decoded nor a string of its own.
 *
 * @example
 * ```ts
 * import { LineRuns, type LeftOver } from "./_line_runs.ts";
 *
 * const chunk = new TextEncoder().encode("{}\n{}\n\n{}");
 * const runs = new LineRuns();
 * const out: LeftOver[] = [];
 * runs.add({ bytes: chunk.subarray(0, 2), offset: 0, number: 1, last: false }, 0, out);
 * runs.add({ bytes: chunk.subarray(3, 5), offset: 3, number: 2, last: false }, 1, out);
 * runs.add({ bytes: chunk.subarray(7, 9), offset: 7, number: 4, last: true }, 2, out);
 * runs.end(out);
 * console.log(out.map((run) => new TextDecoder().decode(run.bytes))); // ["{}\n{}", "{}"]
 * ```
 */
export class LineRuns {
  #buffer?: ArrayBufferLike;
  /** Where the run starts and stops in `#buffer`. */
  #from = 0;
  #stop = 0;
  /** The run's first entry, and the one after its last. */
  #first = 0;
  #next = 0;

  /**
   * Adds entry `number`'s line to the run, or ends the run (into `out`) and starts another when
   * the line does not follow it in the same buffer.
   */
  add(line: FileLine, number: number, out: LeftOver[]): void {
    const { bytes } = line;
    const follows = bytes.buffer === this.#buffer && bytes.byteOffset === this.#stop + 1;
    if (!follows) {
      this.end(out);
      this.#buffer = bytes.buffer;
      this.#from = bytes.byteOffset;
      this.#first = number;
    }
    this.#stop = bytes.byteOffset + bytes.length;
    this.#next = number + 1;
  }

  /** Ends the run, if any, into `out`; call it before the lines' buffer changes. */
  end(out: LeftOver[]): void {
    if (this.#buffer === undefined) return;
    const bytes = new Uint8Array(this.#buffer, this.#from, this.#stop - this.#from);
    out.push({ bytes, first: this.#first, end: this.#next });
    this.#buffer = undefined;
  }
}

/** What {@linkcode LeftOverChunks} tells the left-over entries by. */
export interface LeftOverState {
  /** Where each entry's line is, and what became of its task. */
  places: EntryPlaces;
  /** What an update noted to carry entries over as they are, if any. */
  carried?: CarriedEntries;
  /** Whether the plain lines `carried` notes come as runs of bytes. */
  asText: boolean;
  /** Where the manifest is, and the option that named it, for errors. */
  source: { path: string; setting: string };
  decoder: TextDecoder;
}

/**
 * The entries of an earlier manifest whose tasks did not come back, told a chunk of its lines at
 * a time, in file order: runs of plain lines as bytes (`asText`), any other entry parsed.
 *
 * @example
 * ```ts ignore
 * const chunks = new LeftOverChunks({ places, carried, asText: true, source, decoder });
 * for await (const lines of fileLineChunks(readAt)) console.log(chunks.of(lines));
 * ```
 */
export class LeftOverChunks {
  #state: LeftOverState;
  #runs = new LineRuns();
  /** The next entry's number. */
  #number = 0;

  /** @param state The entries' places and fates, and how the plain lines are told. */
  constructor(state: LeftOverState) {
    this.#state = state;
  }

  /** The left-over entries among the next chunk's lines. */
  of(lines: readonly FileLine[]): LeftOver[] {
    const { places, carried, asText, source, decoder } = this.#state;
    const runs = this.#runs;
    const left: LeftOver[] = [];
    for (const line of lines) {
      // Blank lines have no entry: an entry's line starts where the first pass found it.
      if (this.#number === places.count || line.offset !== places.startOf(this.#number)) continue;
      const at = this.#number++;
      const state = places.fate(at);
      const removed = state === REMOVED;
      if (asText && state !== CAME_BACK && !removed && carried?.isPlain(at)) {
        runs.add(line, at, left);
        continue;
      }
      runs.end(left);
      carried?.omit(at);
      if (state === CAME_BACK) continue;
      left.push({ entry: parseManifestLine(decoder.decode(line.bytes), line, source)!, removed });
    }
    runs.end(left);
    return left;
  }
}
