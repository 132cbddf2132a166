/**
 * What tells a folder of an export from one swapped in for it: its device and inode.
 *
 * @module
 */

import { UnsafePathError } from "../errors.ts";

/**
 * The identity of a file or folder (device and inode) as text, or `undefined` where the runtime
 * gives no inode (Windows).
 *
 * @param info What `lstat` or `stat` said.
 * @returns `"<device>:<inode>"`, or `undefined`.
 *
 * @example
 * ```ts
 * import { identityOf } from "./folder_identities.ts";
 *
 * const folder = await Deno.makeTempDir();
 * console.log(identityOf(await Deno.lstat(folder)) === identityOf(await Deno.stat(folder))); // true
 * await Deno.remove(folder);
 * ```
 */
export function identityOf(info: Deno.FileInfo): string | undefined {
  return info.ino === null || info.ino === undefined ? undefined : `${info.dev}:${info.ino}`;
}

/**
 * The identities of the folders of one export as first seen (`""` is the export folder), so the
 * file door can tell, after each operation, whether a folder on the way was swapped for a link
 * or another folder meanwhile. Where the runtime gives no inode, only links are told apart.
 *
 * @example
 * ```ts
 * import { FolderIdentities } from "./folder_identities.ts";
 *
 * const folder = await Deno.makeTempDir();
 * const known = new FolderIdentities();
 * known.note("", await Deno.lstat(folder));
 * known.note("", await Deno.lstat(folder)); // the same folder: fine
 * await Deno.remove(folder);
 * ```
 */
export class FolderIdentities {
  #known = new Map<string, string | undefined>();

  /**
   * Records what `folder` is, or checks that it is still what it was.
   *
   * @param folder The folder, relative to the export folder (`""`: the export folder itself).
   * @param info What `lstat` says it is now.
   * @throws {UnsafePathError} when it is no longer a folder, or another one than before.
   */
  note(folder: string, info: Deno.FileInfo): void {
    const identity = identityOf(info);
    const changed = info.isSymlink || !info.isDirectory ||
      (this.#known.has(folder) && this.#known.get(folder) !== identity);
    if (changed) throw changedError(folder);
    this.#known.set(folder, identity);
  }

  /** Whether `folder` was seen. */
  has(folder: string): boolean {
    return this.#known.has(folder);
  }

  /** Forgets every folder (the export folder was removed, or made anew). */
  forget(): void {
    this.#known.clear();
  }
}

/**
 * The error for a folder that changed while the export used it.
 *
 * @param folder The folder, relative to the export folder (`""`: the export folder itself).
 * @returns An {@linkcode UnsafePathError} naming it.
 */
export function changedError(folder: string): UnsafePathError {
  return new UnsafePathError(
    folder === "" ? "." : folder,
    "it changed while the export was using it (a link or another folder was swapped in); the " +
      "export stops rather than write or remove anything outside its folder",
  );
}
