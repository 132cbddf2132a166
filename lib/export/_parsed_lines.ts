import type { FileLine } from "./_file_lines.ts";
import { checkManifestEntry, type ManifestEntry, parseManifestLine } from "../model/manifest.ts";

/**
 * Bytes parsed together, at most (one line more, if it alone is longer): a batch's text, its JSON
 * array and that array written again stay below V8's large objects (128 KiB), which only a full
 * collection frees, and its entries die young.
 */
const BATCH_BYTES = 48 * 1024;

/** A manifest line, parsed and checked. */
export interface ParsedLine {
  /** The line. */
  line: FileLine;
  /** Its entry. */
  entry: ManifestEntry;
  /** With `written`: whether the line is byte for byte what an export writes for its entry. */
  written: boolean;
}

/** How {@linkcode parsedLines} reads. */
export interface ParsedLinesOptions {
  /** Where the manifest is, and the option that named it, for errors. */
  source: { path: string; setting: string };
  /** Decodes the lines. */
  decoder: TextDecoder;
  /** Tell which lines are written as an export writes them (it costs writing each entry again). */
  written: boolean;
}

/**
 * The entries of a chunk's lines, each checked as {@linkcode parseManifestLine} checks it (the same
 * entries, the same errors), and blank lines left out; `null` for a last line cut short, which
 * ends them. Lines that follow one another are parsed up to 48 KiB at a time as one JSON array, and,
 * with `written`, written again as one: a manifest of 100,000 lines costs 2,500 calls, not 200,000, and
 * each line whose batch is written exactly as it was is one (a JSON array's elements are told
 * apart by the grammar alone). A batch that does not parse so, or is written otherwise, is read
 * line by line.
 *
 * @param lines The lines of a chunk of the file.
 * @param options Where they are from, how to decode them, and whether to tell the written ones.
 * @returns The parsed lines, in order.
 * @throws {ConfigError} when a line is not a manifest entry or has an unsafe path.
 *
 * @example
 * ```ts
 * import { parsedLines } from "./_parsed_lines.ts";
 *
 * const bytes = new TextEncoder().encode('{"taskId":"t1","name":"a","outcome":"exported","files":[]}\n{ "taskId":"t2","name":"b","outcome":"exported","files":[]}\n');
 * const lines = [
 *   { bytes: bytes.subarray(0, 58), offset: 0, number: 1, last: false },
 *   { bytes: bytes.subarray(59, 118), offset: 59, number: 2, last: false },
 * ];
 * const options = { source: { path: "m", setting: "resume" }, decoder: new TextDecoder(), written: true };
 * for (const parsed of parsedLines(lines, options)) console.log(parsed?.entry.taskId, parsed?.written); // t1 true, t2 false
 * ```
 */
export function* parsedLines(
  lines: readonly FileLine[],
  options: ParsedLinesOptions,
): Generator<ParsedLine | null> {
  let start = 0;
  while (start < lines.length) {
    const end = batchEnd(lines, start);
    const batch = end - start > 1 ? parseBatch(lines.slice(start, end), options) : undefined;
    for (let i = start; i < end; i++) {
      const line = lines[i];
      if (batch === undefined) {
        const parsed = parseOne(line, options);
        if (parsed === null) {
          yield null;
          return;
        }
        if (parsed !== undefined) yield parsed;
        continue;
      }
      const entry = checkManifestEntry(batch.values[i - start], line, options.source);
      const written = options.written &&
        (batch.written || isWritten(line.bytes, options.decoder.decode(line.bytes), entry));
      yield { line, entry, written };
    }
    start = end;
  }
}

/**
 * Whether a line's bytes are those an export writes for its entry: the entry as JSON, from bytes
 * that are their text's UTF-8 (no byte order mark, no bytes a decoder replaced with U+FFFD).
 */
function isWritten(bytes: Uint8Array, text: string, entry: ManifestEntry): boolean {
  return bytes[0] === 0x7b && !text.includes("\uFFFD") && JSON.stringify(entry) === text;
}

/** One line, as `parseManifestLine` reads it. */
function parseOne(line: FileLine, options: ParsedLinesOptions): ParsedLine | null | undefined {
  const text = options.decoder.decode(line.bytes);
  const entry = parseManifestLine(text, line, options.source);
  if (entry === null || entry === undefined) return entry;
  return { line, entry, written: options.written && isWritten(line.bytes, text, entry) };
}

/** The end of the batch from `start`: lines that follow one another in one buffer, none cut short. */
function batchEnd(lines: readonly FileLine[], start: number): number {
  let end = start + 1;
  const from = lines[start].bytes.byteOffset;
  while (end < lines.length) {
    const before = lines[end - 1].bytes;
    const { bytes, last } = lines[end];
    if (last || bytes.buffer !== before.buffer) break;
    if (bytes.byteOffset !== before.byteOffset + before.length + 1) break;
    if (bytes.byteOffset + bytes.length - from > BATCH_BYTES) break;
    end++;
  }
  return lines[start].last ? start + 1 : end;
}

/**
 * A batch's lines as one JSON array: its values, one a line, and whether the array written again
 * is the lines as they are; `undefined` when it is not one value a line.
 */
function parseBatch(
  batch: readonly FileLine[],
  options: ParsedLinesOptions,
): { values: unknown[]; written: boolean } | undefined {
  const first = batch[0].bytes;
  const last = batch[batch.length - 1].bytes;
  const length = last.byteOffset + last.length - first.byteOffset;
  const text = options.decoder.decode(new Uint8Array(first.buffer, first.byteOffset, length));
  // Newlines end lines only: they cannot be inside a line's JSON.
  const array = `[${text.replaceAll("\n", ",")}]`;
  let values: unknown;
  try {
    values = JSON.parse(array);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length !== batch.length) return undefined;
  const written = options.written && !text.includes("\uFFFD") &&
    batch.every((line) => line.bytes[0] === 0x7b) && JSON.stringify(values) === array;
  return { values, written };
}
