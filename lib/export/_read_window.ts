/**
 * Bytes read at a time. A resumed or updated export asks for the earlier manifest's entries in
 * the order they were written, so one read serves the hundreds of entries that follow: a
 * thousand reads of another thread for 100,000 entries (50 MB) instead of 200,000 (a seek and a
 * read each, one after the other, about a quarter of a resumed run's time per kept task).
 */
const WINDOW_BYTES = 64 * 1024;

/**
 * A file's byte ranges, read a window at a time: a range inside the last window read costs no
 * read at all. Holds one window (64 KiB, or the longest range asked).
 *
 * @example
 * ```ts
 * import { ReadWindow } from "./_read_window.ts";
 *
 * const text = new TextEncoder().encode("hello world");
 * let reads = 0;
 * const window = new ReadWindow((position, chunk) => {
 *   reads++;
 *   const rest = text.subarray(position, position + chunk.length);
 *   chunk.set(rest);
 *   return Promise.resolve(rest.length > 0 ? rest.length : null);
 * });
 * const decoder = new TextDecoder();
 * console.log(decoder.decode(await window.bytes(0, 5)), decoder.decode(await window.bytes(6, 11)));
 * console.log(reads); // 1: the second range was inside the first window
 * ```
 */
export class ReadWindow {
  #read: (position: number, chunk: Uint8Array) => Promise<number | null>;
  #window = new Uint8Array(0);
  /** Where the window starts in the file, and how many of its bytes were read. */
  #start = 0;
  #length = 0;

  /**
   * @param read Reads the file's bytes from `position` into `chunk`: how many, or `null` at its
   * end.
   */
  constructor(read: (position: number, chunk: Uint8Array) => Promise<number | null>) {
    this.#read = read;
  }

  /**
   * The file's bytes from `start` up to `end`, fewer when the file ends first.
   *
   * @param start Where the range starts.
   * @param end Where it ends (excluded).
   * @returns A view valid until the next call.
   */
  async bytes(start: number, end: number): Promise<Uint8Array> {
    const inside = start >= this.#start && end <= this.#start + this.#length;
    if (!inside) await this.#fill(start, end - start);
    const until = Math.min(end, this.#start + this.#length);
    return this.#window.subarray(start - this.#start, until - this.#start);
  }

  /** Reads a window from `start`, at least `wanted` bytes unless the file ends first. */
  async #fill(start: number, wanted: number): Promise<void> {
    if (this.#window.length < Math.max(wanted, WINDOW_BYTES)) {
      this.#window = new Uint8Array(Math.max(wanted, WINDOW_BYTES));
    }
    this.#start = start;
    this.#length = 0;
    while (this.#length < wanted) {
      const got = await this.#read(start + this.#length, this.#window.subarray(this.#length));
      if (got === null) break;
      this.#length += got;
    }
  }
}
