import { ConfigError, UnsafePathError } from "../errors.ts";
import { segmentsOf } from "./export_folder_fs.ts";
import type { PanopticSegment } from "./panoptic_segment.ts";
import { fieldFault } from "./_manifest_fields.ts";
import { readNamedFile } from "../named_file.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

export { filesFault } from "./_manifest_fields.ts";

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
 * @throws {TypeError} when the path is not a string.
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
  checkArgumentType(path, "path", TEXT);
  let text: string;
  try {
    // The longest string V8 makes is about 512 MiB; a manifest that long is not read whole.
    text = await readNamedFile(path, { maxBytes: 512 * 1024 * 1024 });
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
 * @throws {TypeError} when the text is not a string.
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
  checkArgumentType(text, "text", TEXT);
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
  let entry: ManifestEntry | undefined;
  try {
    entry = JSON.parse(line);
  } catch {
    // A crash can cut the last line short; everything before it is complete.
    if (place.last) return null;
  }
  return checkManifestEntry(entry, place, source);
}

/**
 * A value parsed from a manifest line, checked as {@linkcode parseManifestLine} checks it.
 *
 * @param value The value.
 * @param place The line's number (and whether it ends the file).
 * @param source Where the manifest was read, and the option that named it, for errors.
 * @returns The value, a manifest entry.
 * @throws {ConfigError} when it is not a manifest entry, a field of it has the wrong type (named
 * in the message), or it has an unsafe path.
 *
 * @example
 * ```ts
 * import { checkManifestEntry } from "./manifest.ts";
 *
 * const source = { path: "manifest.jsonl", setting: "resume" };
 * const value = { taskId: "t1", name: "a", outcome: "exported", files: [] };
 * console.log(checkManifestEntry(value, { number: 1, last: false }, source).taskId); // "t1"
 * ```
 */
export function checkManifestEntry(
  value: unknown,
  place: ManifestLinePlace,
  source: { path: string; setting: string },
): ManifestEntry {
  const { path, setting } = source;
  const entry = value as ManifestEntry | undefined;
  if (!entry || typeof entry.taskId !== "string" || !Array.isArray(entry.files)) {
    throw new ConfigError(
      `The manifest "${path}" has a bad line ${place.number}: it is not a manifest entry`,
      { setting },
    );
  }
  const fault = fieldFault(entry);
  if (fault !== undefined) {
    throw new ConfigError(
      `The manifest "${path}" has a bad line ${place.number}: ${fault}`,
      { setting },
    );
  }
  for (const file of entry.files) checkPath(file.path, place, source);
  if (entry.path !== undefined) checkPath(entry.path, place, source);
  return entry;
}

// Names of ASCII letters, digits, `_`, `-` and `.`, none starting with `.`, joined by `/`: a path
// `segmentsOf` accepts (relative, no empty, `.` or `..` part), told without cutting it in parts.
const PLAIN_RELATIVE = /^[\w-][\w.-]*(?:\/[\w-][\w.-]*)*$/;

function checkPath(
  path: unknown,
  place: ManifestLinePlace,
  source: { path: string; setting: string },
): void {
  if (typeof path === "string" && PLAIN_RELATIVE.test(path)) return;
  try {
    segmentsOf(path as string);
  } catch (error) {
    if (!(error instanceof UnsafePathError)) throw error;
    const where = `${source.path}" line ${place.number}`;
    throw new UnsafePathError(
      String(path),
      `the manifest "${where} names it; ${error.message.replace(/^.*?: /, "")}`,
      { setting: source.setting },
    );
  }
}
