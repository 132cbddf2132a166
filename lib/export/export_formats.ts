/**
 * The registry of export formats: every format an export can write, with what it writes, which
 * projects it fits and how it runs. The `--format` choices and help line, the Action's accepted
 * values and the table of docs/export-formats.md all come from here (tests hold `action.yml` and
 * the docs to it).
 *
 * A format that writes one file is a row of `lib/formats/one_file_formats.ts` and comes here by
 * itself; a format that writes a folder (many files) is a row of {@linkcode EXPORT_FORMAT_ENTRIES}
 * with its own `run`.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { ONE_FILE_FORMATS, type OneFileFormatName } from "../formats/one_file_formats.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import { exportMaskFolder } from "./_export_mask_folder.ts";
import { exportOneFile } from "./_export_one_file.ts";
import type { ExportMasksOptions } from "./export_masks.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

/** The files an export can write: PNG masks, or one `lab` JSON, YOLO zip or COCO JSON file. */
export type ExportFormat = "mask" | OneFileFormatName;

/** What a format writes: an export folder of many files, or one file. */
export type FormatOutput = "folder" | "file";

/** One export format. */
export interface ExportFormatEntry {
  /** Its name, as `--format` and the Action's `format` input take it. */
  name: ExportFormat;
  /** What it writes, in a word or two, for `--help`. */
  brief: string;
  /** An export folder of many files, or one file. */
  output: FormatOutput;
  /** What it writes, for the docs' table. */
  file: string;
  /** Which projects it fits, for the docs' table. */
  projects: string;
  /** Whether the SDK writes it too, for the docs' table. */
  fromSdk: string;
  /**
   * Runs an export in this format.
   *
   * @param options The export's options, `format` included.
   * @returns What was exported, skipped and failed, and where.
   */
  run(options: ExportMasksOptions): Promise<ExportSummary>;
}

/**
 * Every export format, the default (`mask`) first, in `--help` order.
 *
 * @example
 * ```ts
 * import { EXPORT_FORMAT_ENTRIES } from "./export_formats.ts";
 *
 * console.log(EXPORT_FORMAT_ENTRIES.map((format) => `${format.name}: ${format.output}`));
 * // [ "mask: folder", "lab: file", "yolo: file", "yolo-seg: file", "coco: file" ]
 * ```
 */
export const EXPORT_FORMAT_ENTRIES: readonly ExportFormatEntry[] = [
  {
    name: "mask",
    brief: "PNG files",
    output: "folder",
    file: "PNG masks, `manifest.jsonl` and `export.json` in an export folder",
    projects: "`iat-segmentation`, `iat-polygon`, `iat-rectangle`, and `form` with one such input",
    fromSdk: 'yes: `export_tasks(format="mask")`, pixel for pixel',
    run: exportMaskFolder,
  },
  ...ONE_FILE_FORMATS.map(({ name, brief, file, projects, fromSdk }): ExportFormatEntry => ({
    name,
    brief,
    output: "file",
    file,
    projects,
    fromSdk,
    run: (options) => exportOneFile(options, name),
  })),
];

/** Every export format's name, the default (`mask`) first. */
export const EXPORT_FORMATS: readonly ExportFormat[] = EXPORT_FORMAT_ENTRIES.map((entry) =>
  entry.name
);

/**
 * The registry's entry of a format.
 *
 * @param name The format's name.
 * @returns Its entry.
 * @throws {ConfigError} naming the formats when it is none of them.
 * @throws {TypeError} when `name` is not a string.
 *
 * @example
 * ```ts
 * import { exportFormatEntry } from "./export_formats.ts";
 *
 * console.log(exportFormatEntry("yolo").output); // "file"
 * ```
 */
export function exportFormatEntry(name: string): ExportFormatEntry {
  checkArgumentType(name, "name", TEXT);
  const entry = EXPORT_FORMAT_ENTRIES.find((known) => known.name === name);
  if (entry === undefined) {
    throw new ConfigError(
      `The format "${name}" is unknown; choose one of ${EXPORT_FORMATS.join(", ")}`,
      { setting: "format" },
    );
  }
  return entry;
}

/**
 * Reads an export format's name, as a user typed it.
 *
 * @param text The name: `mask`, `lab`, `yolo` or `coco`.
 * @returns The format.
 * @throws {ConfigError} naming the formats when it is none of them.
 * @throws {TypeError} when `text` is not a string.
 *
 * @example
 * ```ts
 * import { parseExportFormat } from "@lab/masks/formats";
 *
 * console.log(parseExportFormat("coco")); // "coco"
 * ```
 */
export function parseExportFormat(text: string): ExportFormat {
  checkArgumentType(text, "text", TEXT);
  return exportFormatEntry(text).name;
}

/** How `--help` groups the formats after the default, by what they write. */
const OUTPUT_WORDS: Readonly<Record<FormatOutput, string>> = {
  file: "one file",
  folder: "a folder",
};

/**
 * The `--format` help line: the default, then the others grouped by what they write.
 *
 * @returns E.g. `mask (default: PNG files), or one file: lab (JSON), yolo (zip), coco (JSON)`.
 *
 * @example
 * ```ts
 * import { formatHelp } from "./export_formats.ts";
 *
 * console.log(formatHelp().startsWith("mask (default: PNG files), or one file: lab (JSON)")); // true
 * ```
 */
export function formatHelp(): string {
  const [first, ...others] = EXPORT_FORMAT_ENTRIES;
  const groups = (["folder", "file"] as const).flatMap((output) => {
    const entries = others.filter((entry) => entry.output === output);
    if (entries.length === 0) return [];
    const names = entries.map((entry) => `${entry.name} (${entry.brief})`).join(", ");
    return [`or ${OUTPUT_WORDS[output]}: ${names}`];
  });
  return [`${first.name} (default: ${first.brief})`, ...groups].join(", ");
}
