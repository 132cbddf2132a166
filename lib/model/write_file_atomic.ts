import { basename, dirname, join } from "../_std/path.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "./file_system.ts";

/** Options of {@linkcode writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** The file calls to make. @default {DENO_FILE_SYSTEM} */
  fileSystem?: FileSystem;
  /**
   * Called once the temporary file is written, before it is renamed into place; if it throws,
   * the temporary file is removed and the error thrown. @default {none}
   */
  beforeRename?: (temporary: string) => Promise<void>;
}

/**
 * Writes a file so that it is either complete or absent: the bytes go to a new temporary file in
 * the same folder (`.<name>.<random>.tmp`, created exclusively, so never through a planted link),
 * which is then renamed over the target (a link there is replaced, not followed). A crash or
 * Ctrl-C mid-write leaves at most a `.tmp` file, never a half-written PNG.
 *
 * @param path The file to write.
 * @param bytes Its content.
 * @param options The file system to write with.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./write_file_atomic.ts";
 *
 * const folder = await Deno.makeTempDir();
 * await writeFileAtomic(`${folder}/a.png`, new Uint8Array([1, 2, 3]));
 * console.log((await Deno.readFile(`${folder}/a.png`)).length); // 3
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const fileSystem = options.fileSystem ?? DENO_FILE_SYSTEM;
  const temporary = temporaryPathOf(path);
  try {
    await fileSystem.writeFile(temporary, bytes, { createNew: true });
    await options.beforeRename?.(temporary);
    await fileSystem.rename(temporary, path);
  } catch (error) {
    await fileSystem.remove(temporary).catch(() => {});
    throw error;
  }
}

/**
 * A new temporary name for a file about to be written at `path`: `.<name>.<random>.tmp` in the
 * same folder, so that the rename into place never crosses file systems.
 *
 * @param path The file to write.
 * @returns The temporary file's path.
 *
 * @example
 * ```ts
 * import { temporaryPathOf } from "./write_file_atomic.ts";
 *
 * console.log(/^out\/\.a\.png\.[a-z0-9]+\.tmp$/.test(temporaryPathOf("out/a.png"))); // true
 * ```
 */
export function temporaryPathOf(path: string): string {
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}
