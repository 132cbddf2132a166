/**
 * Writing and removing a file of an export so that a folder swapped for a link meanwhile is
 * caught: the two operations of the file door that change the folder's content.
 *
 * @module
 */

import { join } from "../_std/path.ts";
import type { ExportFolderFs } from "./export_folder_fs.ts";
import { changedError, identityOf } from "./folder_identities.ts";
import { parentOf } from "./segments_of.ts";
import { writeFileAtomic } from "./write_file_atomic.ts";

/**
 * Writes `bytes` at `relative` (whose folders exist and were checked) through a temporary file,
 * checking the folders on the way again before and after the rename. When one was swapped for a
 * link, the file is taken back from where it landed (if it is still the one written) and the
 * write refused; when the file is not where it was written (swapped and swapped back), the write
 * is refused.
 *
 * @param files The export's file door.
 * @param relative The file, relative to the export folder.
 * @param bytes Its content.
 * @throws {UnsafePathError} when a folder on the way changed during the write.
 *
 * @example
 * ```ts
 * import { ExportFolderFs } from "./export_folder_fs.ts";
 * import { writeFileChecked } from "./swap_checked.ts";
 *
 * const folder = await Deno.makeTempDir();
 * await writeFileChecked(new ExportFolderFs(folder), "a.png", new Uint8Array([1]));
 * console.log((await Deno.readFile(`${folder}/a.png`)).length); // 1
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function writeFileChecked(
  files: ExportFolderFs,
  relative: string,
  bytes: Uint8Array,
): Promise<void> {
  const path = files.pathOf(relative);
  let written: string | undefined;
  await writeFileAtomic(path, bytes, {
    fileSystem: files.fileSystem,
    beforeRename: async (temporary) => {
      const info = await lstatOf(files, temporary);
      if (info === undefined) throw changedError(parentOf(relative));
      written = identityOf(info);
      await files.verifyFolders(relative);
    },
  });
  try {
    await files.verifyFolders(relative);
  } catch (error) {
    // Renamed through a folder swapped for a link: taken back from there, if still ours.
    const landed = await lstatOf(files, path).catch(() => undefined);
    if (landed && written !== undefined && identityOf(landed) === written) {
      await files.fileSystem.remove(path).catch(() => {});
    }
    throw error;
  }
  const landed = await lstatOf(files, path);
  if (written !== undefined && (landed === undefined || identityOf(landed) !== written)) {
    // Swapped and swapped back during the rename: the file went where the link pointed.
    throw changedError(parentOf(relative));
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
