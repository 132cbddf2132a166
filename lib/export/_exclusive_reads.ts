/**
 * An open file read at positions by several readers, each seek and its read alone: two readers of
 * the file (a pass over its lines, an entry read again) never interleave.
 *
 * @example
 * ```ts
 * import { ExclusiveReads } from "./_exclusive_reads.ts";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "hello world");
 * const reads = new ExclusiveReads(await Deno.open(path));
 * const chunk = new Uint8Array(5);
 * await reads.readAt(6, chunk);
 * console.log(new TextDecoder().decode(chunk)); // "world"
 * reads.close();
 * await Deno.remove(path);
 * ```
 */
export class ExclusiveReads {
  #file?: Deno.FsFile;

  /** @param file The open file, closed by {@linkcode ExclusiveReads.close} (none: nothing to read). */
  constructor(file?: Deno.FsFile) {
    this.#file = file;
  }

  /** Whether the file is still open. */
  get open(): boolean {
    return this.#file !== undefined;
  }

  /**
   * Reads the file's bytes from `position` into `chunk`.
   *
   * @returns How many, or `null` at its end.
   * @throws {RangeError} when the file is closed.
   */
  readAt(position: number, chunk: Uint8Array): Promise<number | null> {
    const file = this.#file;
    if (file === undefined) {
      return Promise.reject(new RangeError("The earlier manifest is closed: it is read no more"));
    }
    try {
      // Synchronous: the file door opens a regular file only, whose reads never wait on another
      // process, and a seek and its read then have nothing between them. Asynchronous calls each
      // went to another thread and back: an update read its 1,000 changed tasks' earlier entries
      // in 2,000 such calls.
      file.seekSync(position, Deno.SeekMode.Start);
      return Promise.resolve(file.readSync(chunk));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Closes the file. Safe to call twice. */
  close(): void {
    this.#file?.close();
    this.#file = undefined;
  }

  /** Closes the file: `using reads = new ExclusiveReads(file)`. */
  [Symbol.dispose](): void {
    this.close();
  }
}
