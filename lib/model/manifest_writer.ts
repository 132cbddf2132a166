import type { ExportFolderFs } from "./export_folder_fs.ts";
import { MANIFEST_NAME, type ManifestEntry, PARTIAL_MANIFEST_NAME } from "./manifest.ts";

const NEWLINE = new Uint8Array([0x0a]);

/**
 * Writes manifest entries in task order while tasks finish in any order: entry `n` is held until
 * entries `0..n-1` are written. Lines go to {@linkcode PARTIAL_MANIFEST_NAME} as they come, so an
 * interrupted export can be resumed; `close()` renames it to {@linkcode MANIFEST_NAME}.
 */
export class ManifestWriter {
  #files: ExportFolderFs;
  #file?: Deno.FsFile;
  #pending = new Map<number, ManifestEntry | null>();
  #next = 0;
  #chain: Promise<void> = Promise.resolve();
  #encoder = new TextEncoder();
  #started = false;
  #held: (string | Uint8Array)[] = [];
  #queued: (string | Uint8Array)[] = [];
  #onEntry?: (entry: ManifestEntry) => void;

  /**
   * Creates a writer; nothing is written before {@linkcode ManifestWriter.start}.
   *
   * @param files The export folder's file door.
   * @param options `onEntry` sees each entry as its line is made (not the lines given as text).
   */
  constructor(files: ExportFolderFs, options: { onEntry?: (entry: ManifestEntry) => void } = {}) {
    this.#files = files;
    this.#onEntry = options.onEntry;
  }

  /**
   * Records task number `sequence`'s entry, or `null` for a task that has no line (not in this
   * shard).
   *
   * @param sequence The task's position in the export, from 0.
   * @param entry Its entry.
   */
  add(sequence: number, entry: ManifestEntry | null): void {
    this.#pending.set(sequence, entry);
    const lines: string[] = [];
    while (this.#pending.has(this.#next)) {
      const ready = this.#pending.get(this.#next);
      this.#pending.delete(this.#next++);
      if (ready) lines.push(this.#line(ready));
    }
    this.#write(lines.join(""));
  }

  /**
   * Starts writing, once the export folder exists: entries added before are held until then, so
   * an export that writes no mask leaves no folder and no manifest (as the SDK).
   */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const part of this.#held) this.#write(part);
    this.#held = [];
  }

  /** Whether {@linkcode ManifestWriter.start} was called. */
  get started(): boolean {
    return this.#started;
  }

  #write(part: string | Uint8Array): void {
    if (part.length === 0) return;
    // Bytes held until the folder exists are copied: the caller's may change meanwhile.
    if (!this.#started) return void this.#held.push(typeof part === "string" ? part : part.slice());
    this.#queued.push(part);
    if (this.#queued.length > 1) return;
    // Lines that come while a write is under way go out together in the next one: one write
    // call per burst of finished tasks, not one per task.
    this.#chain = this.#chain.then(() => this.#append(this.#queued.splice(0)));
  }

  /**
   * Appends lines written after the tasks (entries carried over from an earlier export).
   *
   * @param entries The entries, or lines as they are to be written (UTF-8, without the last
   * newline), which must not change until the promise resolves.
   * @returns When they are written (or held, before {@linkcode ManifestWriter.start}).
   */
  addTrailing(entries: Iterable<ManifestEntry | Uint8Array>): Promise<void> {
    let lines: string[] = [];
    for (const entry of entries) {
      if (!(entry instanceof Uint8Array)) {
        lines.push(this.#line(entry));
        continue;
      }
      this.#write(lines.join(""));
      lines = [];
      this.#write(entry);
      this.#write(NEWLINE);
    }
    this.#write(lines.join(""));
    return this.#chain;
  }

  #line(entry: ManifestEntry): string {
    this.#onEntry?.(entry);
    return `${JSON.stringify(entry)}\n`;
  }

  /** Writes what is left and renames the partial manifest to `manifest.jsonl` (if started). */
  async close(): Promise<void> {
    await this.#chain;
    if (!this.#started) return;
    if (!this.#file) await this.#append([]);
    this.#file?.close();
    this.#file = undefined;
    await this.#files.rename(PARTIAL_MANIFEST_NAME, MANIFEST_NAME);
  }

  /** Closes the partial manifest without renaming it (an interrupted export). */
  async abandon(): Promise<void> {
    await this.#chain.catch(() => {});
    this.#file?.close();
    this.#file = undefined;
  }

  async #append(parts: (string | Uint8Array)[]): Promise<void> {
    // A new file, created exclusively: a link planted at that name is removed, not written through.
    const file = this.#file ??= await this.#files.createFile(PARTIAL_MANIFEST_NAME);
    // Synchronous, as the mask files' writes (`DENO_FILE_SYSTEM`): a few kilobytes at a time.
    const writeAll = (bytes: Uint8Array) => {
      let written = 0;
      while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
    };
    let text = "";
    for (const part of parts) {
      if (typeof part === "string") {
        text += part;
        continue;
      }
      writeAll(this.#encoder.encode(text));
      text = "";
      writeAll(part);
    }
    writeAll(this.#encoder.encode(text));
  }
}
