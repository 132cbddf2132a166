import { basename, dirname, join } from "../_std/path.ts";

/**
 * Writes a file so that it is either complete or absent: the bytes go to a temporary file in the
 * same folder (`.<name>.<random>.tmp`), which is then renamed over the target. A crash or Ctrl-C
 * mid-write leaves at most a `.tmp` file, never a half-written PNG.
 *
 * @param path The file to write.
 * @param bytes Its content.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "@lab/masks";
 *
 * const folder = await Deno.makeTempDir();
 * await writeFileAtomic(`${folder}/a.png`, new Uint8Array([1, 2, 3]));
 * console.log((await Deno.readFile(`${folder}/a.png`)).length); // 3
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  const temporary = join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
  try {
    await Deno.writeFile(temporary, bytes, { createNew: true });
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}
