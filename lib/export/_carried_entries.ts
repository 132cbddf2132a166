import type { DatasetLines } from "../dataset/dataset_lines.ts";
import type { ManifestEntry } from "../model/manifest.ts";
import { grown } from "./_grown.ts";

/**
 * What an incremental run notes of each entry of the earlier manifest as it reads it, so that the
 * entries it carries over need not be parsed and written again: whether the entry's line is
 * exactly the line this export would write for it (then the line is copied as it is), and, into
 * the export's dataset lines, the entry's `<path> <pixelSha256>` lines, left out again for the
 * entries the update does not carry over as they were. Five bytes an entry besides those lines
 * (about 100 bytes a mask file, as the export's end held them before).
 *
 * @example
 * ```ts
 * import { CarriedEntries } from "./_carried_entries.ts";
 * import { DatasetLines } from "../dataset/dataset_lines.ts";
 *
 * const lines = new DatasetLines();
 * const carried = new CarriedEntries(lines);
 * const file = { path: "a.png", sha256: "00", pixelSha256: "ab" };
 * const entry = { taskId: "t1", name: "a", outcome: "exported", files: [file] };
 * carried.note(0, entry, true);
 * carried.note(1, entry, false);
 * carried.omit(1);
 * console.log(carried.isPlain(0), carried.isPlain(1), lines.identity("cd").masks); // true false 1
 * ```
 */
export class CarriedEntries {
  #lines?: DatasetLines;
  /** By entry: the number after its last line in `#lines` (its first is the entry before's end). */
  #lineEnds = new Uint32Array(64);
  /** Where the first entry's lines start in `#lines`. */
  #firstLine = 0;
  /** By entry: 1 when its line is the one this export writes and its lines are in `#lines`. */
  #plain = new Uint8Array(64);

  /**
   * @param lines The export's dataset lines, if it gathers them as it writes its manifest.
   */
  constructor(lines?: DatasetLines) {
    this.#lines = lines;
  }

  /**
   * Notes entry `number` (the next one, from 0) as read from its line.
   *
   * @param number The entry's number.
   * @param entry The entry, parsed.
   * @param written Whether its line is byte for byte what the export writes for it.
   */
  note(number: number, entry: ManifestEntry, written: boolean): void {
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
    if (!complete || !written) return;
    this.#plain[number] = 1;
    this.#lines?.add(entry);
    this.#lineEnds[number] = this.#lines?.size ?? 0;
  }

  /**
   * Whether entry `number`'s line is exactly what this export writes for it, and its dataset
   * lines are gathered: it can be carried over as it is.
   */
  isPlain(number: number): boolean {
    return this.#plain[number] === 1;
  }

  /**
   * Entry `number`, noted as written, is not: it is parsed and written again when carried over,
   * and its dataset lines are left out (the entry written again adds them).
   */
  notWritten(number: number): void {
    this.omit(number);
    this.#plain[number] = 0;
  }

  /**
   * Leaves entry `number`'s dataset lines out: it is not carried over as it was (its task came
   * back, was removed, or its entry is written again).
   */
  omit(number: number): void {
    if (this.#lines === undefined || this.#plain[number] !== 1) return;
    const first = number === 0 ? this.#firstLine : this.#lineEnds[number - 1];
    this.#lines.omit(first, this.#lineEnds[number]);
  }
}
