/**
 * One export at a time in a folder. Two runs writing one folder at once (an overlapping nightly,
 * a `--resume` started twice) would each replace the other's partial manifest, and the manifest
 * left would list neither run's files. While it writes, an export holds an exclusive lock on
 * {@linkcode FOLDER_LOCK_NAME} in its folder (the system's file lock: a run that dies, even by
 * `kill -9`, lets go of it), and removes the file when it ends. A file left by a killed run is
 * taken over by the next one.
 *
 * @module
 */

import { ConfigError, UnsafePathError } from "../errors.ts";
import type { ExportFolderFs } from "./export_folder_fs.ts";

/** The file an export holds locked in its folder while it writes there. */
export const FOLDER_LOCK_NAME = ".lab-masks.lock";

/** Tries before giving up when the lock file is replaced under each try. */
const ATTEMPTS = 3;

/** Which lock {@linkcode FolderLock.take} takes, and how. */
export interface FolderLockOptions {
  /** The lock file's name in the folder. @default {FOLDER_LOCK_NAME} */
  name?: string;
  /**
   * Wait while another run holds it, for a lock held a moment (a few renames), instead of
   * refusing at once. @default {false}
   */
  wait?: boolean;
}

/**
 * The lock an export holds on its folder; releasing it removes the lock file.
 *
 * @example Hold a folder while writing it
 * ```ts
 * import { ExportFolderFs } from "./export_folder_fs.ts";
 * import { FolderLock } from "./folder_lock.ts";
 *
 * const files = new ExportFolderFs(await Deno.makeTempDir());
 * await using lock = await FolderLock.take(files, "outputFolder");
 * try {
 *   await FolderLock.take(files, "outputFolder");
 * } catch (error) {
 *   console.log((error as Error).name); // "ConfigError"
 * }
 * ```
 */
export class FolderLock implements AsyncDisposable {
  #files: ExportFolderFs;
  #file: Deno.FsFile | undefined;
  #name: string;

  private constructor(files: ExportFolderFs, file: Deno.FsFile, name: string) {
    this.#files = files;
    this.#file = file;
    this.#name = name;
  }

  /**
   * Takes the folder's lock, or refuses at once when another run holds it (no wait, unless
   * asked: a job that waited for an export could hang a CI run for as long as the other lasts).
   *
   * @param files The export folder, which exists.
   * @param setting The setting that named the folder, for the error.
   * @param options The lock's name, and whether to wait for it.
   * @returns The lock, held until released.
   * @throws {ConfigError} when another export holds the folder.
   * @throws {UnsafePathError} when the lock's name is taken by a link or what is not a file.
   */
  static async take(
    files: ExportFolderFs,
    setting: string,
    options: FolderLockOptions = {},
  ): Promise<FolderLock> {
    const { name = FOLDER_LOCK_NAME, wait = false } = options;
    for (let attempt = 1;; attempt++) {
      const file = await openLockFile(files, name);
      if (file === undefined) {
        // Removed between the two opens: by the run that held it, as it ended.
        if (attempt === ATTEMPTS) throw inUse(files.root, setting, name);
        continue;
      }
      try {
        if (wait) await file.lock(true);
        else if (!(await file.tryLock(true))) throw inUse(files.root, setting, name);
        // The run that held it may have removed it meanwhile, or something replaced it.
        if (await isAtLockName(files, file, name)) return new FolderLock(files, file, name);
      } catch (error) {
        file.close();
        throw error;
      }
      file.close();
      if (attempt === ATTEMPTS) throw inUse(files.root, setting, name);
    }
  }

  /**
   * Removes the lock file (while still holding it, so no other run takes the name in between),
   * then lets go. Best effort: a file left behind is taken over by the next run.
   */
  async release(): Promise<void> {
    const file = this.#file;
    if (file === undefined) return;
    this.#file = undefined;
    try {
      if (await isAtLockName(this.#files, file, this.#name)) await this.#files.remove(this.#name);
    } catch {
      // The folder was removed or changed meanwhile: closing lets go of the lock all the same.
    } finally {
      file.close();
    }
  }

  /** Releases the lock. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}

/** Creates the lock file, or opens the one there, never through a link; `undefined`: gone meanwhile. */
async function openLockFile(
  files: ExportFolderFs,
  name: string,
): Promise<Deno.FsFile | undefined> {
  const path = files.pathOf(name);
  try {
    return await files.fileSystem.open(path, { createNew: true, write: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
  }
  const info = await files.info(name);
  if (info === undefined) return undefined;
  if (!info.isFile) {
    throw new UnsafePathError(
      path,
      "it is not a regular file; the export keeps its lock there: remove it",
    );
  }
  // Opened for reading only: a link put there after the check is caught by `isAtLockName`.
  return await files.fileSystem.open(path, { read: true }).catch((error) => {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  });
}

/** Whether the lock's name still holds the very file opened (no link, no other file). */
async function isAtLockName(
  files: ExportFolderFs,
  file: Deno.FsFile,
  name: string,
): Promise<boolean> {
  const held = await file.stat();
  const there = await files.fileSystem.lstat(files.pathOf(name)).catch(() => undefined);
  return there !== undefined && there.isFile && there.ino === held.ino && there.dev === held.dev;
}

function inUse(folder: string, setting: string, name: string): ConfigError {
  return new ConfigError(
    `Another export is writing "${folder}" (it holds ${name} there): wait for it to ` +
      "end, or export to another folder",
    { setting },
  );
}
