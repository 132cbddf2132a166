import { UnsafePathError } from "../errors.ts";
import { join } from "../_std/path.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "./file_system.ts";
import { changedError } from "./folder_identities.ts";
import { ExportFolders, fileOnTheWay, linkError, notFound, rootMissing } from "./export_folders.ts";
import { segmentsOf } from "./segments_of.ts";
import {
  type FileToWrite,
  FileWriteFailure,
  removeChecked,
  writeFilesChecked,
} from "./swap_checked.ts";

export { segmentsOf };

/**
 * The one door to the file system for an export: every read, write, rename, delete and mkdir of
 * the export goes through here, with paths relative to the export folder (`/` separators).
 *
 * It refuses, with an {@linkcode UnsafePathError} naming the path: an absolute path or one that
 * climbs out; any existing component that is a symbolic link (the export folder itself
 * included), so nothing is read or written through a link planted in an earlier export; a read
 * of anything but a regular file (a named pipe would hang it). New
 * files are created exclusively and renamed into place, so a link at the final name is replaced,
 * never written through. A link a remove meets as the last component is removed itself (its
 * target is untouched).
 *
 * @example
 * ```ts
 * import { ExportFolderFs } from "./export_folder_fs.ts";
 *
 * const folder = await Deno.makeTempDir();
 * const files = new ExportFolderFs(folder);
 * await files.writeFile("street/a.png", new Uint8Array([1, 2, 3]));
 * console.log((await files.readFile("street/a.png")).length); // 3
 * await files.readFile("../escape.png").catch((error) => console.log(error.name)); // "UnsafePathError"
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export class ExportFolderFs {
  /** The export folder, absolute. */
  readonly root: string;
  /** The low-level file calls. */
  readonly fileSystem: FileSystem;
  /** The folders made and checked, each with its identity as first seen. */
  #folders: ExportFolders;
  #rootChosenByUser: boolean;

  /**
   * Opens the door to one export folder; nothing is touched yet.
   *
   * @param root The export folder, absolute.
   * @param options The low-level file calls to make (default `DENO_FILE_SYSTEM`), and whether
   * the root is a folder the user chose (a one-file export's output folder) rather than one the
   * export makes: it may then be a link, as the folders above an export folder may (default
   * `false`).
   */
  constructor(
    root: string,
    options: { fileSystem?: FileSystem; rootChosenByUser?: boolean } = {},
  ) {
    this.root = root;
    this.fileSystem = options.fileSystem ?? DENO_FILE_SYSTEM;
    this.#folders = new ExportFolders(root, this.fileSystem);
    this.#rootChosenByUser = options.rootChosenByUser ?? false;
  }

  /** Whether the root is a folder the user chose (it may then be a link), as it was opened. */
  get rootChosenByUser(): boolean {
    return this.#rootChosenByUser;
  }

  /**
   * The absolute path of `relative` after checking its form (no lstat).
   *
   * @throws {UnsafePathError} when it is empty, absolute or has an empty, `.` or `..` segment.
   */
  pathOf(relative: string): string {
    return join(this.root, ...segmentsOf(relative));
  }

  /** Whether the export folder exists; refuses one that is a link. */
  async rootExists(): Promise<boolean> {
    return (await this.rootInfo()) !== undefined;
  }

  /** Whether something (file, folder, link) is at `relative`; refuses links on the way. */
  async exists(relative: string): Promise<boolean> {
    return (await this.#check(relative, true)) !== undefined;
  }

  /** What is at `relative`, not following a link there (`undefined`: nothing); refuses links on the way. */
  async info(relative: string): Promise<Deno.FileInfo | undefined> {
    return await this.#check(relative, false);
  }

  /** What the export folder is (`undefined`: not there yet); refuses one that is a link. */
  async rootInfo(): Promise<Deno.FileInfo | undefined> {
    return await this.#checkRoot();
  }

  /** Reads a file; refuses links on the way and at the file, and what is not a regular file. */
  async readFile(relative: string): Promise<Uint8Array> {
    await this.#checkFile(relative);
    return await this.fileSystem.readFile(this.pathOf(relative));
  }

  /**
   * Opens a file for reading (e.g. a manifest read as a stream); refuses links on the way and at
   * the file, and what is not a regular file.
   */
  async openFile(relative: string): Promise<Deno.FsFile> {
    await this.#checkFile(relative);
    return await this.fileSystem.open(this.pathOf(relative), { read: true });
  }

  /** A named pipe would hang the read (it waits for a writer); a device or socket is no mask. */
  async #checkFile(relative: string): Promise<void> {
    const info = await this.#check(relative, true);
    if (info === undefined || info.isFile) return;
    throw new UnsafePathError(
      relative,
      info.isDirectory
        ? "it is a folder, where a file should be"
        : "it is not a regular file (a named pipe, socket or device); the export reads only files",
    );
  }

  /** Reads a text file; refuses links on the way and at the file. */
  async readTextFile(relative: string): Promise<string> {
    return new TextDecoder().decode(await this.readFile(relative));
  }

  /**
   * Writes a file atomically, making its folders; refuses links on the way. The folders on the
   * way are checked again before and after the rename: when one was swapped meanwhile, the file
   * is removed from where it landed (if it is still the one written) and the write refused.
   */
  async writeFile(relative: string, bytes: Uint8Array): Promise<void> {
    try {
      await this.writeFiles([{ relative, bytes }]);
    } catch (error) {
      throw error instanceof FileWriteFailure ? error.cause : error;
    }
  }

  /**
   * Writes files as {@linkcode ExportFolderFs.writeFile} does, one after another, sharing the
   * checks of their folders: the folders are made once, checked again once before the renames and
   * once after (a task's files, five with `binary`, cost two `lstat`s each and a few for the
   * batch, not seven each).
   *
   * @throws {FileWriteFailure} naming the file at fault (see `writeFilesChecked` for which of
   * the files are then written).
   */
  async writeFiles(batch: readonly FileToWrite[]): Promise<void> {
    if (batch.length === 0) return;
    let relative = batch[0].relative;
    try {
      await this.#checkRoot();
      for (const file of batch) await this.#folders.make(relative = file.relative);
    } catch (error) {
      throw new FileWriteFailure(relative, error);
    }
    await writeFilesChecked(this, batch);
  }

  /**
   * Opens a new file for writing (and, with `read`, reading) at `relative`, removing what was
   * there first (a link is removed, not followed) and creating the file exclusively.
   */
  async createFile(relative: string, options: { read?: boolean } = {}): Promise<Deno.FsFile> {
    await this.remove(relative);
    return await this.fileSystem.open(this.pathOf(relative), {
      createNew: true,
      write: true,
      read: options.read ?? false,
    });
  }

  /**
   * Renames a file inside the export folder; refuses links on the way and at the source, and a
   * folder on the way that changed meanwhile.
   */
  async rename(from: string, to: string): Promise<void> {
    await this.#check(from, true);
    await this.#check(to, false);
    await this.fileSystem.rename(this.pathOf(from), this.pathOf(to));
    await this.verifyFolders(from);
    await this.verifyFolders(to);
  }

  /**
   * Removes a file (or the link itself) if it is there; refuses links on the way. It is first
   * moved aside into the export folder and compared with what was checked: when a folder on the
   * way was swapped meanwhile, what was moved is put back and the removal refused.
   */
  async remove(relative: string): Promise<void> {
    const checked = await this.#check(relative, false);
    if (checked !== undefined) await removeChecked(this, relative, checked);
  }

  /** The names in the export folder; refuses a folder that is a link. */
  async names(): Promise<string[]> {
    await this.#checkRoot();
    const names: string[] = [];
    for await (const entry of this.fileSystem.readDir(this.root)) names.push(entry.name);
    return names;
  }

  /** Empties the export folder but for the names in `keep` (links are removed, never followed). */
  async empty(keep: readonly string[] = []): Promise<void> {
    for (const name of await this.names()) {
      if (keep.includes(name)) continue;
      await this.fileSystem.remove(join(this.root, name), { recursive: true });
    }
    this.#folders.forget();
  }

  /** Makes the export folder; `exclusive`: an existing one is an error (`AlreadyExists`). */
  async makeRoot(exclusive: boolean): Promise<void> {
    if (!exclusive) {
      // The folder alone, with its parents: no write to the folder above it (the Action grants
      // write access to a one-file export's output folder, not to its parent).
      if (await this.#checkRoot() === undefined) {
        await this.fileSystem.mkdir(this.root, { recursive: true });
      }
      await this.#checkRoot();
      return;
    }
    await this.fileSystem.mkdir(join(this.root, ".."), { recursive: true });
    await this.fileSystem.mkdir(this.root);
    await this.#checkRoot();
  }

  /**
   * Lstats each component of `relative` (the last one too when `last`), refusing links; returns
   * what is at the path, or `undefined` when some component is missing.
   */
  async #check(relative: string, last: boolean): Promise<Deno.FileInfo | undefined> {
    const segments = segmentsOf(relative);
    let info = await this.#checkRoot();
    for (let i = 1; i <= segments.length && info !== undefined; i++) {
      if (!info.isDirectory) throw fileOnTheWay(this.root, segments.slice(0, i - 1));
      info = await this.#lstat(join(this.root, ...segments.slice(0, i)));
      if (info?.isSymlink && (last || i < segments.length)) {
        throw linkError(segments.slice(0, i).join("/"));
      }
      if (info?.isDirectory && i < segments.length) {
        this.#folders.note(segments.slice(0, i).join("/"), info);
      }
    }
    return info;
  }

  /**
   * Checks again that the export folder and every folder on the way to `relative` are the ones
   * first seen: each is `lstat`ed (a link there now, or another folder, is refused).
   *
   * @param relative A path relative to the export folder.
   * @throws {UnsafePathError} when one changed or is gone.
   */
  async verifyFolders(relative: string): Promise<void> {
    await this.verifyFoldersOf([relative]);
  }

  /**
   * Checks again, as {@linkcode ExportFolderFs.verifyFolders} does, the folders on the way to
   * each path, each folder once.
   *
   * @param relatives Paths relative to the export folder.
   * @throws {UnsafePathError} when one changed or is gone.
   */
  async verifyFoldersOf(relatives: readonly string[]): Promise<void> {
    const root = await this.#checkRoot();
    if (root === undefined) throw changedError("");
    await this.#folders.verify(relatives);
  }

  async #checkRoot(): Promise<Deno.FileInfo | undefined> {
    const fs = this.fileSystem;
    const info = await (this.#rootChosenByUser ? fs.stat(this.root) : fs.lstat(this.root))
      .catch((error) => rootMissing(this.root, error));
    if (info?.isSymlink) {
      throw new UnsafePathError(this.root, "the export folder is a symbolic link");
    }
    if (info?.isDirectory) this.#folders.note("", info);
    return info;
  }

  async #lstat(path: string): Promise<Deno.FileInfo | undefined> {
    return await this.fileSystem.lstat(path).catch(notFound);
  }
}
