import type { DatasetLines } from "../dataset/dataset_lines.ts";
import type { ManifestEntry } from "../model/manifest.ts";
import { grown } from "./_grown.ts";
import { isWritten, type WrittenLinesJob } from "./_written_lines.ts";

/** How a run checks lines elsewhere (a worker), while it reads on. */
export type CheckLines = (job: WrittenLinesJob) => Promise<Uint8Array>;

/**
 * What an incremental run notes of each entry of the earlier manifest as it reads it, so that the
 * entries it carries over need not be parsed and written again: whether the entry's line is
 * exactly the line this export would write for it (then the line is copied as it is), and, into
 * the export's dataset lines, the entry's `<path> <pixelSha256>` lines, left out again for the
 * entries the update does not carry over as they were. Five bytes an entry besides those lines
 * (about 100 bytes a mask file, as the export's end held them before).
 *
 * With `checkLines`, the lines of each chunk of the file are checked elsewhere (the conversion
 * pool's workers) while the next chunk is read; {@linkcode CarriedEntries.settle} waits for them.
 *
 * @example
 * ```ts
 * import { CarriedEntries } from "./_carried_entries.ts";
 * import { DatasetLines } from "../dataset/dataset_lines.ts";
 *
 * const lines = new DatasetLines();
 * const carried = new CarriedEntries({ lines });
 * const file = { path: "a.png", sha256: "00", pixelSha256: "ab" };
 * const entry = { taskId: "t1", name: "a", outcome: "exported", files: [file] };
 * const text = JSON.stringify(entry);
 * carried.note(0, entry, { text, bytes: new TextEncoder().encode(text) });
 * carried.note(1, entry, { text: ` ${text}`, bytes: new TextEncoder().encode(` ${text}`) });
 * await carried.settle();
 * carried.omit(1);
 * console.log(carried.isPlain(0), carried.isPlain(1), lines.identity("cd").masks); // true false 1
 * ```
 */
export class CarriedEntries {
  #lines?: DatasetLines;
  #checkLines?: CheckLines;
  /** By entry: the number after its last line in `#lines` (its first is the entry before's end). */
  #lineEnds = new Uint32Array(64);
  /** Where the first entry's lines start in `#lines`. */
  #firstLine = 0;
  /** By entry: 1 when its line is the one this export writes and its lines are in `#lines`. */
  #plain = new Uint8Array(64);
  /** The lines of this chunk to check elsewhere: the first entry's number, and their bytes. */
  #batch: { first: number; lines: Uint8Array[] } = { first: 0, lines: [] };
  #checks: Promise<void>[] = [];

  /**
   * @param options The export's dataset lines, if it gathers them as it writes its manifest, and
   * where lines are checked, if not on this thread.
   */
  constructor(options: { lines?: DatasetLines; checkLines?: CheckLines } = {}) {
    this.#lines = options.lines;
    this.#checkLines = options.checkLines;
  }

  /**
   * Notes entry `number` (the next one, from 0) as read from its line.
   *
   * @param number The entry's number.
   * @param entry The entry, parsed.
   * @param line Its line's bytes, without the newline (valid until {@linkcode CarriedEntries.endChunk}),
   * and their text.
   */
  note(number: number, entry: ManifestEntry, line: { bytes: Uint8Array; text: string }): void {
    if (number === this.#plain.length) {
      this.#plain = grown(this.#plain, new Uint8Array(2 * number));
      this.#lineEnds = grown(this.#lineEnds, new Uint32Array(2 * number));
    }
    const size = this.#lines?.size ?? 0;
    if (number === 0) this.#firstLine = size;
    this.#lineEnds[number] = size;
    // A mask file without `pixelSha256` leaves the dataset id out, if its entry is carried over:
    // such an entry is parsed again and written as an entry, which the export's lines see.
    const complete = entry.files.every((file) =>
      file.pixelSha256 !== undefined || !file.path.endsWith(".png")
    );
    if (!complete) return;
    if (this.#checkLines === undefined && !isWritten(line.bytes, line.text, entry)) return;
    this.#plain[number] = 1;
    this.#lines?.add(entry);
    this.#lineEnds[number] = this.#lines?.size ?? 0;
    if (this.#checkLines === undefined) return;
    if (this.#batch.lines.length === 0) this.#batch.first = number;
    // Entries that are not checked (not complete) count as lines that are not written so.
    while (this.#batch.first + this.#batch.lines.length < number) {
      this.#batch.lines.push(new Uint8Array(0));
    }
    this.#batch.lines.push(line.bytes);
  }

  /** Sends the lines noted since the last chunk to be checked: their bytes change after this. */
  async endChunk(): Promise<void> {
    const { first, lines } = this.#batch;
    if (this.#checkLines === undefined || lines.length === 0) return;
    this.#batch = { first: 0, lines: [] };
    // One chunk checked at a time, while this thread reads the next: one worker, not the pool's
    // every one, takes the other core.
    await this.#checks.shift();
    const lengths = new Uint32Array(lines.map((line) => line.length));
    const bytes = new Uint8Array(lengths.reduce((sum, length) => sum + length, 0));
    let at = 0;
    for (const line of lines) (bytes.set(line, at), at += line.length);
    // A check that fails leaves its lines written again, as any line that is not plain.
    const checked = this.#checkLines({ bytes, lengths })
      .catch(() => new Uint8Array(lengths.length))
      .then((flags) => this.#apply(first, flags));
    this.#checks.push(checked);
  }

  /** Waits for the lines sent to be checked. */
  async settle(): Promise<void> {
    await this.endChunk();
    await Promise.all(this.#checks.splice(0));
  }

  /**
   * Whether entry `number`'s line is exactly what this export writes for it, and its dataset
   * lines are gathered: it can be carried over as it is.
   */
  isPlain(number: number): boolean {
    return this.#plain[number] === 1;
  }

  /**
   * Leaves entry `number`'s dataset lines out: it is not carried over as it was (its task came
   * back, was removed, or its entry is written again).
   */
  omit(number: number): void {
    if (this.#plain[number] !== 1) return;
    this.#plain[number] = 0;
    if (this.#lines === undefined) return;
    const first = number === 0 ? this.#firstLine : this.#lineEnds[number - 1];
    this.#lines.omit(first, this.#lineEnds[number]);
  }

  /** The entries from `first` on whose lines are not written as the export writes them lose it. */
  #apply(first: number, flags: Uint8Array): void {
    for (let i = 0; i < flags.length; i++) if (flags[i] !== 1) this.omit(first + i);
  }
}
