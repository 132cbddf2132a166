/**
 * File-system helpers. Stands in for `@std/fs` (JSR is out of reach where this package is built,
 * see the README): switching to `jsr:@std/fs` changes this file only.
 *
 * @module
 */

/**
 * Makes a folder and its parents, like `@std/fs`'s `ensureDir`.
 *
 * @param path The folder.
 */
export async function ensureDir(path: string): Promise<void> {
  await Deno.mkdir(path, { recursive: true });
}

/**
 * Whether a path exists (file, folder or link), like `@std/fs`'s `exists`.
 *
 * @param path The path.
 * @returns `true` when something is there.
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
