import { ConfigError, UnsafePathError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { ExportFolderFs } from "../model/export_folder_fs.ts";
import type { FileSystem } from "../model/file_system.ts";
import { basename, dirname } from "../_std/path.ts";
import { FolderLock } from "../model/folder_lock.ts";

/** The lock held in their folder while several files are placed together. */
const PLACING_LOCK = ".lab-masks-placing.lock";

/**
 * A file written front to back under a temporary name in its folder and renamed into place when
 * complete, so a killed export never leaves a half-written archive or JSON file at the name (at
 * worst a `.<name>.<random>.tmp`, and, for a file per split replacing others, the replaced file
 * kept as `.<name>.<random>.old`). Nothing touches the disk before the first write. Every call
 * goes through the export's file door: the temporary file is created exclusively, and a link at
 * the file's name is refused by {@linkcode OutputFile.checkTarget}, never written through.
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
  #files: ExportFolderFs;
  #name: string;
  #temporary: string;
  #handle?: Deno.FsFile;
  #opening?: Promise<Deno.FsFile>;
  /** Whether a file at the path may be replaced (`checkTarget`'s `overwrite`). */
  #overwrite = false;
  /** Whether {@linkcode OutputFile.commitAll} places it, with others. */
  #together: boolean;
  /** How it was given its name, once placed. */
  #placed?: "linked" | "renamed";
  /** What the temporary file was, before it was renamed to a name shared by several. */
  #mine?: Deno.FileInfo;
  /** The file replaced at the name, kept under this name until all are placed. */
  #old?: string;

  /**
   * Names the file; nothing is created yet.
   *
   * @param path Where the complete file goes; its parent folders are created on the first write.
   * @param options The low-level file calls to make (default `DENO_FILE_SYSTEM`), and whether
   * the file is placed `together` with others by {@linkcode OutputFile.commitAll} (default
   * `false`).
   */
  constructor(path: string, options: { fileSystem?: FileSystem; together?: boolean } = {}) {
    this.path = path;
    this.#together = options.together ?? false;
    // The folder is the user's choice, like the folders above an export folder: it may be a link.
    this.#files = new ExportFolderFs(dirname(path), {
      fileSystem: options.fileSystem,
      rootChosenByUser: true,
    });
    this.#name = basename(path);
    const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
    this.#temporary = `.${this.#name}.${suffix}.tmp`;
  }

  /** Whether anything was written yet. */
  get started(): boolean {
    return this.#opening !== undefined;
  }

  /**
   * Checks the path before any request: its folder is a folder (or is made later), and nothing is
   * there but, with `overwrite`, a file.
   *
   * @param overwrite Whether an existing file may be replaced.
   * @throws {UnsafePathError} when the path is a symbolic link (even with `overwrite`).
   * @throws {ConfigError} when the folder is a file, a folder has the file's name, or the file
   * exists without `overwrite`.
   */
  async checkTarget(overwrite: boolean): Promise<void> {
    this.#overwrite = overwrite;
    const folder = await this.#files.rootInfo();
    if (folder === undefined) return;
    if (!folder.isDirectory) {
      throw new ConfigError(
        settingMessage`Cannot write "${this.path}": "${this.#files.root}" is a file, not a folder; choose another ${
          mention("outputFolder")
        }`,
        { setting: "outputFolder" },
      );
    }
    const info = await this.#files.info(this.#name);
    if (info === undefined) return;
    if (info.isSymlink) {
      throw new UnsafePathError(
        this.path,
        "it is a symbolic link; remove it, the export never writes through links",
        { setting: "outputFilename" },
      );
    }
    if (info.isDirectory) {
      throw new ConfigError(
        `Cannot write "${this.path}": a folder has that name; choose another output filename`,
        { setting: "outputFilename" },
      );
    }
    if (!overwrite) {
      throw new ConfigError(
        settingMessage`The output file "${this.path}" already exists; choose another output filename, or add ${
          mention("overwrite")
        } to replace it`,
        { setting: "outputFilename" },
      );
    }
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
    await other.#files.remove(other.#temporary);
  }

  /**
   * Closes the file and renames it to its path; a file never written stays unwritten. Without
   * `overwrite`, a file that appeared at the path since `checkTarget` (another run's, minutes
   * later) is never replaced: the new file is linked to its name, which fails where a rename
   * would replace. A file made `together` with others is only closed here:
   * {@linkcode OutputFile.commitAll} then places them all.
   *
   * @throws {ConfigError} when, without `overwrite`, a file appeared at the path meanwhile (it is
   * left as it is, and this one removed).
   */
  async commit(): Promise<void> {
    if (!this.#opening) return;
    (await this.#opening).close();
    this.#handle = undefined;
    if (this.#together) return;
    await OutputFile.commitAll([this]);
  }

  /**
   * Places files made `together` (a file per split) once each is committed: all of them, or,
   * when one cannot be placed (a file appeared at its name, a rename failed), none: the names
   * already given are taken back, the files they replaced (with `overwrite`) put back, and every
   * temporary file removed. While it places several, it holds a lock in their folder
   * (`.lab-masks-placing.lock`, removed after), so that two runs placing the same names at once
   * each place all of theirs in turn, never some of each.
   *
   * @param files The files, committed.
   * @throws {ConfigError} as {@linkcode OutputFile.commit}, naming the file at fault.
   * @throws {TypeError} when one of them is still open (not committed).
   */
  static async commitAll(files: readonly OutputFile[]): Promise<void> {
    // A file still open would be given its name while more bytes may come.
    const open = files.find((file) => file.#handle !== undefined);
    if (open) throw new TypeError(`"${open.path}" is still open: commit each file first`);
    const placed: OutputFile[] = [];
    const written = files.filter((file) => file.started).length;
    try {
      // Two runs placing the same files at once would leave some of each: one places at a time.
      await using _placing = written > 1
        ? await FolderLock.take(files[0].#files, "outputFolder", { name: PLACING_LOCK, wait: true })
        : undefined;
      for (const file of files) if (await file.#place(written, files.length > 1)) placed.push(file);
    } catch (error) {
      for (const file of placed) await file.#takeBack();
      for (const file of files) await file.#dropOld();
      for (const file of files) await file.abandon();
      throw error;
    }
    for (const file of placed) {
      await file.#files.verifyFolders(file.#name);
      if (file.#placed === "linked") await file.#files.remove(file.#temporary);
      await file.#dropOld();
    }
  }

  /**
   * Gives the closed file its name: linked (the temporary name stays until all are placed) or,
   * with `overwrite` or where links are refused, renamed; one of several renamed over a file
   * keeps that file under another name until all are placed. Whether it can be taken back.
   */
  async #place(written: number, several: boolean): Promise<boolean> {
    if (!this.#opening) return false;
    if (!this.#overwrite && await this.#link(written)) {
      this.#placed = "linked";
      return true;
    }
    if (several) await this.#keepOld();
    // Its identity, to take back only this file (a free name it was renamed to).
    const mine = several ? await this.#files.info(this.#temporary) : undefined;
    await this.#files.rename(this.#temporary, this.#name);
    this.#placed = "renamed";
    this.#mine = mine;
    return several;
  }

  /** Links the file at the name, if any, to a name of its own (where links are made). */
  async #keepOld(): Promise<void> {
    const { link } = this.#files.fileSystem;
    const old = await this.#files.info(this.#name);
    if (link === undefined || old === undefined || !old.isFile) return;
    const kept = this.#temporary.replace(/\.tmp$/, ".old");
    try {
      await link(this.#files.pathOf(this.#name), this.#files.pathOf(kept));
      this.#old = kept;
    } catch {
      // No links here: the file is replaced without a way back, as a lone file is.
    }
  }

  /** Takes back the name given by {@linkcode OutputFile.#place}, putting back what it replaced. */
  async #takeBack(): Promise<void> {
    if (this.#placed === "linked") return await this.#unlink();
    if (this.#old !== undefined) {
      await this.#files.rename(this.#old, this.#name).then(() => this.#old = undefined, () => {});
      return;
    }
    const named = await this.#files.info(this.#name).catch(() => undefined);
    if (sameFile(this.#mine, named)) await this.#files.remove(this.#name).catch(() => {});
  }

  /** Removes the replaced file kept by {@linkcode OutputFile.#keepOld}, if still there. */
  async #dropOld(): Promise<void> {
    if (this.#old !== undefined) await this.#files.remove(this.#old).catch(() => {});
    this.#old = undefined;
  }

  /** Links the new file, one of `written`, to its name; `false`: no links here. */
  async #link(written: number): Promise<boolean> {
    const { fileSystem } = this.#files;
    if (fileSystem.link === undefined) return false;
    try {
      await this.#files.info(this.#name);
      await fileSystem.link(this.#files.pathOf(this.#temporary), this.#files.pathOf(this.#name));
    } catch (error) {
      // A file system without hard links (FAT, some network shares): renamed as before.
      if (error instanceof Deno.errors.NotSupported) return false;
      if (error instanceof Deno.errors.PermissionDenied) return false;
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      const kept = written === 1
        ? "this export's file was not kept"
        : `none of this export's ${written} files (one a split) was kept`;
      throw new ConfigError(
        settingMessage`The output file "${this.path}" appeared while the export ran (another run may have written it); it is left as it is, and ${kept}: choose another output filename, or add ${
          mention("overwrite")
        } to replace it`,
        { setting: "outputFilename" },
      );
    }
    return true;
  }

  /**
   * Takes back the name {@linkcode OutputFile.#link} gave, when it is still this file (the same
   * file as the temporary name); a file whose identity cannot be told is left.
   */
  async #unlink(): Promise<void> {
    const [mine, named] = await Promise.all([
      this.#files.info(this.#temporary),
      this.#files.info(this.#name),
    ]).catch(() => []);
    if (sameFile(mine, named)) await this.#files.remove(this.#name).catch(() => {});
  }

  /** Closes and removes the temporary file. */
  async abandon(): Promise<void> {
    if (!this.#opening) return;
    const handle = await this.#opening.catch(() => undefined);
    if (this.#handle) handle?.close();
    this.#handle = undefined;
    await this.#files.remove(this.#temporary).catch(() => {});
  }

  async #open(): Promise<Deno.FsFile> {
    await this.#files.makeRoot(false);
    this.#handle = await this.#files.createFile(this.#temporary, { read: true });
    return this.#handle;
  }
}

/** Whether two descriptions are of one file: a file whose identity cannot be told is none. */
function sameFile(one?: Deno.FileInfo, other?: Deno.FileInfo): boolean {
  return one?.ino != null && one.ino === other?.ino && one.dev === other.dev;
}
