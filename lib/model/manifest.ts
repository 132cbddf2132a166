import { ConfigError, UnsafePathError } from "../errors.ts";
import { type ExportFolderFs, segmentsOf } from "./export_folder_fs.ts";
import type { PanopticSegment } from "./panoptic_segment.ts";

/** The manifest's file name in an export folder. */
export const MANIFEST_NAME = "manifest.jsonl";
/** The manifest being written: renamed to {@linkcode MANIFEST_NAME} when the export ends. */
export const PARTIAL_MANIFEST_NAME = ".manifest.jsonl.part";

/** A file an export wrote for a task. */
export interface ManifestFile {
  /** The path relative to the export folder, with `/` separators. */
  path: string;
  /** The SHA-256 of its bytes, in hex. */
  sha256: string;
  /**
   * The SHA-256 of its decoded pixels in a canonical form, in hex: the same however the PNG is
   * compressed (see `PixelDigest`). Masks only.
   */
  pixelSha256?: string;
}

/** One line of `manifest.jsonl`: what happened to one task. */
export interface ManifestEntry {
  /** The task id. */
  taskId: string;
  /** The task name. */
  name: string;
  /** The task status, e.g. `complete`. */
  status?: string;
  /** The task's batch. */
  batchId?: string;
  /** When the task was last updated (ISO 8601). */
  updatedAt?: string;
  /** `exported`, `skipped: no mask`, `failed: <reason>` or `removed: <reason>`. */
  outcome: string;
  /** The task's mask path (`<name>.png`; for `binary`, its folder plus `.png`). */
  path?: string;
  /** The files written for the task (several for the `binary` format). */
  files: ManifestFile[];
  /** The mask's width in pixels. */
  width?: number;
  /** The mask's height in pixels. */
  height?: number;
  /** The ids of the labels present in the mask, in class order. */
  labels?: string[];
  /** How many instances the mask holds. */
  instanceCount?: number;
  /** Each instance id's label id (`null` for a bChannel no label has). */
  instances?: Record<string, string | null>;
  /** The path the task would have had, when an earlier task with the same name took it. */
  renamedFrom?: string;
  /** Why the task's mask was exported though something is off, e.g. its size is not the image's. */
  warning?: string;
  /** `panoptic`: the segments of its panoptic PNG, from which `panoptic.json` is written. */
  segments?: PanopticSegment[];
  /** The task's split (`train`, `val`, …), when the export splits its tasks. */
  split?: string;
  /**
   * Per label id, how many of the mask's pixels have it (labelled pixels whose bChannel is the
   * label's), when the export writes a dataset card: the card's pixel shares.
   */
  labelPixels?: Record<string, number>;
}

/**
 * Reads a manifest (`manifest.jsonl`, or the partial one of an interrupted export). A last line
 * cut short by a crash is ignored; any other bad line is an error, and so is a path that is
 * absolute or climbs out of the export folder (a tampered manifest must not make an export read
 * or delete files elsewhere).
 *
 * @param path The manifest file.
 * @param setting The option that named it, for errors.
 * @returns The entries, in file order.
 * @throws {ConfigError} when the file cannot be read, a line is not a manifest entry, or has an
 * unsafe path.
 *
 * @example
 * ```ts
 * import { readManifest } from "@lab/masks/export";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, '{"taskId":"t1","name":"a","outcome":"exported","files":[]}\n{"ta');
 * console.log((await readManifest(path, "resume")).length); // 1
 * await Deno.remove(path);
 * ```
 */
export async function readManifest(path: string, setting: string): Promise<ManifestEntry[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new ConfigError(
      `Cannot read the manifest "${path}": ${error instanceof Error ? error.message : error}`,
      { setting, cause: error },
    );
  }
  return parseManifest(text, path, setting);
}

/**
 * The entries of a manifest's text, each checked as {@linkcode readManifest} does.
 *
 * @param text The manifest's text.
 * @param path Where it was read, for errors.
 * @param setting The option that named it, for errors.
 * @returns The entries, in file order.
 * @throws {ConfigError} when a line is not a manifest entry or has an unsafe path.
 *
 * @example
 * ```ts
 * import { parseManifest } from "@lab/masks/export";
 *
 * const line = '{"taskId":"t1","name":"a","outcome":"exported","files":[{"path":"../x","sha256":""}]}';
 * try {
 *   parseManifest(line, "manifest.jsonl", "resume");
 * } catch (error) {
 *   console.log((error as Error).name); // "UnsafePathError"
 * }
 * ```
 */
export function parseManifest(text: string, path: string, setting: string): ManifestEntry[] {
  const lines = text.split("\n");
  const entries: ManifestEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const entry = parseManifestLine(line, { number: i + 1, last: i === lines.length - 1 }, {
      path,
      setting,
    });
    if (entry === null) break;
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

/** Where a manifest line is, for {@linkcode parseManifestLine}. */
export interface ManifestLinePlace {
  /** The line's number, from 1. */
  number: number;
  /** Whether it is the file's last line, after which no newline came. */
  last: boolean;
}

/**
 * One line of a manifest, checked as {@linkcode readManifest} checks it.
 *
 * @param line The line, without its newline.
 * @param place Its number, and whether it ends the file without a newline.
 * @param source Where the manifest was read, and the option that named it, for errors.
 * @returns The entry; `undefined` for a blank line; `null` for a last line cut short by a crash.
 * @throws {ConfigError} when the line is not a manifest entry or has an unsafe path.
 *
 * @example
 * ```ts
 * import { parseManifestLine } from "./manifest.ts";
 *
 * const source = { path: "manifest.jsonl", setting: "resume" };
 * const entry = parseManifestLine('{"taskId":"t1","name":"a","outcome":"exported","files":[]}', {
 *   number: 1,
 *   last: false,
 * }, source);
 * console.log(entry?.taskId, parseManifestLine('{"ta', { number: 2, last: true }, source)); // "t1" null
 * ```
 */
export function parseManifestLine(
  line: string,
  place: ManifestLinePlace,
  source: { path: string; setting: string },
): ManifestEntry | undefined | null {
  if (line.trim() === "") return undefined;
  const { path, setting } = source;
  let entry: ManifestEntry | undefined;
  try {
    entry = JSON.parse(line);
  } catch {
    // A crash can cut the last line short; everything before it is complete.
    if (place.last) return null;
  }
  if (!entry || typeof entry.taskId !== "string" || !Array.isArray(entry.files)) {
    throw new ConfigError(
      `The manifest "${path}" has a bad line ${place.number}: it is not a manifest entry`,
      { setting },
    );
  }
  checkPaths(entry, `${path}" line ${place.number}`, setting);
  return entry;
}

function checkPaths(entry: ManifestEntry, where: string, setting: string): void {
  const paths: unknown[] = entry.files.map((file) => file?.path);
  if (entry.path !== undefined) paths.push(entry.path);
  for (const path of paths) {
    try {
      segmentsOf(path as string);
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error;
      throw new UnsafePathError(
        String(path),
        `the manifest "${where} names it; ${error.message.replace(/^.*?: /, "")}`,
        { setting },
      );
    }
  }
}

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
  #held: string[] = [];
  #queued: string[] = [];

  /**
   * Creates a writer; nothing is written before {@linkcode ManifestWriter.start}.
   *
   * @param files The export folder's file door.
   */
  constructor(files: ExportFolderFs) {
    this.#files = files;
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
      if (ready) lines.push(`${JSON.stringify(ready)}\n`);
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
    this.#write(this.#held.join(""));
    this.#held = [];
  }

  /** Whether {@linkcode ManifestWriter.start} was called. */
  get started(): boolean {
    return this.#started;
  }

  #write(text: string): void {
    if (text === "") return;
    if (!this.#started) return void this.#held.push(text);
    this.#queued.push(text);
    if (this.#queued.length > 1) return;
    // Lines that come while a write is under way go out together in the next one: one write
    // call per burst of finished tasks, not one per task.
    this.#chain = this.#chain.then(() => this.#append(this.#queued.splice(0).join("")));
  }

  /**
   * Appends lines written after the tasks (entries carried over from an earlier export).
   *
   * @returns When they are written (or held, before {@linkcode ManifestWriter.start}).
   */
  addTrailing(entries: Iterable<ManifestEntry>): Promise<void> {
    this.#write([...entries].map((entry) => `${JSON.stringify(entry)}\n`).join(""));
    return this.#chain;
  }

  /** Writes what is left and renames the partial manifest to `manifest.jsonl` (if started). */
  async close(): Promise<void> {
    await this.#chain;
    if (!this.#started) return;
    if (!this.#file) await this.#append("");
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

  async #append(text: string): Promise<void> {
    // A new file, created exclusively: a link planted at that name is removed, not written through.
    this.#file ??= await this.#files.createFile(PARTIAL_MANIFEST_NAME);
    const bytes = this.#encoder.encode(text);
    let written = 0;
    // Synchronous, as the mask files' writes (`DENO_FILE_SYSTEM`): a few kilobytes at a time.
    while (written < bytes.length) written += this.#file.writeSync(bytes.subarray(written));
  }
}
