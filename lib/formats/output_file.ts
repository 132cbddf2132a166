import { basename, dirname, join } from "../_std/path.ts";

/**
 * A file written front to back under a temporary name in its folder and renamed into place when
 * complete, so a killed export never leaves a half-written archive or JSON file at the name (at
 * worst a `.<name>.<random>.tmp`). Nothing touches the disk before the first write.
 *
 * @example
 * ```ts
 * import { OutputFile } from "@lab/masks/formats";
 *
 * const folder = await Deno.makeTempDir();
 * const file = new OutputFile(`${folder}/out.json`);
 * await file.write(new TextEncoder().encode("[]"));
 * await file.commit();
 * console.log(await Deno.readTextFile(`${folder}/out.json`)); // "[]"
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export class OutputFile {
  /** The absolute path the file gets when committed. */
  readonly path: string;
  #temporary: string;
  #handle?: Deno.FsFile;
  #opening?: Promise<Deno.FsFile>;

  /**
   * Names the file; nothing is created yet.
   *
   * @param path Where the complete file goes; its parent folders are created on the first write.
   */
  constructor(path: string) {
    this.path = path;
    const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
    this.#temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
  }

  /** Whether anything was written yet. */
  get started(): boolean {
    return this.#opening !== undefined;
  }

  /**
   * Appends bytes, creating the folder and the temporary file on the first call.
   *
   * @param bytes What to append.
   */
  async write(bytes: Uint8Array): Promise<void> {
    const handle = await (this.#opening ??= this.#open());
    for (let at = 0; at < bytes.length;) at += await handle.write(bytes.subarray(at));
  }

  /**
   * Appends the whole content of another output file, which is then removed (its bytes are
   * streamed, never held whole).
   *
   * @param other A file written to but not committed.
   */
  async append(other: OutputFile): Promise<void> {
    if (!other.started) return;
    const handle = await (this.#opening ??= this.#open());
    const source = await other.#opening!;
    await source.seek(0, Deno.SeekMode.Start);
    await source.readable.pipeTo(handle.writable, { preventClose: true });
    other.#handle = undefined;
    await Deno.remove(other.#temporary);
  }

  /** Closes the file and renames it to its path; a file never written stays unwritten. */
  async commit(): Promise<void> {
    if (!this.#opening) return;
    (await this.#opening).close();
    this.#handle = undefined;
    await Deno.rename(this.#temporary, this.path);
  }

  /** Closes and removes the temporary file. */
  async abandon(): Promise<void> {
    if (!this.#opening) return;
    const handle = await this.#opening.catch(() => undefined);
    if (this.#handle) handle?.close();
    this.#handle = undefined;
    await Deno.remove(this.#temporary).catch(() => {});
  }

  async #open(): Promise<Deno.FsFile> {
    await Deno.mkdir(dirname(this.path), { recursive: true });
    this.#handle = await Deno.open(this.#temporary, {
      read: true,
      write: true,
      createNew: true,
    });
    return this.#handle;
  }
}
