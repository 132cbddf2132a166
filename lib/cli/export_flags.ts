import type { TaskFilters } from "../api/types.ts";
import { validateTaskFilters } from "../api/validate_task_filters.ts";
import { ConfigError } from "../errors.ts";
import { type FlagSpec, parseFlags, UnknownFlagError } from "../_std/cli.ts";
import { parseShard, type Shard } from "../export/shard.ts";
import { closestWord } from "./closest_word.ts";
import { settingOfFlag } from "./_flag_name.ts";
import { EXPORT_FLAGS, type ExportFlag, type FlagKind } from "./export_flag_table.ts";

export { EXPORT_FLAGS };
export type { ExportFlag, FlagKind };

/** The `export` command's settings, as read from its flags. */
export interface ExportCommand {
  /** The project id (checked by `exportMasks`). */
  projectId: string;
  /** The form input id. */
  inputId?: string;
  /** The task filters. */
  filters: TaskFilters;
  /** Where the export folder is made. */
  outputFolder?: string;
  /** The export folder's name. */
  outputFilename?: string;
  /** Whether to replace the task name's extension. */
  replaceExtension: boolean;
  /** The semantic mapping as given: JSON text, or the path of a JSON file. */
  semanticMapping?: string;
  /** The export format's name: mask, lab, yolo, coco (checked by `exportMasks`). */
  format?: string;
  /** The mask format's name (checked by `exportMasks`). */
  maskFormat?: string;
  /** The ignore index of class-index and palette masks. */
  ignoreIndex?: number;
  /** Whether to list only. */
  dryRun: boolean;
  /** The shard, `i/n`. */
  shard?: Shard;
  /** Whether to resume an interrupted export. */
  resume: boolean;
  /** The earlier export to update. */
  incremental?: string;
  /** Whether to replace an earlier export. */
  overwrite: boolean;
  /** Whether to write `report.html`. */
  report: boolean;
  /** The JSON export to convert offline. */
  fromExport?: string;
  /** The project configuration file, for offline conversion. */
  config?: string;
  /** The API endpoint, overriding the environment. */
  endpoint?: string;
  /** Whether a plain-http endpoint on another machine is allowed. */
  allowInsecureHttp: boolean;
  /** How many masks are converted at once. */
  concurrency?: number;
  /** The pixel limit of a mask. */
  maxPixels?: number;
  /** The memory budget of the masks in flight, in MiB. */
  memoryBudget?: number;
  /** Whether to print JSON instead of text. */
  json: boolean;
  /** Whether to log each HTTP request on stderr. */
  verbose: boolean;
  /** Whether to print only errors and the summary. */
  quiet: boolean;
  /** Whether `--help` was asked. */
  help: boolean;
}

/**
 * Reads the `export` command's flags. List flags take repeats and comma-separated values.
 *
 * @param args The arguments after `export`.
 * @returns The command's settings.
 * @throws {ConfigError} on an unknown flag (naming the closest valid one), a missing value, an
 * empty list item, a malformed `key=value` pair, a bad date or `--concurrency`, or a missing
 * `--project-id` (needed unless `--from-export` or `--help`): all before any credential is read.
 *
 * @example
 * ```ts
 * import { parseExportFlags } from "@lab/masks/cli";
 *
 * const command = parseExportFlags(["--project-id", "p1", "--status-in", "complete,reviewed"]);
 * console.log(command.filters.statusIn); // ["complete", "reviewed"]
 * ```
 */
export function parseExportFlags(args: readonly string[]): ExportCommand {
  const spec: FlagSpec = {
    string: EXPORT_FLAGS.filter((flag) => flag.kind === "string").map((flag) => flag.name),
    collect: EXPORT_FLAGS.filter((flag) => flag.kind === "list" || flag.kind === "pairs")
      .map((flag) => flag.name),
    boolean: EXPORT_FLAGS.filter((flag) => flag.kind === "boolean").map((flag) => flag.name),
    short: Object.fromEntries(
      EXPORT_FLAGS.filter((flag) => flag.short).map((flag) => [flag.short, flag.name]),
    ),
  };
  const parsed = parseOrExplain(args, spec);
  if (parsed._.length > 0) {
    throw new ConfigError(
      `Unexpected argument "${parsed._[0]}": every setting of "export" is a flag, like ` +
        `--project-id <id>; see "export --help"`,
    );
  }
  const filters: Record<string, unknown> = {};
  for (const flag of EXPORT_FLAGS) {
    const value = parsed[flag.name];
    if (flag.filter === undefined || value === undefined) continue;
    if (flag.kind === "list") filters[flag.filter] = splitList(value as string[], flag.name);
    else if (flag.kind === "pairs") filters[flag.filter] = splitPairs(value as string[], flag.name);
    else filters[flag.filter] = value;
  }
  const help = parsed["help"] === true;
  const projectId = (parsed["project-id"] as string | undefined)?.trim() ?? "";
  if (!help && projectId === "" && parsed["from-export"] === undefined) {
    throw new ConfigError(
      'Option "--project-id" is missing: give the id of the project to export, like ' +
        "export --project-id proj_123",
      { setting: "projectId" },
    );
  }
  if (parsed["verbose"] === true && parsed["quiet"] === true) {
    throw new ConfigError('Choose one of "--verbose" and "--quiet"', { setting: "quiet" });
  }
  return {
    projectId,
    inputId: parsed["input-id"] as string | undefined,
    filters: help ? filters as TaskFilters : validateTaskFilters(filters as TaskFilters),
    outputFolder: parsed["output-folder"] as string | undefined,
    outputFilename: parsed["output-filename"] as string | undefined,
    replaceExtension: parsed["replace-extension"] === true,
    semanticMapping: parsed["semantic-mapping"] as string | undefined,
    format: parsed["format"] as string | undefined,
    maskFormat: parsed["mask-format"] as string | undefined,
    ignoreIndex: parseWhole(parsed["ignore-index"] as string | undefined, "ignore-index", 1, 255),
    dryRun: parsed["dry-run"] === true,
    shard: parsed["shard"] === undefined ? undefined : parseShard(parsed["shard"] as string),
    resume: parsed["resume"] === true,
    incremental: parsed["incremental"] as string | undefined,
    overwrite: parsed["overwrite"] === true,
    report: parsed["report"] === true,
    fromExport: parsed["from-export"] as string | undefined,
    config: parsed["config"] as string | undefined,
    endpoint: parsed["endpoint"] as string | undefined,
    allowInsecureHttp: parsed["allow-insecure-http"] === true,
    concurrency: parseWhole(parsed["concurrency"] as string | undefined, "concurrency", 1, 256),
    maxPixels: parseWhole(parsed["max-pixels"] as string | undefined, "max-pixels", 1, 2 ** 31),
    memoryBudget: parseWhole(
      parsed["memory-budget"] as string | undefined,
      "memory-budget",
      1,
      2 ** 20,
    ),
    json: parsed["json"] === true,
    verbose: parsed["verbose"] === true,
    quiet: parsed["quiet"] === true,
    help,
  };
}

// Words users reach for that are not typos of the flag they mean, so edit distance misses them.
const NEAR_WORDS: Readonly<Record<string, string[]>> = {
  status: ["status-in"],
  statuses: ["status-in"],
  batch: ["batch-id-in"],
  output: ["output-folder", "output-filename"],
  out: ["output-folder", "output-filename"],
  force: ["overwrite"],
  format: ["mask-format"],
  project: ["project-id"],
};

function parseOrExplain(args: readonly string[], spec: FlagSpec) {
  try {
    return parseFlags(args, spec);
  } catch (error) {
    if (error instanceof UnknownFlagError) {
      const name = error.flag.replace(/^-+/, "").split("=")[0];
      if (/^(access-?id|secret(-?key)?|token|access-?token|password)$/i.test(name)) {
        throw new ConfigError(
          `Option "--${name}" does not exist: credentials come from the environment only ` +
            "(ISAHIT_LAB_API_ACCESS_ID and ISAHIT_LAB_API_SECRET_KEY), so they stay out of " +
            "shell history and process lists",
          { setting: name },
        );
      }
      const nearest = (Object.hasOwn(NEAR_WORDS, name) ? NEAR_WORDS[name] : undefined) ??
        [closestWord(name, EXPORT_FLAGS.map((flag) => flag.name))].filter((word) => word);
      const dashes = error.flag.startsWith("--") ? "--" : "-";
      const meant = nearest.map((word) => `"--${word}"`).join(" or ");
      throw new ConfigError(
        `Unknown option "${dashes}${name}"` + (meant ? `; did you mean ${meant}?` : ".") +
          ` See "export --help" for every option`,
        { setting: name },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${message}. See "export --help"`);
  }
}

/** Splits repeated, comma-separated values; `\,` stands for a comma inside a value. */
function splitList(values: readonly string[], flag: string): string[] {
  const items: string[] = [];
  for (const value of values) {
    for (const item of value.split(/(?<!\\),/)) {
      const trimmed = item.replaceAll("\\,", ",").trim();
      if (trimmed === "") {
        throw new ConfigError(
          `Option "--${flag}" has an empty value in "${value}"; give one or more values ` +
            `separated by commas`,
          { setting: settingOfFlag(flag) },
        );
      }
      items.push(trimmed);
    }
  }
  return items;
}

function splitPairs(values: readonly string[], flag: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf("=");
    if (at < 1) {
      throw new ConfigError(
        `Option "--${flag}" takes key=value, like --${flag} camera=front; got "${value}"`,
        { setting: settingOfFlag(flag) },
      );
    }
    pairs[value.slice(0, at).trim()] = value.slice(at + 1);
  }
  return pairs;
}

function parseWhole(value: string | undefined, flag: string, low: number, high: number) {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (value.trim() === "" || !Number.isInteger(count) || count < low || count > high) {
    throw new ConfigError(
      `Option "--${flag}" must be a whole number from ${low} to ${high}; got "${value}"`,
      { setting: settingOfFlag(flag) },
    );
  }
  return count;
}
