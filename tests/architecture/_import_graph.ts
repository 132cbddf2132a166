/**
 * The relative imports of the project's own TypeScript files, read from their text (type-only
 * imports, re-exports, dynamic imports and the imports of runnable doc examples included).
 */

/** One import: the importing file and the file it names, both relative to the project root. */
export interface ImportEdge {
  from: string;
  to: string;
}

const ROOT = new URL("../../", import.meta.url);
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\.?\/[^"']+)["']/g;

/** Every `.ts` file under `folder` (relative to the project root), `/`-separated. */
export async function tsFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(new URL(`${folder}/`, ROOT))) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory) found.push(...await tsFiles(path));
    else if (entry.name.endsWith(".ts")) found.push(path);
  }
  return found.sort();
}

/** Resolves `specifier` as written in `from`, against the project root. */
export function resolveImport(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

/** The relative imports of these files (paths relative to the project root). */
export async function importsOf(files: readonly string[]): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const source = await Deno.readTextFile(new URL(from, ROOT));
    for (const match of source.matchAll(SPECIFIER)) {
      edges.push({ from, to: resolveImport(from, match[1]) });
    }
  }
  return edges;
}

/** The folder a file is in: `lib/png` for `lib/png/decode_png.ts`, `.` for `cli.ts`. */
export function folderOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "." : path.slice(0, at);
}
