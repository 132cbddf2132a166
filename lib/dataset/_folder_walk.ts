/**
 * Lists a folder's entries to any depth without following links: each relative path (with `/`)
 * and what it is.
 *
 * @module
 */

import { join } from "../_std/path.ts";

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
