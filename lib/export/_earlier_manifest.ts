/**
 * An earlier export's manifest, for `resume` and `incremental`, read as a stream into compact
 * state: per entry, a 32-bit hash of its task id (in an index grown as the lines come: the file
 * is not read once more to count them first) and where its line starts in the file (it ends at
 * the next newline), about 26 bytes however long the entry at 40,000 entries (parsed whole, an
 * entry held about 700). An entry is read again from the file when its task comes back, and the
 * entries whose tasks did not come back are streamed once more at the end. The file stays open
 * until the export has taken its last task: a resumed export replaces a partial manifest meanwhile
 * (with its own new one), and the open file still reads as it was; it is closed before a new
 * manifest is renamed over it.
 *
 * A hash only finds candidates: an entry is a task's when the task id read back from the file is
 * the task's, byte for byte. Each line costs a bounded amount of work however often its task id
 * repeats: a later entry of a task replaces the earlier one in the index, once, and the earlier
 * one points at the last (kept apart, as repeats are rare).
 *
 * @module
 */

import { eventTurn } from "../_event_turn.ts";
import { ConfigError } from "../errors.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { type FileLine, fileLineChunks } from "./_file_lines.ts";
import type { DatasetLines } from "../dataset/dataset_lines.ts";
import { CarriedEntries } from "./_carried_entries.ts";
import { type LeftOver, LeftOverChunks } from "./_line_runs.ts";
import { parsedLines } from "./_parsed_lines.ts";
import { UnwrittenChecks, type UnwrittenLines } from "./_unwritten_checks.ts";

export type { UnwrittenLines };
import { EntryIndex } from "./_entry_index.ts";
import { ExclusiveReads } from "./_exclusive_reads.ts";
import type { ManifestEntry } from "../model/manifest.ts";
import { CAME_BACK, EntryPlaces, LEFT, REMOVED } from "./_entry_places.ts";
/** How {@linkcode EarlierManifest.read} reads (see there). */
export interface EarlierReading {
  carried?: { lines?: DatasetLines };
  unwritten?: UnwrittenLines;
  meanwhile?: boolean;
}

/** How many task ids the first pass remembers, so that a repeated one costs no read. */
const RECENT_IDS = 1024;

/** The entries of an earlier export's manifest, kept in the file, found by task id. */
export class EarlierManifest {
  #file: ExclusiveReads;
  #source: { path: string; setting: string };
  /** Where each entry's line is, and what became of its task. */
  #places = new EntryPlaces();
  /** Task id → its last entry. */
  #index: EntryIndex;
  #decoder = new TextDecoder();
  /** What an incremental run notes to carry entries over as they are. */
  #carried?: CarriedEntries;
  /** Chunks whose lines are told elsewhere, applied before the entries are carried over. */
  #checks?: UnwrittenChecks;
  /** The first pass over the lines, and whether it may still be going on. */
  #indexing: Promise<void> = Promise.resolve();
  #reading = false;

  private constructor(file: Deno.FsFile | undefined, source: { path: string; setting: string }) {
    this.#file = new ExclusiveReads(file);
    this.#source = source;
    this.#index = new EntryIndex(this.#places, (at, chunk) => this.#readAt(at, chunk), source);
  }

  /**
   * No earlier export: a new or overwritten export.
   *
   * @returns A manifest without entries.
   */
  static none(): EarlierManifest {
    return new EarlierManifest(undefined, { path: "", setting: "" });
  }

  /**
   * Reads a manifest in the export folder, checking every line as `readManifest` does.
   *
   * @param files The export folder's file door.
   * @param name The manifest's name in the folder.
   * @param setting The option that named it, for errors.
   * @param onEntry Sees each entry as the file is checked (the run claims the earlier file names
   * in this one pass, not in a second one over a file of 100,000 lines).
   * @param options `carried`: note what carries entries over as they are (an incremental run), with
   * the export's dataset lines when it gathers them; `unwritten`: tells elsewhere (on a worker)
   * which of a chunk's lines are not written as the export writes them, while this thread parses
   * them (their entries are noted as written meanwhile, and told apart before they are carried
   * over); `meanwhile`: return once the file is open, its lines read while the caller goes on
   * (see {@linkcode EarlierManifest.indexed}).
   * @returns The manifest, its file open until {@linkcode EarlierManifest.close}.
   * @throws {ConfigError} when the file cannot be read, a line is not a manifest entry, or has an
   * unsafe path.
   */
  static async read(
    files: ExportFolderFs,
    name: string,
    setting: string,
    onEntry?: (entry: ManifestEntry) => void,
    options: EarlierReading = {},
  ): Promise<EarlierManifest> {
    const source = { path: files.pathOf(name), setting };
    let file: Deno.FsFile;
    try {
      file = await files.openFile(name);
    } catch (error) {
      throw readError(error, source);
    }
    const manifest = new EarlierManifest(file, source);
    if (options.carried) manifest.#carried = new CarriedEntries(options.carried.lines);
    manifest.#reading = true;
    manifest.#indexing = manifest.#indexLines(onEntry, options.unwritten).then(() => {
      manifest.#reading = false;
    }, (error) => {
      manifest.#reading = false;
      manifest.close();
      throw readError(error, source);
    });
    // Told by `indexed()` and every lookup; never left unhandled meanwhile.
    manifest.#indexing.catch(() => {});
    if (!options.meanwhile) await manifest.indexed();
    return manifest;
  }

  /**
   * Waits until every line was read and checked: the entries are known.
   *
   * @throws {ConfigError} as {@linkcode EarlierManifest.read} does.
   */
  indexed(): Promise<void> {
    return this.#indexing;
  }

  /** Whether the lines are still being read (a read with `meanwhile`). */
  get reading(): boolean {
    return this.#reading;
  }

  /** How many entries the manifest holds (all of them once {@linkcode EarlierManifest.indexed}). */
  get size(): number {
    return this.#places.count;
  }

  /**
   * A task's entry, now that the task came back in this run.
   *
   * @param taskId The task id.
   * @returns Its (last) entry, or `undefined` when the manifest has none.
   */
  async take(taskId: string): Promise<ManifestEntry | undefined> {
    await this.#indexing;
    const found = await this.#index.find(taskId);
    if (found === undefined) return undefined;
    this.#places.mark(found.number, CAME_BACK);
    return found.entry;
  }

  /**
   * A task's entry, if its task has not come back in this run (nor been removed).
   *
   * @param taskId The task id.
   * @returns Its (last) entry, or `undefined`.
   */
  async left(taskId: string): Promise<ManifestEntry | undefined> {
    await this.#indexing;
    const found = await this.#index.find(taskId);
    return found !== undefined && this.#places.fate(found.number) === LEFT
      ? found.entry
      : undefined;
  }

  /**
   * Records that a task that did not come back was removed from the export.
   *
   * @param taskId The task id, one {@linkcode EarlierManifest.left} gave an entry for.
   */
  async markRemoved(taskId: string): Promise<void> {
    await this.#indexing;
    const found = await this.#index.find(taskId);
    if (found !== undefined) this.#places.mark(found.number, REMOVED);
  }

  /** Whether some entry's task has not come back in this run (once indexed). */
  hasLeft(): boolean {
    return this.#places.hasLeft();
  }

  /** Every entry, in file order. */
  async *entries(): AsyncGenerator<ManifestEntry> {
    for await (const { entry } of this.#parsedLines()) yield entry;
  }

  /** The entries whose tasks did not come back, in file order, and whether each was removed. */
  async *leftOver(): AsyncGenerator<{ entry: ManifestEntry; removed: boolean }> {
    for await (const batch of this.leftOverLines()) {
      for (const { entry, removed } of batch) yield { entry: entry!, removed: removed! };
    }
  }

  /**
   * The entries whose tasks did not come back, in file order, a chunk of the file at a time. With
   * `asText`, the entries read with `carried` whose lines are the ones this export writes for
   * them, and that were not removed, come as runs of their lines' bytes, not parsed.
   */
  async *leftOverLines(options: { asText?: boolean } = {}): AsyncGenerator<LeftOver[]> {
    await this.#indexing;
    if (!this.#file.open) return;
    if (options.asText) await this.#applyChecks();
    const chunks = new LeftOverChunks({
      places: this.#places,
      carried: this.#carried,
      asText: options.asText === true,
      ...this.#parsing,
    });
    for await (const lines of fileLineChunks((position, chunk) => this.#readAt(position, chunk))) {
      const left = chunks.of(lines);
      if (left.length > 0) yield left;
    }
  }

  /** Closes the file. Safe to call twice. */
  close(): void {
    this.#file.close();
  }

  /** Closes the file: `using earlier = await EarlierManifest.read(...)`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** The first pass: checks each line and records where it is. */
  async #indexLines(
    onEntry?: (entry: ManifestEntry) => void,
    told?: UnwrittenLines,
  ): Promise<void> {
    // Task ids seen lately, with their last entry: a repeated id is found without a read.
    let recent = new Map<string, number>();
    const here = { ...this.#parsing, written: this.#carried !== undefined };
    const away = { ...this.#parsing, written: false };
    if (told && here.written) this.#checks = new UnwrittenChecks(told, this.#source);
    for await (const lines of fileLineChunks((position, chunk) => this.#readAt(position, chunk))) {
      // A chunk's lines are told elsewhere while the workers keep up, else here.
      const checks = this.#checks;
      const check = await checks?.ready() === true;
      if (check) checks!.ask(lines, this.#places.count);
      for (const parsed of parsedLines(lines, check ? away : here)) {
        if (parsed === null) break;
        const { entry, line } = parsed;
        onEntry?.(entry);
        const number = this.#places.place(line);
        this.#carried?.note(number, entry, check || parsed.written);
        const { taskId } = entry;
        // Most ids are new: no entry's hash is like theirs, and nothing is read to tell.
        const before = recent.get(taskId) ??
          (!this.#index.mayHold(taskId) ? undefined : (await this.#index.find(taskId))?.number);
        if (before === undefined) this.#index.add(taskId, number);
        else {
          this.#index.replace(taskId, before, number);
          this.#places.supersede(before, number);
        }
        if (recent.size === RECENT_IDS) recent = new Map();
        recent.set(taskId, number);
      }
      if (check) checks!.ended(this.#places.count);
      // Meanwhile the update's first requests are answered, and its folder's walk told.
      await eventTurn();
    }
    this.#places.settle();
  }

  /** The entries noted as written whose lines are not are parsed and written again. */
  async #applyChecks(): Promise<void> {
    const carried = this.#carried;
    if (carried === undefined) return;
    const numberAt = (offset: number, first: number, end: number) =>
      this.#places.numberAt(offset, first, end);
    await this.#checks?.apply(numberAt, (number) => carried.notWritten(number));
  }

  /** The file's entries, in order, with their lines; stops at a last line cut short. */
  async *#parsedLines(): AsyncGenerator<{ entry: ManifestEntry; line: FileLine }> {
    if (!this.#file.open) return;
    const options = { ...this.#parsing, written: false };
    for await (const lines of fileLineChunks((position, chunk) => this.#readAt(position, chunk))) {
      for (const parsed of parsedLines(lines, options)) {
        if (parsed === null) return;
        yield parsed;
      }
    }
  }

  /** How lines are parsed: where they come from, for errors, and their decoder. */
  get #parsing() {
    return { source: this.#source, decoder: this.#decoder };
  }

  /** Reads the file's bytes from `position` into `chunk`: how many, or `null` at its end. */
  #readAt(position: number, chunk: Uint8Array): Promise<number | null> {
    return this.#file.readAt(position, chunk);
  }
}

/** A failed read, as {@linkcode EarlierManifest.read} tells it. */
function readError(error: unknown, source: { path: string; setting: string }): ConfigError {
  if (error instanceof ConfigError) return error;
  return new ConfigError(
    `Cannot read the manifest "${source.path}": ${error instanceof Error ? error.message : error}`,
    { setting: source.setting, cause: error },
  );
}
