import { releaseBytes } from "../_release_bytes.ts";
import type { FileLine } from "./_file_lines.ts";
import { type ManifestLines, manifestLines } from "./_unwritten_lines.ts";

/** Tells elsewhere where the entries start whose lines are not written as an export writes them. */
export type UnwrittenLines = (lines: ManifestLines) => Promise<number[]>;

/** Chunks told elsewhere at once, at most: beyond, the lines are told here (a busy worker). */
const CHECKS_AWAY = 2;

/** A chunk's lines told elsewhere: its entries' numbers, and the answer to come. */
interface UnwrittenCheck {
  first: number;
  end: number;
  offsets: Promise<number[]>;
}

/**
 * The chunks of an earlier manifest whose lines an update has told elsewhere (on the export's
 * workers) which it can copy as they are, while its own thread parses them: their entries are
 * noted as written meanwhile, and those that are not are told apart before they are carried over.
 * A chunk is told elsewhere while fewer than two wait there (a busy worker leaves it to the
 * export's thread, as before).
 *
 * @example
 * ```ts
 * import { UnwrittenChecks } from "./_unwritten_checks.ts";
 * import { unwrittenLines } from "./_unwritten_lines.ts";
 *
 * const checks = new UnwrittenChecks((lines) => Promise.resolve(unwrittenLines(lines)), {
 *   path: "manifest.jsonl",
 *   setting: "incremental",
 * });
 * const bytes = new TextEncoder().encode('{ "taskId":"t1","name":"a","outcome":"exported","files":[]}');
 * checks.ask([{ bytes, offset: 0, number: 1, last: false }], 0);
 * checks.ended(1);
 * await checks.apply((offset) => offset === 0 ? 0 : undefined, (number) => console.log(number)); // 0
 * ```
 */
export class UnwrittenChecks {
  #told: UnwrittenLines;
  #source: ManifestLines["source"];
  #checks: UnwrittenCheck[] = [];
  #away = 0;

  /**
   * @param told Tells elsewhere which of some lines are not written.
   * @param source Where the manifest is, and the option that named it.
   */
  constructor(told: UnwrittenLines, source: ManifestLines["source"]) {
    this.#told = told;
    this.#source = source;
  }

  /**
   * Whether a chunk's lines can be told elsewhere now: fewer than two wait there. When two do, the
   * event loop first takes the answers that came: the manifest is read with synchronous calls,
   * which never let it turn, so without this turn no answer would be heard before the whole file
   * was read, and every chunk after the first two would be told here.
   */
  async ready(): Promise<boolean> {
    if (this.#away >= CHECKS_AWAY) await new Promise((resolve) => setTimeout(resolve, 0));
    return this.#away < CHECKS_AWAY;
  }

  /**
   * Asks elsewhere about a chunk's lines; then {@linkcode UnwrittenChecks.ended} once they are
   * numbered.
   *
   * @param lines The lines, that follow one another in the file.
   * @param first The number of the first entry among them.
   */
  ask(lines: readonly FileLine[], first: number): void {
    const asked = lines.length === 0 ? undefined : manifestLines(lines, this.#source);
    if (asked !== undefined) this.#away++;
    // A copy of a megabyte: freed once posted and answered, not at V8's next full collection.
    const offsets = asked === undefined ? Promise.resolve([]) : this.#told(asked).finally(() => {
      this.#away--;
      releaseBytes(asked.bytes);
    });
    // Heeded before the entries are carried over; a failure then counts as every line's.
    offsets.catch(() => {});
    this.#checks.push({ first, end: first, offsets });
  }

  /** The chunk asked about last has its entries up to `end` (excluded). */
  ended(end: number): void {
    this.#checks[this.#checks.length - 1].end = end;
  }

  /**
   * Waits for the answers and calls `notWritten` with each entry whose line is not written, or,
   * for a chunk that could not be told, with each of its entries.
   *
   * @param numberAt The entry whose line starts at an offset, among entries `first` to `end`.
   * @param notWritten Notes that an entry's line is not written.
   */
  async apply(
    numberAt: (offset: number, first: number, end: number) => number | undefined,
    notWritten: (number: number) => void,
  ): Promise<void> {
    for (const { first, end, offsets } of this.#checks.splice(0)) {
      const told = await offsets.catch(() => undefined);
      if (told === undefined) {
        for (let number = first; number < end; number++) notWritten(number);
        continue;
      }
      for (const offset of told) {
        const number = numberAt(offset, first, end);
        if (number !== undefined) notWritten(number);
      }
    }
  }
}
