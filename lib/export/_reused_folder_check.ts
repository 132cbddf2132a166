import { UnsafePathError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { fileOnTheWay } from "../model/export_folders.ts";
import type { FolderMode } from "./_folder_preparation.ts";

// Entries named in the message at most; the count says how many more.
const MAX_NAMED = 20;

/**
 * Refuses, before any task request, a folder an export reuses (`overwrite`, `resume`,
 * `incremental`) that holds anything but regular files and folders, anywhere in it: a symbolic
 * link, a named pipe, a socket or a device. An export never makes them; a workflow that uploads
 * the folder (`actions/upload-artifact` follows links) would carry what a link points to, and a
 * read of a pipe would hang.
 *
 * @param files The folder's file door.
 * @param mode How the export reuses it.
 * @param listed Lists the folder's {@linkcode unsafeEntries} elsewhere (a worker, while this
 * thread reads the earlier manifest); when it fails, the folder is walked here.
 * @throws {UnsafePathError} (setting: the mode) naming each such entry (the first 20, then a
 * count).
 */
export async function refuseUnsafeEntries(
  files: ExportFolderFs,
  mode: FolderMode,
  listed?: () => Promise<string[]>,
): Promise<void> {
  if (mode === "new") return;
  const root = await files.rootInfo();
  if (root === undefined) return;
  if (!root.isDirectory) throw fileOnTheWay(files.root, []);
  const here = () =>
    unsafeEntries((folder) =>
      files.fileSystem.readDir(folder === "" ? files.root : files.pathOf(folder))
    );
  let found;
  try {
    found = listed === undefined ? await here() : await listed().catch(here);
  } catch (error) {
    if (!(error instanceof UnreadableFolder)) throw error;
    throw new UnsafePathError(
      files.root,
      `${error.message}; an export needs to read every folder in it`,
      { setting: mode, cause: error },
    );
  }
  if (found.length === 0) return;
  found.sort();
  const more = found.length > MAX_NAMED ? `, and ${found.length - MAX_NAMED} more` : "";
  throw new UnsafePathError(
    files.root,
    `it holds what an export never writes: ${found.slice(0, MAX_NAMED).join(", ")}${more}. ` +
      "A link would be followed by whatever uploads or copies the folder, a pipe would hang " +
      "the export; remove them, then run the export again",
    { setting: mode },
  );
}

/**
 * Every entry of a folder, at any depth, that is neither a regular file nor a folder, named with
 * what it is (`scene/a.png (a symbolic link)`), in no set order; links are never followed.
 *
 * @param list Lists a folder by its path from the root (`""`: the root itself), `/`-separated.
 * @returns The entries, their names made inert.
 *
 * @example
 * ```ts
 * import { unsafeEntries } from "./_reused_folder_check.ts";
 *
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/a.png`, "");
 * console.log(await unsafeEntries((folder) => Deno.readDir(`${root}/${folder}`))); // []
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function unsafeEntries(
  list: (folder: string) => AsyncIterable<Deno.DirEntry>,
): Promise<string[]> {
  const found: string[] = [];
  const folders = [""];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    try {
      for await (const entry of list(folder)) {
        const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
        if (entry.isDirectory && !entry.isSymlink) folders.push(path);
        else if (entry.isSymlink || !entry.isFile) {
          found.push(`${inertText(path)} (${kindOf(entry)})`);
        }
      }
    } catch (error) {
      // A folder removed while the walk ran holds nothing any more.
      if (!(error instanceof Deno.errors.NotFound)) throw new UnreadableFolder(folder, error);
    }
  }
  return found;
}

/** A folder the walk could not list, by its path from the root (`""`: the root). */
export class UnreadableFolder extends Error {
  /**
   * @param folder The folder, `/`-separated from the root.
   * @param cause Why it could not be listed.
   */
  constructor(readonly folder: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot list ${folder === "" ? "it" : inertText(folder)}: ${reason}`, { cause });
    this.name = "UnreadableFolder";
  }
}

function kindOf(entry: Deno.DirEntry): string {
  return entry.isSymlink ? "a symbolic link" : "not a regular file: a pipe, socket or device";
}
