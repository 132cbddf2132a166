/**
 * The folders inside an export folder that its file door made or checked, each with its
 * identity as first seen.
 *
 * @module
 */

import { UnsafePathError } from "../errors.ts";
import { join } from "../_std/path.ts";
import type { FileSystem } from "./file_system.ts";
import { changedError, FolderIdentities } from "./folder_identities.ts";
import { segmentsOf } from "./segments_of.ts";

/**
 * The folders inside one export folder: made once each (`make`), checked again on demand
 * (`verify`), each compared with what it was when first seen. The export folder itself is the
 * door's to check; its identity is noted here too, as `""`.
 *
 * @example
 * ```ts
 * import { DENO_FILE_SYSTEM } from "./file_system.ts";
 * import { ExportFolders } from "./export_folders.ts";
 *
 * const root = await Deno.makeTempDir();
 * const folders = new ExportFolders(root, DENO_FILE_SYSTEM);
 * await folders.make("street/a.png");
 * await folders.verify(["street/a.png", "street/b.png"]);
 * console.log((await Deno.lstat(`${root}/street`)).isDirectory); // true
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class ExportFolders {
  #root: string;
  #fileSystem: FileSystem;
  /** Folders known to exist and be safe: one check and `mkdir` per folder, not per file. */
  #made = new Set<string>();
  /** Each folder's device and inode as first seen, to tell one swapped meanwhile. */
  #identities = new FolderIdentities();

  /**
   * @param root The export folder, absolute.
   * @param fileSystem The file calls to make.
   */
  constructor(root: string, fileSystem: FileSystem) {
    this.#root = root;
    this.#fileSystem = fileSystem;
  }

  /**
   * Makes the folders of `relative` one by one (but those made or checked before), refusing any
   * that is a link.
   *
   * @param relative A file's path relative to the export folder.
   * @throws {UnsafePathError} when a folder on the way is a link, or changed.
   */
  async make(relative: string): Promise<void> {
    const segments = segmentsOf(relative).slice(0, -1);
    for (let i = 1; i <= segments.length; i++) {
      const folder = segments.slice(0, i).join("/");
      if (this.#made.has(folder)) continue;
      const path = join(this.#root, ...segments.slice(0, i));
      // Made first, then looked at: a new folder (the common case) costs no failed look, and
      // `mkdir` never follows a link that is there already, which the look then finds.
      try {
        await this.#fileSystem.mkdir(path);
      } catch (error) {
        if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      }
      const info = await this.#lstat(path);
      if (info?.isSymlink) throw linkError(folder);
      if (info === undefined) throw changedError(folder);
      this.#identities.note(folder, info);
      this.#made.add(folder);
    }
  }

  /**
   * Checks again that every folder on the way to each path (not the export folder itself) is the
   * one first seen: each folder is `lstat`ed once.
   *
   * @param relatives Paths relative to the export folder.
   * @throws {UnsafePathError} when one changed or is gone.
   */
  async verify(relatives: readonly string[]): Promise<void> {
    const checked = new Set<string>();
    for (const relative of relatives) {
      const folders = segmentsOf(relative).slice(0, -1);
      for (let i = 1; i <= folders.length; i++) {
        const folder = folders.slice(0, i).join("/");
        if (checked.has(folder)) continue;
        checked.add(folder);
        const info = await this.#lstat(join(this.#root, ...folders.slice(0, i)));
        if (info === undefined) throw changedError(folder);
        this.#identities.note(folder, info);
      }
    }
  }

  /**
   * Records what `folder` is, or checks that it is still what it was.
   *
   * @param folder The folder, relative to the export folder (`""`: the export folder itself).
   * @param info What `lstat` says it is now.
   * @throws {UnsafePathError} when it is no longer a folder, or another one than before.
   */
  note(folder: string, info: Deno.FileInfo): void {
    this.#identities.note(folder, info);
  }

  /** Forgets every folder (the export folder was removed, or made anew). */
  forget(): void {
    this.#made.clear();
    this.#identities.forget();
  }

  async #lstat(path: string): Promise<Deno.FileInfo | undefined> {
    return await this.#fileSystem.lstat(path).catch(notFound);
  }
}

/**
 * `undefined` for a path that is not there; any other error is thrown again.
 *
 * @param error What a file call threw.
 * @returns `undefined` for `NotFound`.
 * @throws The error, when it is another.
 *
 * @example
 * ```ts
 * import { notFound } from "./export_folders.ts";
 *
 * console.log(await Deno.lstat("/no/such/path").catch(notFound)); // undefined
 * ```
 */
export function notFound(error: unknown): undefined {
  if (error instanceof Deno.errors.NotFound) return undefined;
  throw error;
}

/**
 * The error for a link met inside the export folder.
 *
 * @param path The link, relative to the export folder.
 * @returns An {@linkcode UnsafePathError} naming it.
 *
 * @example
 * ```ts
 * import { linkError } from "./export_folders.ts";
 *
 * console.log(linkError("street").name); // "UnsafePathError"
 * ```
 */
export function linkError(path: string): UnsafePathError {
  return new UnsafePathError(
    path,
    "it is a symbolic link inside the export folder; remove it, the export never follows links",
  );
}

/**
 * The error for a file met where a folder should be: the export folder itself, or a folder on
 * the way to a path inside it.
 *
 * @param root The export folder.
 * @param segments The file's path from the export folder (none: the export folder itself).
 * @returns An {@linkcode UnsafePathError} naming it.
 *
 * @example
 * ```ts
 * import { fileOnTheWay } from "./export_folders.ts";
 *
 * console.log(fileOnTheWay("/out/masks", []).message);
 * // 'Refusing the path "/out/masks": it is a file, where the export folder should be'
 * ```
 */
export function fileOnTheWay(root: string, segments: readonly string[]): UnsafePathError {
  return segments.length === 0
    ? new UnsafePathError(root, "it is a file, where the export folder should be")
    : new UnsafePathError(segments.join("/"), "it is a file, where a folder should be");
}

/**
 * What a failed `stat` of the export folder itself means: nothing there (`NotFound`, or a file on
 * the way, which the folder's checks then name), else an error naming the folder and the
 * system's reason (a name too long, a permission).
 *
 * @param root The export folder.
 * @param error The failure.
 * @returns `undefined`: nothing there.
 * @throws {UnsafePathError} for any other failure.
 *
 * @example
 * ```ts
 * import { rootMissing } from "./export_folders.ts";
 *
 * console.log(await Deno.lstat("/no/such/path").catch((e) => rootMissing("/no/such/path", e))); // undefined
 * ```
 */
export function rootMissing(root: string, error: unknown): undefined {
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
    return undefined;
  }
  const reason = error instanceof Error ? error.message : String(error);
  throw new UnsafePathError(root, `the system cannot use it as the export folder: ${reason}`, {
    cause: error,
  });
}
