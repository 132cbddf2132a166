import { parsePinnedClassMap, type PinnedClassMap } from "../detect/pinned_class_map.ts";
import { ConfigError } from "../errors.ts";
import { join, resolve } from "../_std/path.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "./file_system.ts";
import type { ExportFolderFs } from "./export_folder_fs.ts";

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
  let info = await fileSystem.stat(file).catch((error) => fail("it does not exist", error));
  if (info.isDirectory) {
    file = join(file, LABELMAP_JSON);
    info = await fileSystem.stat(file).catch((error) => fail("the folder has none", error));
  }
  if (!info.isFile) return fail("it is not a regular file");
  if (info.size > MAX_CLASS_MAP_BYTES) return fail(`it is over ${MAX_CLASS_MAP_BYTES} bytes`);
  const bytes = await fileSystem.readFile(file).catch((error) => fail(String(error), error));
  return parsePinnedClassMap(textOf(bytes, fail), { source: file, setting });
}

/**
 * Reads an export folder's own class map, for a run that updates it (`incremental`, `resume`),
 * through its file door (a link is refused).
 *
 * @returns The map, or `undefined` when the folder has none (its masks have no class indices).
 */
export async function readOwnClassMap(
  files: ExportFolderFs,
  setting: string,
): Promise<PinnedClassMap | undefined> {
  if (!await files.exists(LABELMAP_JSON)) return undefined;
  const source = join(files.root, LABELMAP_JSON);
  const fail = (why: string, cause?: unknown): never => {
    throw new ConfigError(`The export's class map "${source}" cannot be read: ${why}`, {
      setting,
      cause,
    });
  };
  const bytes = await files.readFile(LABELMAP_JSON).catch((error) => fail(String(error), error));
  if (bytes.length > MAX_CLASS_MAP_BYTES) fail(`it is over ${MAX_CLASS_MAP_BYTES} bytes`);
  return parsePinnedClassMap(textOf(bytes, fail), { source, setting });
}

function textOf(bytes: Uint8Array, fail: (why: string) => never): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("it is not UTF-8 text");
  }
}
