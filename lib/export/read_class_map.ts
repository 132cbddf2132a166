import { parsePinnedClassMap, type PinnedClassMap } from "../detect/pinned_class_map.ts";
import { ConfigError } from "../errors.ts";
import { join, resolve } from "../_std/path.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "../model/file_system.ts";
import { BYTES, checkArgumentType, TEXT } from "../option_types.ts";

/** The name of an export's class map. */
export const LABELMAP_JSON = "labelmap.json";

/** A class map is a few hundred labels: a bigger file is not one, and is not read whole. */
const MAX_CLASS_MAP_BYTES = 16 * 1024 * 1024;

/**
 * Reads the class map an export is pinned to: an earlier export's `labelmap.json`, given as the
 * file or as the export folder holding it (`labelmapFrom`).
 *
 * @param path The file, or the folder.
 * @param options The file calls to make. @default {DENO_FILE_SYSTEM}
 * @returns The pinned map.
 * @throws {ConfigError} naming the file when it is missing, not a regular file, too big, not
 * UTF-8, or not a class map.
 * @throws {TypeError} when an argument is not of its type.
 *
 * @example
 * ```ts
 * import { readClassMap } from "@lab/masks/export";
 *
 * const folder = await Deno.makeTempDir();
 * await Deno.writeTextFile(
 *   `${folder}/labelmap.json`,
 *   '{"ignoreIndex": 255, "classes": [{"id": "car", "index": 1, "colour": [255, 0, 0]}]}',
 * );
 * console.log((await readClassMap(folder)).classes[0].id); // "car"
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function readClassMap(
  path: string,
  options: { fileSystem?: FileSystem } = {},
): Promise<PinnedClassMap> {
  checkArgumentType(path, "path", TEXT);
  const fileSystem = options.fileSystem ?? DENO_FILE_SYSTEM;
  const setting = "labelmapFrom";
  let file = resolve(path);
  const fail = (why: string, cause?: unknown): never => {
    throw new ConfigError(
      `The class map "${file}" cannot be read: ${why}; give the labelmap.json of an earlier ` +
        "class-index or palette export, or its folder",
      { setting, cause },
    );
  };
  // Nothing there, or a file on the way (`a.txt/labelmap.json`): it does not exist.
  const gone = (error: unknown) =>
    error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
  const missing = (error: unknown) =>
    fail(
      gone(error) ? "it does not exist" : error instanceof Error ? error.message : String(error),
      error,
    );
  let info = await fileSystem.stat(file).catch(missing);
  if (info.isDirectory) {
    file = join(file, LABELMAP_JSON);
    info = await fileSystem.stat(file).catch((error) => fail("the folder has none", error));
  }
  if (!info.isFile) return fail("it is not a regular file");
  if (info.size > MAX_CLASS_MAP_BYTES) return fail(`it is over ${MAX_CLASS_MAP_BYTES} bytes`);
  const bytes = await fileSystem.readFile(file).catch((error) => fail(String(error), error));
  return classMapOfBytes(bytes, { source: file, setting });
}

/**
 * Reads the bytes of a `labelmap.json` as a pinned class map, as hostile input: at most 16 MiB of
 * UTF-8, then {@linkcode parsePinnedClassMap}'s checks.
 *
 * @param bytes The file's bytes.
 * @param where Where they were read, and the setting that named it, for messages.
 * @returns The pinned map.
 * @throws {ConfigError} naming the file when it is too big, not UTF-8, or not a class map.
 * @throws {TypeError} when `bytes` is not a `Uint8Array`.
 *
 * @example
 * ```ts
 * import { classMapOfBytes } from "@lab/masks/export";
 *
 * const bytes = new TextEncoder().encode('{"classes": [{"id": "car", "index": 1, "colour": [9, 9, 9]}]}');
 * console.log(classMapOfBytes(bytes, { source: "labelmap.json", setting: "labelmapFrom" }).ignoreIndex); // 255
 * ```
 */
export function classMapOfBytes(
  bytes: Uint8Array,
  where: { source: string; setting: string },
): PinnedClassMap {
  checkArgumentType(bytes, "bytes", BYTES);
  const fail = (why: string): never => {
    throw new ConfigError(`The class map "${where.source}" cannot be read: ${why}`, {
      setting: where.setting,
    });
  };
  if (bytes.length > MAX_CLASS_MAP_BYTES) fail(`it is over ${MAX_CLASS_MAP_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("it is not UTF-8 text");
  }
  return parsePinnedClassMap(text, where);
}
