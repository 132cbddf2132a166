/**
 * Writing and removing a file of an export so that a folder swapped for a link meanwhile is
 * caught: the two operations of the file door that change the folder's content.
 *
 * @module
 */

import { basename, dirname, join } from "../_std/path.ts";
import type { ExportFolderFs } from "./export_folder_fs.ts";
import { changedError, identityOf } from "./folder_identities.ts";
import { parentOf } from "./segments_of.ts";

/** One file of a batch that {@linkcode writeFilesChecked} writes. */
export interface FileToWrite {
  /** The file, relative to the export folder. */
  relative: string;
  /** Its content. */
  bytes: Uint8Array;
}

/** The file of a batch whose write failed, and why (`cause`: what the write threw). */
export class FileWriteFailure extends Error {
  /** The file, relative to the export folder. */
  readonly relative: string;

  constructor(relative: string, cause: unknown) {
    super(`"${relative}" cannot be written: ${cause instanceof Error ? cause.message : cause}`, {
      cause,
    });
    this.name = "FileWriteFailure";
    this.relative = relative;
  }
}

/** A file of the batch on its way: its temporary file and that file's identity. */
interface Pending {
  relative: string;
  path: string;
  temporary: string;
  identity?: string;
}

/**
 * Writes files at paths relative to the export folder (whose folders exist and were checked),
 * each through a temporary file, the folders on the way checked again once for the whole batch
 * before the renames and once after. When a folder was swapped for a link meanwhile, each file is
 * taken back from where it landed (if it is still the one written) and the batch refused; when a
 * file is not where it was written (swapped and swapped back), the batch is refused. A file that
 * cannot be written stops the batch before any rename: none of its files is written. A rename
 * that fails stops the renames: the files renamed before it stay, checked as above.
 *
 * @param files The export's file door.
 * @param batch The files and their bytes.
 * @throws {FileWriteFailure} naming the file at fault, its `cause` an {@linkcode UnsafePathError}
 * when a folder on the way changed during the writes, else what the file calls threw.
 *
 * @example
 * ```ts
 * import { ExportFolderFs } from "./export_folder_fs.ts";
 * import { writeFilesChecked } from "./swap_checked.ts";
 *
 * const folder = await Deno.makeTempDir();
 * const bytes = new Uint8Array([1]);
 * await writeFilesChecked(new ExportFolderFs(folder), [{ relative: "a.png", bytes }]);
 * console.log((await Deno.readFile(`${folder}/a.png`)).length); // 1
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function writeFilesChecked(
  files: ExportFolderFs,
  batch: readonly FileToWrite[],
): Promise<void> {
  const pending: Pending[] = [];
  try {
    for (const { relative, bytes } of batch) {
      const path = files.pathOf(relative);
      const file: Pending = { relative, path, temporary: temporaryPathOf(path) };
      // Listed first: a write that fails half-way leaves its temporary file, removed below.
      pending.push(file);
      await failing(
        relative,
        files.fileSystem.writeFile(file.temporary, bytes, { createNew: true }),
      );
      const info = await failing(relative, lstatOf(files, file.temporary));
      if (info === undefined) {
        throw new FileWriteFailure(relative, changedError(parentOf(relative)));
      }
      file.identity = identityOf(info);
    }
    await failing(batch[0]?.relative, files.verifyFoldersOf(batch.map((file) => file.relative)));
  } catch (error) {
    await removeTemporaries(files, pending);
    throw error;
  }
  const renamed: Pending[] = [];
  let failure: FileWriteFailure | undefined;
  for (const file of pending) {
    try {
      await files.fileSystem.rename(file.temporary, file.path);
      renamed.push(file);
    } catch (error) {
      failure = new FileWriteFailure(file.relative, error);
      break;
    }
  }
  await removeTemporaries(files, pending.slice(renamed.length));
  await checkLanded(files, renamed);
  if (failure) throw failure;
}

/** `promise`, its rejection a {@linkcode FileWriteFailure} of `relative`. */
async function failing<T>(relative: string | undefined, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw error instanceof FileWriteFailure ? error : new FileWriteFailure(relative ?? ".", error);
  }
}

/** Removes the temporary files of the batch not renamed (any error ignored). */
async function removeTemporaries(
  files: ExportFolderFs,
  pending: readonly Pending[],
): Promise<void> {
  for (const file of pending) await files.fileSystem.remove(file.temporary).catch(() => {});
}

/**
 * Checks that the renamed files landed in the export folder: its folders unchanged, each file
 * the one written; else the files are taken back from where they landed, if still ours.
 */
async function checkLanded(files: ExportFolderFs, renamed: readonly Pending[]): Promise<void> {
  if (renamed.length === 0) return;
  try {
    await files.verifyFoldersOf(renamed.map((file) => file.relative));
  } catch (error) {
    // Renamed through a folder swapped for a link: taken back from there, if still ours.
    for (const { path, identity } of renamed) {
      const landed = await lstatOf(files, path).catch(() => undefined);
      if (landed && identity !== undefined && identityOf(landed) === identity) {
        await files.fileSystem.remove(path).catch(() => {});
      }
    }
    throw new FileWriteFailure(renamed[0].relative, error);
  }
  for (const { relative, path, identity } of renamed) {
    const landed = await lstatOf(files, path);
    if (identity !== undefined && (landed === undefined || identityOf(landed) !== identity)) {
      // Swapped and swapped back during the rename: the file went where the link pointed.
      throw new FileWriteFailure(relative, changedError(parentOf(relative)));
    }
  }
}

/**
 * Removes what is at `relative` (checked as `checked`): it is first moved aside into the export
 * folder and compared with what was checked; when a folder on the way was swapped meanwhile,
 * what was moved is put back and the removal refused.
 *
 * @param files The export's file door.
 * @param relative The file (or link), relative to the export folder.
 * @param checked What `lstat` said is there, before.
 * @throws {UnsafePathError} when a folder on the way changed during the removal.
 *
 * @example
 * ```ts
 * import { ExportFolderFs } from "./export_folder_fs.ts";
 * import { removeChecked } from "./swap_checked.ts";
 *
 * const folder = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${folder}/a.png`, "x");
 * await removeChecked(new ExportFolderFs(folder), "a.png", await Deno.lstat(`${folder}/a.png`));
 * console.log(await Deno.lstat(`${folder}/a.png`).catch(() => "gone")); // "gone"
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function removeChecked(
  files: ExportFolderFs,
  relative: string,
  checked: Deno.FileInfo,
): Promise<void> {
  const path = files.pathOf(relative);
  const aside = join(files.root, `.${crypto.randomUUID().slice(0, 8)}.removed.tmp`);
  try {
    await files.fileSystem.rename(path, aside);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const moved = await lstatOf(files, aside);
  const changed = await files.verifyFolders(relative).then(() => undefined, (error) => error);
  if (changed !== undefined || moved === undefined || identityOf(moved) !== identityOf(checked)) {
    if (moved !== undefined) await files.fileSystem.rename(aside, path).catch(() => {});
    throw changed ?? changedError(parentOf(relative));
  }
  try {
    await files.fileSystem.remove(aside);
  } catch (error) {
    // E.g. a folder that is not empty: left where it was, as a plain remove would.
    await files.fileSystem.rename(aside, path).catch(() => {});
    throw error;
  }
}

async function lstatOf(files: ExportFolderFs, path: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await files.fileSystem.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * A new temporary name for a file about to be written at `path`: `.<name>.<random>.tmp` in the
 * same folder, created exclusively (so never through a planted link), and renamed over the target
 * within one file system (a link there is replaced, not followed).
 */
function temporaryPathOf(path: string): string {
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}
