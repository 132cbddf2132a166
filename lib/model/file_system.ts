/**
 * The low-level file calls an export makes, as one replaceable object: the export's one door to
 * the file system (`ExportFolderFs`) goes through it, so tests can inject a failure part-way
 * through a write and a runtime other than Deno can bring its own.
 *
 * @module
 */

/** The file calls an export makes; each behaves as the `Deno` function of the same name. */
export interface FileSystem {
  /** Describes a path without following a link at it, like `Deno.lstat`. */
  lstat(path: string): Promise<Deno.FileInfo>;
  /** Describes a path, following links, like `Deno.stat` (only for folders above the export). */
  stat(path: string): Promise<Deno.FileInfo>;
  /** Reads a whole file, like `Deno.readFile`. */
  readFile(path: string): Promise<Uint8Array>;
  /** Writes a file, like `Deno.writeFile` (the export always asks `createNew`). */
  writeFile(path: string, bytes: Uint8Array, options: Deno.WriteFileOptions): Promise<void>;
  /** Opens a file, like `Deno.open` (the export asks `createNew` to write, `read` to read a manifest). */
  open(path: string, options: Deno.OpenOptions): Promise<Deno.FsFile>;
  /** Renames a file or folder, like `Deno.rename` (a link at `to` is replaced, not followed). */
  rename(from: string, to: string): Promise<void>;
  /**
   * Gives a file a second name, like `Deno.link`: unlike a rename, it fails (`AlreadyExists`)
   * when the name is taken. A one-file export commits a new file this way; without it, it checks
   * the name and renames.
   */
  link?(from: string, to: string): Promise<void>;
  /** Removes a file, a link or (recursively) a folder, like `Deno.remove`. */
  remove(path: string, options?: Deno.RemoveOptions): Promise<void>;
  /** Makes a folder, like `Deno.mkdir`. */
  mkdir(path: string, options?: Deno.MkdirOptions): Promise<void>;
  /** Lists a folder, like `Deno.readDir`. */
  readDir(path: string): AsyncIterable<Deno.DirEntry>;
}

/**
 * The runtime's own file system, the default of every export.
 *
 * @example Fail every mask write half-way, to test that no half-written file is left
 * ```ts
 * import { type FileSystem } from "@lab/masks";
 * import { DENO_FILE_SYSTEM } from "@lab/masks/export";
 *
 * const failing: FileSystem = {
 *   ...DENO_FILE_SYSTEM,
 *   async writeFile(path, bytes, options) {
 *     await DENO_FILE_SYSTEM.writeFile(path, bytes.subarray(0, bytes.length >> 1), options);
 *     throw new Error("disk full");
 *   },
 * };
 * console.log(typeof failing.rename); // "function"
 * ```
 */
export const DENO_FILE_SYSTEM: FileSystem = {
  // The calls made for every mask (a few per file, each quick on a local disk) are the runtime's
  // synchronous ones behind a promise: its asynchronous calls hand each one to another thread and
  // back, which cost more than the call itself (about 0.3 s of CPU and a busier main thread in an
  // export of 2,400 masks, measured); the workers have their next masks queued meanwhile. A
  // resumed export reads every kept file back to check it: 60,000 of them in one run. The
  // folders' checks (`stat` of the folders above the export) and `mkdir` (a folder a task, with
  // `binary`) are such calls too.
  lstat: (path) => promised(() => Deno.lstatSync(path)),
  stat: (path) => promised(() => Deno.statSync(path)),
  // A regular file only: reading a FIFO or a device synchronously could block this thread.
  readFile: (path) =>
    promised(() => Deno.statSync(path).isFile).then((regular) =>
      regular ? Deno.readFileSync(path) : Deno.readFile(path)
    ),
  writeFile: (path, bytes, options) => promised(() => Deno.writeFileSync(path, bytes, options)),
  open: (path, options) => Deno.open(path, options),
  rename: (from, to) => promised(() => Deno.renameSync(from, to)),
  link: (from, to) => Deno.link(from, to),
  remove: (path, options) => Deno.remove(path, options),
  mkdir: (path, options) => promised(() => Deno.mkdirSync(path, options)),
  readDir: (path) => Deno.readDir(path),
};

/** A synchronous call's result as a promise, its error as a rejection. */
function promised<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error);
  }
}
