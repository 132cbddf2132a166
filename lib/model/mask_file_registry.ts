import { HashedKeys } from "../_hashed_keys.ts";
import { releaseBytes } from "../_release_bytes.ts";
import { PackedStrings } from "../_packed_strings.ts";
import { fitName, portablePath } from "./_portable_path.ts";
import { hostPlatform, type Platform } from "./platform.ts";
import { foldFileName } from "./fold_file_name.ts";

/** The file a task got from {@linkcode MaskFileRegistry.claimFile}, and why it differs. */
export interface MaskFileClaim {
  /** The relative, `/`-separated path to write, portable and unique in the export. */
  file: string;
  /** Why `file` is not the path asked for, as one clause; absent when it is that path. */
  reason?: string;
}

// A task id in a file name keeps its letters, digits, `_` and `-`, and at most this many.
const MAX_ID_LENGTH = 64;
// What a claimed path holds: the export's own file, a folder, or (from HOLDER_TASK on) a task.
const HOLDER_EXPORT = 0;
const HOLDER_FOLDER = 1;
const HOLDER_TASK = 2;

/**
 * Hands out one portable file path per task, so that no mask overwrites another (the SDK silently
 * overwrites) and every name can be created on Linux, macOS and Windows.
 *
 * Each name of the path is made portable first: control characters and `\` become `_`; Windows
 * device names get `_` (`CON.jpg` → `CON_.jpg`); a name ending in `.` or a space gets `_`; a name
 * longer than 200 bytes of UTF-8 is cut and ends with `~` and 12 hex digits of its SHA-256. On
 * Windows (`platform: "windows"`), the characters it refuses in names (`< > : " | ? *`) become
 * `_` too; elsewhere they are kept, as the SDK keeps them.
 *
 * Then paths are compared as macOS and Windows compare them, ignoring case (beyond ASCII: `ſ`/`s`,
 * `ς`/`σ`, `ϐ`/`β`, `ı`/`i`) and Unicode normalization (see {@linkcode foldFileName}).
 * The first task keeps its path; a later one gets `<stem>__<task id>.png` (then `_2`, `_3`...).
 * A folder that would have the path of an earlier task's file gets `__<task id>` itself. A task
 * that claims again gets the path it already holds. Paths given as `reserved` (the export's own
 * files) are never handed out, as files or as folders.
 *
 * @example
 * ```ts
 * import { MaskFileRegistry } from "./mask_file_registry.ts";
 *
 * const registry = new MaskFileRegistry();
 * console.log(registry.claim("a.png", "t1")); // "a.png"
 * console.log(registry.claim("A.png", "t2")); // "A__t2.png"
 * console.log(registry.claimFile("con.jpg.png", "t3").file); // "con_.jpg.png"
 *
 * const onWindows = new MaskFileRegistry({ platform: "windows" });
 * console.log(onWindows.claimFile("a:b?.jpg.png", "t4").file); // "a_b_.jpg.png"
 * ```
 */
export class MaskFileRegistry {
  // Claimed files and folders: their comparison keys packed in `#keys` (found by hash, told apart
  // by their bytes), each one's holder in `#holders` (HOLDER_TASK + the number of its task id in
  // `#taskIds`): one key per task for the whole export, about 76 bytes a task in all.
  #keys = new PackedStrings();
  #holders = new Int32Array(64);
  #index = new HashedKeys({ keyOf: (number) => this.#keys.get(number) });
  #taskIds = new PackedStrings();
  #lastTaskId?: string;
  /** The folder of the file recorded last: it and the folders above it are held as folders. */
  #knownFolder?: string;
  #platform: Platform;

  /**
   * Creates a registry where nothing is claimed yet but the export's own files.
   *
   * @param options The paths the export writes itself (a manifest...), which no mask file and no
   * mask folder may take; and the platform the files are made on (default the running one).
   */
  constructor(options: { reserved?: readonly string[]; platform?: Platform } = {}) {
    this.#platform = options.platform ?? hostPlatform();
    for (const path of options.reserved ?? []) {
      const key = keyOf(path);
      this.#hold(key, HOLDER_EXPORT, this.#numberOf(key));
    }
  }

  /**
   * Claims a path for a task: the path made portable, or a de-duplicated one when it is taken.
   *
   * @param path The wanted path, relative, `/`-separated, ending in `.png`.
   * @param taskId The task's id, used to make the path unique.
   * @returns The path to write.
   * @throws {RangeError} when the path has no name at all.
   */
  claim(path: string, taskId: string): string {
    return this.claimFile(path, taskId).file;
  }

  /**
   * Claims a path for a task, like {@linkcode MaskFileRegistry.claim}, and says why the path
   * given differs from the one asked for, so the export can report it.
   *
   * @param path The wanted path, relative, `/`-separated, ending in `.png`.
   * @param taskId The task's id, used to make the path unique.
   * @returns The path to write and, when it differs from `path`, the reason.
   * @throws {RangeError} when the path has no name at all.
   */
  claimFile(path: string, taskId: string): MaskFileClaim {
    const portable = portablePath(path, this.#platform);
    const reasons = [...portable.changes];
    // Made only when a name is taken (rarely): a claim of a free name costs no replacement.
    let id: string | undefined;
    // The folders of the file recorded last are folders: a file beside it checks none again, and
    // its path is not cut into names unless one of them is taken.
    const inKnownFolder = parentOf(portable.path) === this.#knownFolder;
    let names = inKnownFolder ? undefined : portable.path.split("/");
    for (let i = 0; names !== undefined && i < names.length - 1; i++) {
      const folder = names.slice(0, i + 1).join("/");
      const holder = this.#holderOf(folder);
      if (holder === undefined || holder === "") continue;
      names[i] = this.#firstFree(names.slice(0, i), names[i], {
        id: id ??= idPart(taskId),
        suffix: "",
        folder: true,
      });
      reasons.push(`its folder "${folder}" is the file of ${describe(holder)}`);
    }
    const wanted = names === undefined ? portable.path : names.join("/");
    // Folded and looked up once: a free name is recorded with what was found here.
    const key = keyOf(wanted);
    const number = this.#numberOf(key);
    // A task claiming its file again (resume, incremental) has it already: its id is compared
    // with the holder's packed bytes, not made a string again.
    if (number !== undefined && this.#isTask(this.#holders[number], taskId)) {
      return reasons.length === 0 ? { file: wanted } : { file: wanted, reason: reasons.join("; ") };
    }
    const holder = this.#holderAt(number);
    let file = wanted;
    if (holder !== undefined && holder !== taskId) {
      names ??= wanted.split("/");
      const stem = names[names.length - 1].slice(0, -".png".length);
      names[names.length - 1] = this.#firstFree(names.slice(0, -1), stem, {
        id: id ??= idPart(taskId),
        suffix: ".png",
        taskId,
      });
      file = names.join("/");
      reasons.push(`"${wanted}" is taken by ${holder === "" ? "a folder" : describe(holder)}`);
    }
    // A task claiming its file again has it already.
    if (holder !== taskId) {
      const fileKey = file === wanted ? key : keyOf(file);
      this.#record(file, taskId, fileKey, file === wanted ? number : this.#numberOf(fileKey));
    }
    return reasons.length === 0 ? { file } : { file, reason: reasons.join("; ") };
  }

  /** Whether `held` (a key's holder) is task `taskId`. */
  #isTask(held: number, taskId: string): boolean {
    return held >= HOLDER_TASK && this.#taskIds.equals(held - HOLDER_TASK, taskId);
  }

  /** `<name>__<id><suffix>`, then `_2`, `_3`...: the first one free in `parents`. */
  #firstFree(
    parents: string[],
    name: string,
    options: { id: string; suffix: string; taskId?: string; folder?: boolean },
  ): string {
    for (let attempt = 1;; attempt++) {
      const tail = attempt === 1 ? `__${options.id}` : `__${options.id}_${attempt}`;
      // The task id is part of the suffix, so a long name is cut before it, never it.
      const candidate = fitName(name, `${tail}${options.suffix}`);
      const holder = this.#holderOf([...parents, candidate].join("/"));
      // A folder may be shared with other tasks' files; a file belongs to one task.
      const free = holder === undefined || holder === options.taskId ||
        (options.folder === true && holder === "");
      if (free) return candidate;
    }
  }

  /** Who holds a path: a task id, `null` (the export), `""` (a folder), `undefined` (nobody). */
  #holderOf(path: string): string | null | undefined {
    const key = keyOf(path);
    return this.#holderAt(this.#numberOf(key));
  }

  /** Who holds the key numbered `number` (`undefined`: no such key), as `#holderOf` says. */
  #holderAt(number: number | undefined): string | null | undefined {
    if (number === undefined) return undefined;
    const held = this.#holders[number];
    return held === HOLDER_EXPORT
      ? null
      : held === HOLDER_FOLDER
      ? ""
      : this.#taskIds.get(held - HOLDER_TASK);
  }

  /** Records `file` for a task; `number` is its key's, as looked up (`undefined`: none). */
  #record(file: string, taskId: string, key: string, number: number | undefined): void {
    const held = number === undefined ? undefined : this.#holders[number];
    // A task claiming its file again (resume, incremental) has it, and its folders, recorded.
    if (held !== undefined && held >= HOLDER_TASK) {
      if (this.#taskIds.get(held - HOLDER_TASK) === taskId) return;
    }
    const parent = parentOf(file);
    const names = parent === this.#knownFolder ? [] : file.split("/");
    for (let i = 1; i < names.length; i++) {
      const folder = keyOf(names.slice(0, i).join("/"));
      if (this.#heldBy(folder) === undefined) this.#hold(folder, HOLDER_FOLDER, undefined);
    }
    if (parent !== "") this.#knownFolder = parent;
    // A task that claims several files keeps its one id.
    if (this.#lastTaskId !== taskId) this.#taskIds.push(taskId);
    this.#lastTaskId = taskId;
    this.#hold(key, HOLDER_TASK + this.#taskIds.size - 1, number);
  }

  /** The holder of a comparison key: the one recorded for exactly its bytes. */
  #heldBy(key: string): number | undefined {
    const number = this.#numberOf(key);
    return number === undefined ? undefined : this.#holders[number];
  }

  #numberOf(key: string): number | undefined {
    return this.#index.find(key, (number) => this.#keys.equals(number, key));
  }

  /** Records a key's holder; `held` is the key's number, as looked up (`undefined`: none). */
  #hold(key: string, holder: number, held: number | undefined): void {
    if (held !== undefined) {
      this.#holders[held] = holder;
      return;
    }
    const number = this.#keys.push(key);
    if (number === this.#holders.length) {
      const holders = new Int32Array(Math.ceil(number * 1.25));
      holders.set(this.#holders);
      releaseBytes(this.#holders);
      this.#holders = holders;
    }
    this.#holders[number] = holder;
    this.#index.add(key, number);
  }
}

function describe(holder: string | null): string {
  return holder === null ? "the export itself" : `task ${holder}`;
}

function keyOf(path: string): string {
  return foldFileName(path);
}

/** The folder part of a path (`""` for a file at the top). */
function parentOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf("/")));
}

function idPart(taskId: string): string {
  return taskId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, MAX_ID_LENGTH);
}
