/**
 * Bytes read at a time: each read is a seek and a read handed to another thread and back, so a
 * manifest of 100,000 entries (50 MB) is read in 50 of them, not 800.
 */
const CHUNK_BYTES = 1024 * 1024;

/** A line of a file. */
export interface FileLine {
  /** Its bytes, without the newline; valid until the next line is taken. */
  bytes: Uint8Array;
  /** Where it starts in the file, in bytes. */
  offset: number;
  /** Its number, from 1. */
  number: number;
  /** Whether it ends the file without a newline. */
  last: boolean;
}

/**
 * The lines of a file, as bytes and where each starts, read a megabyte at a time (the next one
 * while the caller takes a chunk's lines): a file of any size is read with memory for two chunks
 * and its longest line.
 *
 * @param read Reads the file's bytes from `position` into `chunk`: how many, or `null` at its end.
 * @returns The lines, in order; a last line without a newline is marked `last`.
 *
 * @example
 * ```ts
 * import { fileLines } from "./_file_lines.ts";
 *
 * const text = new TextEncoder().encode("a\nbc\nd");
 * const read = (position: number, chunk: Uint8Array) => {
 *   const rest = text.subarray(position, position + chunk.length);
 *   chunk.set(rest);
 *   return Promise.resolve(rest.length > 0 ? rest.length : null);
 * };
 * for await (const line of fileLines(read)) console.log(line.offset, line.last); // 0 false, 2 false, 5 true
 * ```
 */
export async function* fileLines(
  read: (position: number, chunk: Uint8Array) => Promise<number | null>,
): AsyncGenerator<FileLine> {
  for await (const lines of fileLineChunks(read)) yield* lines;
}

/**
 * The lines of a file as {@linkcode fileLines} gives them, those of each chunk read together: a
 * caller that takes 100,000 lines pays for a thousand steps of an async generator, not 100,000.
 *
 * @param read Reads the file's bytes from `position` into `chunk`: how many, or `null` at its end.
 * @returns The lines, in order, a chunk's at a time; their bytes are valid until the next batch.
 *
 * @example
 * ```ts
 * import { fileLineChunks } from "./_file_lines.ts";
 *
 * const text = new TextEncoder().encode("a\nbc\nd");
 * const read = (position: number, chunk: Uint8Array) => {
 *   const rest = text.subarray(position, position + chunk.length);
 *   chunk.set(rest);
 *   return Promise.resolve(rest.length > 0 ? rest.length : null);
 * };
 * for await (const lines of fileLineChunks(read)) console.log(lines.length); // 2, then 1
 * ```
 */
export async function* fileLineChunks(
  read: (position: number, chunk: Uint8Array) => Promise<number | null>,
): AsyncGenerator<FileLine[]> {
  // Two buffers: the next chunk is read into one while the caller takes the other's lines.
  let chunk = new Uint8Array(CHUNK_BYTES);
  let ahead = new Uint8Array(CHUNK_BYTES);
  let pending: Uint8Array = new Uint8Array(1024);
  let pendingLength = 0;
  let position = 0;
  let lineStart = 0;
  let number = 0;
  let next = read(position, chunk);
  for (let got = await next; got !== null; got = await next) {
    // Asked now, taken after the caller's turn; a caller that stops early leaves it unheeded.
    next = read(position + got, ahead);
    next.catch(() => {});
    const lines: FileLine[] = [];
    let from = 0;
    for (let end = chunk.indexOf(10, from); end >= 0 && end < got; end = chunk.indexOf(10, from)) {
      let bytes: Uint8Array = chunk.subarray(from, end);
      if (pendingLength > 0) {
        pending = appended(pending, pendingLength, bytes);
        bytes = pending.subarray(0, pendingLength + bytes.length);
        pendingLength = 0;
      }
      lines.push({ bytes, offset: lineStart, number: ++number, last: false });
      from = end + 1;
      lineStart = position + from;
    }
    // The lines' bytes are the chunk's (the first may be `pending`'s): taken before either changes.
    if (lines.length > 0) yield lines;
    pending = appended(pending, pendingLength, chunk.subarray(from, got));
    pendingLength += got - from;
    position += got;
    [chunk, ahead] = [ahead, chunk];
  }
  if (pendingLength > 0) {
    yield [{
      bytes: pending.subarray(0, pendingLength),
      offset: lineStart,
      number: ++number,
      last: true,
    }];
  }
}

/** `bytes` appended after the first `length` bytes of `buffer`, grown if need be. */
function appended(buffer: Uint8Array, length: number, bytes: Uint8Array): Uint8Array {
  let target = buffer;
  if (length + bytes.length > buffer.length) {
    target = new Uint8Array(Math.max(buffer.length * 2, length + bytes.length));
    target.set(buffer.subarray(0, length));
  }
  target.set(bytes, length);
  return target;
}
