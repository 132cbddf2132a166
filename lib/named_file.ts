/**
 * Reads a file a user names in a setting (a semantic mapping, a configuration, a manifest) as
 * hostile input: at most a given size, read no further than that, so `/dev/zero` or a file that
 * grows meanwhile cannot fill the memory. A pipe is read to its end (`--config <(…)` works); a
 * folder is refused by name.
 *
 * @module
 */

/** Why a named file was not read; its message is a clause for the caller's sentence. */
export class NamedFileError extends Error {
  /**
   * Creates the error.
   *
   * @param reason Why, as a lower-case clause: `it is not a regular file (…)`.
   * @param options The underlying cause.
   */
  constructor(reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = "NamedFileError";
  }
}

/** How much of a named file may be read. */
export interface NamedFileOptions {
  /** The most bytes it may hold (at most 2 GiB). @default {2 GiB} */
  maxBytes?: number;
}

/**
 * Reads a named file's text (UTF-8; an invalid sequence becomes U+FFFD, as `Deno.readTextFile`
 * does), following a link to it.
 *
 * @param path The file's path.
 * @param options The size it may have.
 * @returns The text.
 * @throws {NamedFileError} when it is a folder or holds more than `maxBytes`.
 * @throws {Deno.errors.NotFound} and the system's other errors as `Deno.stat` and `Deno.open`
 * throw them.
 *
 * @example
 * ```ts
 * import { readNamedFile } from "./named_file.ts";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, '{"car": [1, 2, 3]}');
 * console.log(await readNamedFile(path, { maxBytes: 1024 })); // '{"car": [1, 2, 3]}'
 * await readNamedFile("/dev/zero", { maxBytes: 1024 }).catch((error) => console.log(error.message));
 * // "it holds more than 1 KiB, more than such a file ever needs"
 * await Deno.remove(path);
 * ```
 */
export async function readNamedFile(path: string, options: NamedFileOptions = {}): Promise<string> {
  // A buffer never grows past one byte more than the file may hold (2 GiB without a limit).
  const maxBytes = Math.min(options.maxBytes ?? Infinity, 2 ** 31);
  const info = await Deno.stat(path);
  if (info.isDirectory) throw new NamedFileError("it is a folder, not a file");
  if (info.size > maxBytes) throw tooBig(maxBytes);
  using file = await Deno.open(path);
  // One read takes a regular file whole; a pipe or a device grows the buffer from 64 KiB.
  let buffer = new Uint8Array(Math.min(Math.max(info.size + 1, 64 * 1024), maxBytes + 1));
  let size = 0;
  for (;;) {
    if (size === buffer.length) {
      if (size > maxBytes) throw tooBig(maxBytes);
      const larger = new Uint8Array(Math.min(size * 2, maxBytes + 1));
      larger.set(buffer);
      buffer = larger;
    }
    const read = await file.read(buffer.subarray(size));
    if (read === null) break;
    size += read;
  }
  return new TextDecoder().decode(buffer.subarray(0, size));
}

function tooBig(maxBytes: number): NamedFileError {
  const size = maxBytes >= 1024 * 1024
    ? `${Math.round(maxBytes / (1024 * 1024))} MiB`
    : `${Math.round(maxBytes / 1024)} KiB`;
  return new NamedFileError(`it holds more than ${size}, more than such a file ever needs`);
}
