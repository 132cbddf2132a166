/**
 * How file names are compared: as case-insensitive file systems compare them.
 *
 * @module
 */

// deno-lint-ignore no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The comparison key of a path: two paths with the same key are one file on macOS (APFS) or
 * Windows (NTFS), and in a zip unpacked there. The path is put in compatibility form (NFKC: `ϐ`
 * becomes `β`, `ﬁ` becomes `fi`), then cased up and down again, which folds as full case folding
 * does (`ſ` and `s`, `ς` and `σ`, `ı` and `I` and `i`, `ß` and `ss`), then put in composed form
 * (NFC). It folds at least as much as those file systems do: two names they tell apart may get
 * one key (then one of them is renamed, never lost), but two names they would merge never get
 * two.
 *
 * @param path A relative path, as the registry hands it out.
 * @returns Its comparison key.
 *
 * @example
 * ```ts
 * import { foldFileName } from "./fold_file_name.ts";
 *
 * console.log(foldFileName("ſtreet/Σ.png") === foldFileName("street/ς.png")); // true
 * console.log(foldFileName("Straße.png") === foldFileName("STRASSE.PNG")); // true
 * ```
 */
export function foldFileName(path: string): string {
  // ASCII is its own NFKC and NFC form, and cases up and down as it cases down.
  if (ASCII.test(path)) return path.toLowerCase();
  return path.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFC");
}
