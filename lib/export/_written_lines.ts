/** Lines of a manifest to check, back to back: each one's bytes, without newlines between. */
export interface WrittenLinesJob {
  /** The lines' bytes, one after the other. */
  bytes: Uint8Array;
  /** Each line's length in bytes, in order. */
  lengths: Uint32Array;
}

/**
 * Which lines are byte for byte what an export writes for their entries: the entry as JSON (as
 * `JSON.stringify` writes the value `JSON.parse` reads from the line), from bytes that are their
 * text's UTF-8 (no byte order mark, no bytes a decoder would replace with U+FFFD). An update
 * copies such a line as it is instead of parsing and writing it again; it asks a worker, while
 * it reads the manifest itself.
 *
 * @param job The lines.
 * @returns By line: 1 when it is written as the export writes it, else 0.
 *
 * @example
 * ```ts
 * import { writtenLineFlags } from "./_written_lines.ts";
 *
 * const lines = ['{"taskId":"t1"}', '{ "taskId": "t1" }'].map((line) => new TextEncoder().encode(line));
 * const bytes = new Uint8Array([...lines[0], ...lines[1]]);
 * const lengths = new Uint32Array(lines.map((line) => line.length));
 * console.log(writtenLineFlags({ bytes, lengths })); // Uint8Array(2) [1, 0]
 * ```
 */
export function writtenLineFlags(job: WrittenLinesJob): Uint8Array {
  const { bytes, lengths } = job;
  const flags = new Uint8Array(lengths.length);
  const decoder = new TextDecoder();
  let start = 0;
  for (let i = 0; i < lengths.length; i++) {
    const line = bytes.subarray(start, start + lengths[i]);
    start += lengths[i];
    flags[i] = isWritten(line, decoder.decode(line)) ? 1 : 0;
  }
  return flags;
}

/**
 * Whether the line's bytes are those the export writes for the entry they hold.
 *
 * @param bytes The line's bytes.
 * @param text Their text, decoded.
 * @param entry The value parsed from `text`, when it is known already.
 */
export function isWritten(bytes: Uint8Array, text: string, entry?: unknown): boolean {
  if (bytes[0] !== 0x7b || text.includes("\uFFFD")) return false;
  try {
    return JSON.stringify(entry ?? JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
