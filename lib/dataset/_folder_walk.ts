/**
 * Lists a folder's entries to any depth without following links: each relative path (with `/`)
 * and what it is; and reads the regular files among them through the file door, refusing the
 * rest. What `verify` and `diff` read an export with.
 *
 * @module
 */

import { join } from "../_std/path.ts";
import { ExportFolderFs } from "../model/export_folder_fs.ts";

/** What an entry of a folder is. */
export type EntryKind = "file" | "folder" | "link" | "other";

/**
 * Every entry under `root`, by relative path; a link is listed and never followed, so nothing
 * outside the folder is read.
 */
export async function walkFolder(root: string): Promise<Map<string, EntryKind>> {
  const found = new Map<string, EntryKind>();
  const pending = [""];
  while (pending.length > 0) {
    const relative = pending.pop()!;
    for await (const entry of Deno.readDir(relative === "" ? root : join(root, relative))) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const kind: EntryKind = entry.isSymlink
        ? "link"
        : entry.isDirectory
        ? "folder"
        : entry.isFile
        ? "file"
        : "other";
      found.set(path, kind);
      if (kind === "folder") pending.push(path);
    }
  }
  return found;
}

/** Why an entry that is not a regular file is not read, in words. */
export function notAFileDetail(kind: EntryKind): string {
  const what = kind === "link"
    ? "a symbolic link"
    : kind === "other"
    ? "not a regular file"
    : `a ${kind}`;
  return `${what}, not followed`;
}

/** A folder walked once, whose regular files are read through its file door. */
export class WalkedFolder {
  /** The folder. */
  readonly folder: string;
  /** Its entries, by relative path. */
  readonly found: Map<string, EntryKind>;
  readonly #files: ExportFolderFs;

  private constructor(folder: string, found: Map<string, EntryKind>) {
    this.folder = folder;
    this.found = found;
    this.#files = new ExportFolderFs(folder, { rootChosenByUser: true });
  }

  /** Walks `folder` (links listed, never followed). */
  static async open(folder: string): Promise<WalkedFolder> {
    return new WalkedFolder(folder, await walkFolder(folder));
  }

  /**
   * Reads the regular file at `path`; a link, a FIFO or another non-regular entry, a path the
   * walk did not find, or one the door refuses, is not read: why, in words.
   */
  async read(path: string): Promise<{ bytes: Uint8Array } | { refused: string }> {
    const kind = this.found.get(path);
    if (kind === undefined) return { refused: "not there" };
    if (kind !== "file") return { refused: notAFileDetail(kind) };
    try {
      return { bytes: await this.#files.readFile(path) };
    } catch (error) {
      return { refused: (error as Error).message };
    }
  }
}
