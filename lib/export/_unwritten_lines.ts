import type { FileLine } from "./_file_lines.ts";
import { parsedLines } from "./_parsed_lines.ts";

/** Whole lines of a manifest, one after the other in the file, to be told apart elsewhere. */
export interface ManifestLines {
  /** Their bytes, each line's followed by a newline but the last's. */
  bytes: Uint8Array;
  /** Where the first starts in the file. */
  offset: number;
  /** Whether the last ends the file without a newline (it may be cut short). */
  last: boolean;
  /** Where the manifest is, and the option that named it. */
  source: { path: string; setting: string };
}

/**
 * A chunk's lines in one buffer of their own, to be posted to a worker.
 *
 * @param lines Lines that follow one another in the file.
 * @param source Where the manifest is, and the option that named it.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { manifestLines } from "./_unwritten_lines.ts";
 *
 * const bytes = new TextEncoder().encode("ab\ncd");
 * const lines = [
 *   { bytes: bytes.subarray(0, 2), offset: 10, number: 1, last: false },
 *   { bytes: bytes.subarray(3), offset: 13, number: 2, last: true },
 * ];
 * const joined = manifestLines(lines, { path: "m", setting: "incremental" });
 * console.log(new TextDecoder().decode(joined.bytes), joined.offset, joined.last); // "ab\ncd" 10 true
 * ```
 */
export function manifestLines(
  lines: readonly FileLine[],
  source: ManifestLines["source"],
): ManifestLines {
  const first = lines[0];
  const last = lines[lines.length - 1];
  const bytes = new Uint8Array(last.offset + last.bytes.length - first.offset);
  // Lines read into one buffer lie there as in the file, newlines between: copied at once.
  const together = last.bytes.buffer === first.bytes.buffer &&
    last.bytes.byteOffset - first.bytes.byteOffset === last.offset - first.offset;
  if (together) {
    bytes.set(new Uint8Array(first.bytes.buffer, first.bytes.byteOffset, bytes.length));
    return { bytes, offset: first.offset, last: last.last, source };
  }
  for (const line of lines) {
    const at = line.offset - first.offset;
    bytes.set(line.bytes, at);
    if (at + line.bytes.length < bytes.length) bytes[at + line.bytes.length] = 0x0a;
  }
  return { bytes, offset: first.offset, last: last.last, source };
}

/**
 * Where the entries start, among some whole lines of a manifest, whose lines are not byte for
 * byte what an export writes for them (as `parsedLines` tells them: an update parses and writes
 * those again, and copies the others as they are). Run on a worker while the export's thread
 * parses the same lines for their entries; a line that is not an entry makes it throw, and the
 * export's thread reports it.
 *
 * @param lines The lines.
 * @returns The entries' offsets in the file, in order (most often none).
 * @throws {ConfigError} when a line is not a manifest entry.
 *
 * @example
 * ```ts
 * import { unwrittenLines } from "./_unwritten_lines.ts";
 *
 * const text = '{"taskId":"t1","name":"a","outcome":"exported","files":[]}\n\n{ "taskId":"t2","name":"b","outcome":"exported","files":[]}';
 * const source = { path: "m", setting: "incremental" };
 * const lines = { bytes: new TextEncoder().encode(text), offset: 100, last: false, source };
 * console.log(unwrittenLines(lines)); // [160]
 * ```
 */
export function unwrittenLines(lines: ManifestLines): number[] {
  const { bytes, offset, source } = lines;
  const split: FileLine[] = [];
  let from = 0;
  for (let end = bytes.indexOf(10); from <= bytes.length; end = bytes.indexOf(10, from)) {
    const stop = end === -1 ? bytes.length : end;
    const line = bytes.subarray(from, stop);
    split.push({ bytes: line, offset: offset + from, number: split.length + 1, last: false });
    from = stop + 1;
  }
  split[split.length - 1].last = lines.last;
  const unwritten: number[] = [];
  const options = { source, decoder: new TextDecoder(), written: true };
  for (const parsed of parsedLines(split, options)) {
    if (parsed === null) break;
    if (!parsed.written) unwritten.push(parsed.line.offset);
  }
  return unwritten;
}
