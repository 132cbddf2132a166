/**
 * The export without its identity, for the "identity cost" figure: a copy of `lib/` whose pixel
 * digest hashes nothing (nor do the kernels write its canonical form) (the manifest's `pixelSha256` and the dataset id become those of empty
 * images), so the same export can be timed with and without hashing its pixels.
 *
 * @module
 */

import { join } from "../lib/_std/path.ts";

/**
 * Per file of `lib/png/`, the functions that hash pixels or write what is hashed, each with what
 * it returns at once in the copy.
 */
const HASHING: Record<string, [string, string][]> = {
  "pixel_digest.ts": [
    ["  update(", ""],
    ["  updateRows(", ""],
    ["  updateDifferences(", ""],
    ["  updateForm(", ""],
  ],
  // An empty form: it ends where it starts.
  "_strip_digest.ts": [
    ["export function digestStrip(", ""],
    ["export function writeForm(", " strip.out"],
    // Unfiltered as without a digest, the image data's check carried on by the kernel all the same.
    [
      "export function unfilterDigested(",
      " kernels.unfilter(strip.ptr, strip.count, strip.rowBytes, strip.bpp, strip.above, strip.census, strip.sums ?? 0)",
    ],
  ],
};

/**
 * Per file of `lib/png/`, text replaced in the copy: the `rgb` transcoder's kernel writes no form
 * (and counts the census as its rows are written), and its deflater reads the rows' zeros, as
 * without a digest.
 */
const REPLACED: Record<string, [string, string][]> = {
  "fast_rgb.ts": [
    ["digest ? layout.pieces : 0", "0"],
    ["form: digest !== undefined", "form: false"],
  ],
};

/**
 * Copies `lib/` and `deno.json` into `work` and turns the pixel digest's hashing off there.
 *
 * @param work A folder of the benchmark's own.
 * @returns The URL of the copy's `export_masks.ts`.
 */
export async function identityFreeModule(work: string): Promise<string> {
  const root = new URL("../", import.meta.url);
  const copy = join(work, "identity-free");
  await copyTree(new URL("lib/", root).pathname, join(copy, "lib"));
  await Deno.copyFile(new URL("deno.json", root).pathname, join(copy, "deno.json"));
  for (const [file, heads] of Object.entries(HASHING)) {
    const path = join(copy, "lib/png", file);
    let text = await Deno.readTextFile(path);
    for (const [head, value] of heads) {
      const at = text.indexOf(head);
      if (at < 0) throw new Error(`${file} has no "${head}" any more: update this copy`);
      // The body starts at the first "{" at the end of a line after the name.
      const body = text.indexOf("{\n", at) + 1;
      text = `${text.slice(0, body)}\n    return${value};${text.slice(body)}`;
    }
    await Deno.writeTextFile(path, `// deno-lint-ignore-file\n// @ts-nocheck\n${text}`);
  }
  for (const [file, replacements] of Object.entries(REPLACED)) {
    const path = join(copy, "lib/png", file);
    let text = await Deno.readTextFile(path);
    for (const [from, to] of replacements) {
      if (!text.includes(from)) {
        throw new Error(`${file} has no "${from}" any more: update this copy`);
      }
      text = text.replace(from, to);
    }
    await Deno.writeTextFile(path, text);
  }
  return new URL(`file://${join(copy, "lib/export/export_masks.ts")}`).href;
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile) await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}
