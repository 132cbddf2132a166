import { DENO_FILE_SYSTEM, type FileSystem } from "../model/file_system.ts";

/** Options of {@linkcode freeDefaultPath}. */
export interface FreeDefaultPathOptions {
  /** The extension the counter goes before (`.json`); none for a folder. @default {""} */
  extension?: string;
  /** The file calls to look with. @default {DENO_FILE_SYSTEM} */
  fileSystem?: FileSystem;
}

/** How many names are tried before the first one is returned (and refused later, as taken). */
const MAX_TRIES = 1000;

/**
 * A default export name that nothing has taken yet: the name itself, or, when an earlier run took
 * it (two runs of one project in the same second), the name with `_2`, `_3`... before its
 * extension. The SDK's pattern stays recognizable: `lab_mask_p1_2024-12-25_08:05:09_2`. Only a
 * default name gets a counter: a name the user chose is theirs, and taken is an error.
 *
 * @param path The default path, absolute.
 * @param options The extension, and the file calls to look with.
 * @returns The first free path.
 *
 * @example
 * ```ts
 * import { freeDefaultPath } from "./free_default_path.ts";
 *
 * const folder = await Deno.makeTempDir();
 * await Deno.mkdir(`${folder}/lab_mask_p1_2024-12-25_08:05:09`);
 * console.log(await freeDefaultPath(`${folder}/lab_mask_p1_2024-12-25_08:05:09`)); // ..._08:05:09_2
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function freeDefaultPath(
  path: string,
  options: FreeDefaultPathOptions = {},
): Promise<string> {
  const extension = options.extension ?? "";
  const fileSystem = options.fileSystem ?? DENO_FILE_SYSTEM;
  const stem = extension && path.endsWith(extension) ? path.slice(0, -extension.length) : path;
  for (let count = 1; count <= MAX_TRIES; count++) {
    const candidate = count === 1 ? path : `${stem}_${count}${extension}`;
    if (!(await isTaken(candidate, fileSystem))) return candidate;
  }
  return path;
}

async function isTaken(path: string, fileSystem: FileSystem): Promise<boolean> {
  try {
    await fileSystem.lstat(path);
    return true;
  } catch {
    // Missing: free. Anything else (no permission to look) is the export's own check to report.
    return false;
  }
}
