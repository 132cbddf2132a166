/**
 * Every setting of an export, once, for both edges: its library option (or task filter), its
 * command-line flag, its Action input, how its value is read and checked, and its help line. The
 * CLI's flags (`lib/cli/export_flag_table.ts`) and the Action's inputs (`action/inputs.ts`) are
 * read from this table; `action.yml` stays hand-written and a test holds it to the table.
 *
 * Adding a setting to both edges: its option in `ExportMasksOptions`, one row here, and its input
 * in `action.yml`.
 *
 * @module
 */

import type { TaskFilters } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { settingMessage, subject } from "../_setting_message.ts";
import type { ExportSettings } from "../export/export_settings.ts";
import { formatHelp, parseExportFormat } from "../export/export_formats.ts";
import { parseIgnoreIndex } from "../export/ignore_index.ts";
import { MASK_FORMATS, parseMaskFormat } from "../export/mask_format.ts";
import { parseShard } from "../model/shard.ts";
import { parseStuffLabels } from "../export/stuff_labels.ts";
import { parseCocoSegmentation } from "../formats/coco_segmentation.ts";
import { parsePolygonTolerance } from "../formats/polygon_tolerance.ts";

/** How a setting's value is written: one string, a list, key=value pairs, or a switch. */
export type SettingKind = "string" | "list" | "pairs" | "boolean";

/** The task filters whose value is a `Value`, e.g. `FilterOf<string[]>` is `"statusIn" | ...`. */
export type FilterOf<Value> = {
  [Key in keyof TaskFilters]-?: NonNullable<TaskFilters[Key]> extends Value ? Key : never;
}[keyof TaskFilters];

/** The library options the edges read with the table's parser (every other key is the edge's). */
export type OptionKey = Exclude<keyof ExportSettings, "projectId" | "filters" | "semanticMapping">;

/** What every row has. */
export interface SettingBase {
  /** The command-line flag without `--`, when the CLI has it. */
  flag?: string;
  /** The flag's one-letter form without `-`, e.g. `o` for `-o`. */
  short?: string;
  /** The Action's input, when the Action has it. */
  input?: string;
  /** The value's placeholder in `--help`. */
  value?: string;
  /** The `--help` line. */
  help: string;
}

/**
 * One setting. `option` rows are library options the edges read alike (`parse` turns the text
 * into the option's value; a string option without it is taken as written); `filter` rows are
 * task filters, typed by their kind; rows with neither are read by the edge itself (`key` names
 * them in errors).
 */
export type SettingRow =
  | SettingBase & { kind: "string"; option: OptionKey; parse?: (text: string) => unknown }
  | SettingBase & { kind: "boolean"; option: OptionKey }
  | SettingBase & { kind: "string"; filter: FilterOf<string> }
  | SettingBase & { kind: "list"; filter: FilterOf<string[]> }
  | SettingBase & { kind: "pairs"; filter: FilterOf<Record<string, string>> }
  | SettingBase & { kind: SettingKind; key: string };

/**
 * Reads a whole number in a range, for a setting named by its library key.
 *
 * @param low The smallest accepted.
 * @param high The largest accepted.
 * @param key The setting's library key, for the error.
 * @returns The parser.
 */
function wholeNumber(low: number, high: number, key: string): (text: string) => number {
  return (text) => {
    const count = Number(text);
    if (text.trim() === "" || !Number.isInteger(count) || count < low || count > high) {
      throw new ConfigError(
        settingMessage`${
          subject(key)
        } must be a whole number from ${low} to ${high}; got "${text}"`,
        { setting: key },
      );
    }
    return count;
  };
}

const MIB = 2 ** 20;

/**
 * Reads `--max-page-memory` (input `max-page-memory`): mebibytes, as the bytes of the lab
 * client's `maxPageParsedBytes`.
 *
 * @param text The value as given.
 * @returns The bytes.
 * @throws {ConfigError} naming `maxPageParsedBytes` when it is not a whole number from 1 to 65536.
 *
 * @example
 * ```ts
 * import { parsePageMemory } from "./export_setting_table.ts";
 *
 * console.log(parsePageMemory("64")); // 67108864
 * ```
 */
export function parsePageMemory(text: string): number {
  return wholeNumber(1, 65_536, "maxPageParsedBytes")(text) * MIB;
}

/**
 * Reads `--max-task-size` (input `max-task-size`): mebibytes, as the bytes of the lab client's
 * `maxTaskBytes`, at most a response's limit (512).
 *
 * @param text The value as given.
 * @returns The bytes.
 * @throws {ConfigError} naming `maxTaskBytes` when it is not a whole number from 1 to 512.
 *
 * @example
 * ```ts
 * import { parseTaskSize } from "./export_setting_table.ts";
 *
 * console.log(parseTaskSize("64")); // 67108864
 * ```
 */
export function parseTaskSize(text: string): number {
  return wholeNumber(1, 512, "maxTaskBytes")(text) * MIB;
}

/** `--mask-format`'s help line, from the mask formats: the SDK's first, the default. */
function maskFormatHelp(): string {
  const [first, ...others] = MASK_FORMATS;
  return `${first} (default, the SDK's), ${others.slice(0, -1).join(", ")} or ${others.at(-1)}`;
}

/**
 * Every setting of `export`, in `--help` order; a row without a flag is the Action's alone.
 *
 * @example
 * ```ts
 * import { EXPORT_SETTINGS } from "./export_setting_table.ts";
 *
 * const row = EXPORT_SETTINGS.find((row) => row.flag === "mask-format")!;
 * console.log(row.input, row.kind); // "mask-format" "string"
 * ```
 */
// deno-fmt-ignore: one setting a line reads as a table.
export const EXPORT_SETTINGS: readonly SettingRow[] = [
  { key: "accessId", input: "access-id", kind: "string", help: "the access id of your lab API key" },
  { key: "secretKey", input: "secret-key", kind: "string", help: "the secret key of your lab API key" },
  { key: "projectId", flag: "project-id", input: "project-id", kind: "string", value: "<id>", help: "the project to export (required, but with --incremental or --from-export)" },
  { option: "inputId", flag: "input-id", input: "input-id", kind: "string", value: "<id>", help: "form projects: the segmentation input" },
  { filter: "batchIdIn", flag: "batch-id-in", input: "batch-id-in", kind: "list", value: "<ids>", help: "only these batches" },
  { filter: "statusIn", flag: "status-in", input: "status-in", kind: "list", value: "<statuses>", help: "only these statuses, e.g. complete,reviewed" },
  { filter: "taskIdIn", flag: "task-id-in", input: "task-id-in", kind: "list", value: "<ids>", help: "only these task ids" },
  { filter: "nameIn", flag: "name-in", input: "name-in", kind: "list", value: "<names>", help: "only these task names (write \\, for a comma in a name)" },
  { filter: "nameLike", flag: "name-like", input: "name-like", kind: "string", value: "<text>", help: "only task names containing this text" },
  { filter: "createdAtGt", flag: "created-at-gt", kind: "string", value: "<date>", help: "created after (YYYY-MM-DD HH:MM:SS, YYYY-MM-DD HH:MM, YYYY-MM-DD or ISO 8601)" },
  { filter: "createdAtGte", flag: "created-at-gte", input: "created-at-gte", kind: "string", value: "<date>", help: "created at or after" },
  { filter: "createdAtLt", flag: "created-at-lt", kind: "string", value: "<date>", help: "created before" },
  { filter: "createdAtLte", flag: "created-at-lte", input: "created-at-lte", kind: "string", value: "<date>", help: "created at or before" },
  { filter: "updatedAtGt", flag: "updated-at-gt", kind: "string", value: "<date>", help: "updated after" },
  { filter: "updatedAtGte", flag: "updated-at-gte", input: "updated-at-gte", kind: "string", value: "<date>", help: "updated at or after" },
  { filter: "updatedAtLt", flag: "updated-at-lt", kind: "string", value: "<date>", help: "updated before" },
  { filter: "updatedAtLte", flag: "updated-at-lte", input: "updated-at-lte", kind: "string", value: "<date>", help: "updated at or before" },
  { filter: "data", flag: "data", kind: "pairs", value: "<field=value>", help: "only tasks whose data field equals value (repeatable)" },
  { filter: "properties", flag: "properties", kind: "pairs", value: "<name=value>", help: "only tasks whose property equals value (repeatable)" },
  { filter: "optionalFields", flag: "optional-fields", kind: "list", value: "<fields>", help: "extra task fields to ask the API for" },
  { option: "outputFolder", flag: "output-folder", short: "o", input: "output-folder", kind: "string", value: "<dir>", help: 'where the export folder is made (default ".")' },
  { option: "outputFilename", flag: "output-filename", input: "output-filename", kind: "string", value: "<name>", help: "the export folder's name (default lab_mask_<project id>_<date>)" },
  { option: "replaceExtension", flag: "replace-extension", input: "replace-extension", kind: "boolean", help: "name masks a.png, not a.jpg.png" },
  { key: "semanticMapping", flag: "semantic-mapping", input: "semantic-mapping", kind: "string", value: "<json|file>", help: 'recolour labels: {"<label id>": [r, g, b]} or a .json file' },
  { option: "format", flag: "format", input: "format", kind: "string", value: "<format>", parse: parseExportFormat, help: formatHelp() },
  { option: "maskFormat", flag: "mask-format", input: "mask-format", kind: "string", value: "<format>", parse: parseMaskFormat, help: maskFormatHelp() },
  // Its range is the export's to check, before any request.
  { option: "ignoreIndex", flag: "ignore-index", input: "ignore-index", kind: "string", value: "<n>", parse: parseIgnoreIndex, help: "class-index, palette: the index of pixels whose label is unknown (default 255)" },
  { option: "stuff", flag: "stuff", input: "stuff", kind: "string", value: "<label ids>", parse: parseStuffLabels, help: "panoptic: the labels that are stuff, one segment per class (others: one per instance)" },
  { option: "cocoSegmentation", flag: "coco-segmentation", input: "coco-segmentation", kind: "string", value: "<rle|polygon>", parse: parseCocoSegmentation, help: "coco from masks: each instance as compressed RLE (default) or polygons" },
  { option: "polygonTolerance", flag: "polygon-tolerance", input: "polygon-tolerance", kind: "string", value: "<px>", parse: parsePolygonTolerance, help: "polygons from masks (coco polygon, yolo-seg): drop corners closer than this (default 0)" },
  { option: "labelmapFrom", flag: "labelmap-from", input: "labelmap-from", kind: "string", value: "<dir|file>", help: "keep the class indices of an earlier export (its folder or labelmap.json)" },
  { option: "allowRemovedLabels", flag: "allow-removed-labels", input: "allow-removed-labels", kind: "boolean", help: "with --labelmap-from: reserve the index of a label the project lost, not stop" },
  { option: "split", flag: "split", input: "split", kind: "string", value: "<name=%,...>", help: "split tasks by a hash of their id, e.g. train=80,val=20 (files under <split>/)" },
  { option: "splitSeed", flag: "split-seed", input: "split-seed", kind: "string", value: "<text>", help: "the seed of the split hash (default lab-masks)" },
  { option: "dryRun", flag: "dry-run", input: "dry-run", kind: "boolean", help: "list the tasks that would be exported and where; write nothing" },
  { option: "shard", flag: "shard", input: "shard", kind: "string", value: "<i/n>", parse: parseShard, help: "export part i of n (stable by task id), for CI matrices" },
  { option: "resume", flag: "resume", input: "resume", kind: "boolean", help: "finish an interrupted export in its folder, keeping complete files" },
  { option: "incremental", flag: "incremental", input: "incremental", kind: "string", value: "<dir|manifest>", help: "update an earlier export with the tasks updated since it ran, with its settings" },
  { option: "overwrite", flag: "overwrite", input: "overwrite", kind: "boolean", help: "replace an earlier export in the same folder" },
  { option: "report", flag: "report", input: "report", kind: "boolean", help: "also write report.html: label bars, histograms, thumbnails" },
  { option: "card", flag: "card", input: "card", kind: "boolean", help: "also write the dataset card: README.md, id2label.json, croissant.json" },
  { key: "compareWith", input: "compare-with", kind: "string", help: "an earlier export folder: the changes since go in the job summary" },
  { key: "exportFile", flag: "from-export", kind: "string", value: "<file>", help: 'convert a JSON export offline (the SDK\'s format="lab", or raw tasks)' },
  { key: "configFile", flag: "config", kind: "string", value: "<file>", help: "with --from-export: the project configuration JSON file" },
  { key: "endpoint", flag: "endpoint", input: "endpoint", kind: "string", value: "<url>", help: "the lab API (default $ISAHIT_LAB_API_ENDPOINT or https://hub-api.isahit.com/)" },
  { key: "allowInsecureHttp", flag: "allow-insecure-http", input: "allow-insecure-http", kind: "boolean", help: "allow a plain http:// endpoint on another machine (the secret then crosses in clear)" },
  { key: "maxPageParsedBytes", flag: "max-page-memory", input: "max-page-memory", kind: "string", value: "<MiB>", help: "the most a page of tasks may take once parsed (default 192); a denser page is asked again in smaller pages" },
  { key: "maxTaskBytes", flag: "max-task-size", input: "max-task-size", kind: "string", value: "<MiB>", help: "the most one task's JSON may hold (default 32); raise it with --max-pixels for larger masks" },
  { option: "maxPixels", flag: "max-pixels", kind: "string", value: "<n>", parse: wholeNumber(1, 2 ** 31, "maxPixels"), help: "refuse masks with more pixels than this (default 100000000)" },
  { option: "memoryBudgetBytes", flag: "memory-budget", kind: "string", value: "<MiB>", parse: (text) => wholeNumber(1, MIB, "memoryBudgetBytes")(text) * MIB, help: "how much the masks being converted at once may hold (default 512)" },
  { option: "concurrency", flag: "concurrency", kind: "string", value: "<n>", parse: wholeNumber(1, 256, "concurrency"), help: "masks converted at once (default: the number of CPU cores)" },
  { key: "json", flag: "json", kind: "boolean", help: "print the summary (or the dry run's plan) as JSON on stdout, no progress" },
  { key: "verbose", flag: "verbose", short: "v", kind: "boolean", help: "one line per HTTP request on stderr: method, path and query, status, ms, attempt" },
  { key: "quiet", flag: "quiet", short: "q", kind: "boolean", help: "print only errors and the summary" },
  { key: "help", flag: "help", short: "h", kind: "boolean", help: "show this help" },
  { key: "artifactName", input: "artifact-name", kind: "string", help: "the artifact's name" },
  { key: "retentionDays", input: "retention-days", kind: "string", help: "days the artifact is kept" },
  { key: "upload", input: "upload", kind: "boolean", help: "upload the export folder or file as an artifact" },
  { key: "failOnError", input: "fail-on-error", kind: "boolean", help: "fail the step when a task fails" },
];

/**
 * A row's library key: its option, its task filter, or the edge's own key.
 *
 * @param row The row.
 * @returns The key errors name the setting by.
 *
 * @example
 * ```ts
 * import { EXPORT_SETTINGS, keyOf } from "./export_setting_table.ts";
 *
 * console.log(EXPORT_SETTINGS.filter((row) => row.flag === "status-in").map(keyOf)); // [ "statusIn" ]
 * ```
 */
export function keyOf(row: SettingRow): string {
  return "option" in row ? row.option : "filter" in row ? row.filter : row.key;
}

/** How an edge gives a setting's raw value: `undefined` when it is not given. */
export interface RawSettings {
  /** A string setting's text. */
  text(row: SettingRow): string | undefined;
  /** A switch: given (`true`) or not. */
  boolean(row: SettingRow): boolean;
}

/**
 * Reads the library options an edge has (every row with an option that `has` accepts), each
 * checked by its row's parser: a string not given is `undefined`, a switch not given `false`.
 *
 * @param raw How the edge gives the raw values.
 * @param has Whether the edge has the row (a flag, an input).
 * @returns The options, one key per row read (the others are left out).
 * @throws {ConfigError} when a value is not one its setting takes.
 *
 * @example
 * ```ts
 * import { readOptions } from "./export_setting_table.ts";
 *
 * const options = readOptions(
 *   { text: (row) => row.flag === "shard" ? "2/4" : undefined, boolean: () => false },
 *   (row) => row.flag === "shard" || row.flag === "resume",
 * );
 * console.log(options); // { shard: { index: 2, count: 4 }, resume: false }
 * ```
 */
export function readOptions(
  raw: RawSettings,
  has: (row: SettingRow) => boolean,
): Pick<ExportSettings, OptionKey> {
  const options: Partial<Record<OptionKey, unknown>> = {};
  for (const row of EXPORT_SETTINGS) {
    if (!("option" in row) || !has(row)) continue;
    if (row.kind === "boolean") {
      options[row.option] = raw.boolean(row);
      continue;
    }
    const text = raw.text(row);
    options[row.option] = text === undefined || row.parse === undefined ? text : row.parse(text);
  }
  // Each row's parser gives its option's type; the rows are checked against the options by a test.
  return options as Pick<ExportSettings, OptionKey>;
}
