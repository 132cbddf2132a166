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

import { HashedKeys } from "../_hashed_keys.ts";
import { ConfigError } from "../errors.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { type FileLine, fileLineChunks } from "./_file_lines.ts";
import type { DatasetLines } from "../dataset/dataset_lines.ts";
import { CarriedEntries } from "./_carried_entries.ts";
import { type LeftOver, LineRuns } from "./_line_runs.ts";
import { parsedLines } from "./_parsed_lines.ts";
import { UnwrittenChecks, type UnwrittenLines } from "./_unwritten_checks.ts";

export type { UnwrittenLines };
import { ReadWindow } from "./_read_window.ts";
import { ExclusiveReads } from "./_exclusive_reads.ts";
import { type ManifestEntry, parseManifestLine } from "../model/manifest.ts";
import { CAME_BACK, EntryPlaces, LEFT, REMOVED } from "./_entry_places.ts";
/** How many task ids the first pass remembers, so that a repeated one costs no read. */
const RECENT_IDS = 1024;

/** The entries of an earlier export's manifest, kept in the file, found by task id. */
export class EarlierManifest {
  #file: ExclusiveReads;
  #source: { path: string; setting: string };
  /** Task id → the number of its last entry. */
  #index = new HashedKeys();
  /** Where each entry's line is, and what became of its task. */
  #places = new EntryPlaces();
  #decoder = new TextDecoder();
  /** Entries asked again, in file order as tasks come back, are read a window at a time. */
  #window = new ReadWindow((position, chunk) => this.#readAt(position, chunk));
  /** What an incremental run notes to carry entries over as they are. */
  #carried?: CarriedEntries;
  /** Chunks whose lines are told elsewhere, applied before the entries are carried over. */
  #checks?: UnwrittenChecks;

  private constructor(file: Deno.FsFile | undefined, source: { path: string; setting: string }) {
    this.#file = new ExclusiveReads(file);
    this.#source = source;
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
   * over).
   * @returns The manifest, its file open until {@linkcode EarlierManifest.close}.
   * @throws {ConfigError} when the file cannot be read, a line is not a manifest entry, or has an
   * unsafe path.
   */
  static async read(
    files: ExportFolderFs,
    name: string,
    setting: string,
    onEntry?: (entry: ManifestEntry) => void,
    options: { carried?: { lines?: DatasetLines }; unwritten?: UnwrittenLines } = {},
  ): Promise<EarlierManifest> {
    const path = files.pathOf(name);
    let manifest: EarlierManifest | undefined;
    try {
      manifest = new EarlierManifest(await files.openFile(name), { path, setting });
      if (options.carried) manifest.#carried = new CarriedEntries(options.carried.lines);
      await manifest.#indexLines(onEntry, options.unwritten);
      return manifest;
    } catch (error) {
      manifest?.close();
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(
        `Cannot read the manifest "${path}": ${error instanceof Error ? error.message : error}`,
        { setting, cause: error },
      );
    }
  }

  /** How many entries the manifest holds. */
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
    const found = await this.#find(taskId);
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
    const found = await this.#find(taskId);
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
    const found = await this.#find(taskId);
    if (found !== undefined) this.#places.mark(found.number, REMOVED);
  }

  /** Whether some entry's task has not come back in this run. */
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
    if (!this.#file.open) return;
    if (options.asText) await this.#applyChecks();
    const carried = options.asText ? this.#carried : undefined;
    const runs = new LineRuns();
    const places = this.#places;
    let number = 0;
    for await (const lines of fileLineChunks((position, chunk) => this.#readAt(position, chunk))) {
      const left: LeftOver[] = [];
      for (const line of lines) {
        // Blank lines have no entry: an entry's line starts where the first pass found it.
        if (number === places.count || line.offset !== places.startOf(number)) continue;
        const at = number++;
        const state = places.fate(at);
        const removed = state === REMOVED;
        if (state !== CAME_BACK && !removed && carried?.isPlain(at)) {
          runs.add(line, at, left);
          continue;
        }
        runs.end(left);
        this.#carried?.omit(at);
        if (state === CAME_BACK) continue;
        const text = this.#decoder.decode(line.bytes);
        left.push({ entry: parseManifestLine(text, line, this.#source)!, removed });
      }
      runs.end(left);
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
          (this.#index.find(taskId, () => true) === undefined
            ? undefined
            : (await this.#find(taskId))?.number);
        if (before === undefined) this.#index.add(taskId, number);
        else {
          this.#index.replace(taskId, before, number);
          this.#places.supersede(before, number);
        }
        if (recent.size === RECENT_IDS) recent = new Map();
        recent.set(taskId, number);
      }
      if (check) checks!.ended(this.#places.count);
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

  /** A task's last entry: among the entries its id's hash finds, the one with its id. */
  async #find(taskId: string): Promise<{ number: number; entry: ManifestEntry } | undefined> {
    for (const number of this.#index.candidates(taskId)) {
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
