import type { TaskFilters } from "../api/types.ts";
import { validateTaskFilters } from "../api/validate_task_filters.ts";
import { ConfigError } from "../errors.ts";
import { type FlagSpec, type ParsedFlags, parseFlags, UnknownFlagError } from "../_std/cli.ts";
import type { ExportSettings } from "../export/export_settings.ts";
import { parsePageMemory, parseTaskSize, readOptions } from "../settings/export_setting_table.ts";
import { closestWord } from "./closest_word.ts";
import { settingOfFlag } from "./_flag_name.ts";
import {
  EXPORT_FLAGS,
  type ExportFlag,
  type FilterOf,
  type FlagBase,
  type FlagKind,
} from "./export_flag_table.ts";

export { EXPORT_FLAGS };
export type { ExportFlag, FilterOf, FlagBase, FlagKind };

/** The `export` command, as read from its flags: the export's settings, and the command's own. */
export interface ExportCommand {
  /** The export's settings, typed and checked as far as flags can be (the project id by `exportMasks`). */
  settings: ExportSettings;
  /** `--semantic-mapping` as given: JSON text, or the path of a JSON file; read by the command. */
  semanticMappingSource?: string;
  /** The JSON export to convert offline. */
  fromExport?: string;
  /** The project configuration file, for offline conversion. */
  config?: string;
  /** The API endpoint, overriding the environment. */
  endpoint?: string;
  /** Whether a plain-http endpoint on another machine is allowed. */
  allowInsecureHttp: boolean;
  /** `--max-page-memory`, in bytes: the lab client's `maxPageParsedBytes`; its default when absent. */
  maxPageParsedBytes?: number;
  /** `--max-task-size`, in bytes: the lab client's `maxTaskBytes`; its default when absent. */
  maxTaskBytes?: number;
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
 * `--project-id` (needed unless `--from-export`, `--incremental` or `--help`): all before any
 * credential is read.
 *
 * @example
 * ```ts
 * import { parseExportFlags } from "./export_flags.ts";
 *
 * const command = parseExportFlags(["--project-id", "p1", "--status-in", "complete,reviewed"]);
 * console.log(command.settings.filters?.statusIn); // ["complete", "reviewed"]
 * ```
 */
export function parseExportFlags(args: readonly string[]): ExportCommand {
  const parsed = parseOrExplain(args, flagSpec());
  if (parsed._.length > 0) {
    throw new ConfigError(
      `Unexpected argument "${parsed._[0]}": every setting of "export" is a flag, like ` +
        `--project-id <id>; see "export --help"`,
    );
  }
  const help = parsed["help"] === true;
  const projectId = stringFlag(parsed, "project-id")?.trim() ?? "";
  // An incremental run reads the project id from the earlier export's export.json.
  const needless = parsed["from-export"] !== undefined || parsed["incremental"] !== undefined;
  if (!help && projectId === "" && !needless) {
    throw new ConfigError(
      'Option "--project-id" is missing: give the id of the project to export, like ' +
        "lab-masks export --project-id proj_123",
      { setting: "projectId" },
    );
  }
  if (parsed["verbose"] === true && parsed["quiet"] === true) {
    throw new ConfigError('Choose one of "--verbose" and "--quiet"', { setting: "quiet" });
  }
  const filters = readFilters(parsed);
  const string = (name: string) => stringFlag(parsed, name);
  const pageMemory = string("max-page-memory");
  const taskSize = string("max-task-size");
  return {
    settings: {
      ...readSettings(parsed),
      projectId,
      filters: help ? filters : validateTaskFilters(filters),
    },
    semanticMappingSource: string("semantic-mapping"),
    fromExport: string("from-export"),
    config: string("config"),
    endpoint: string("endpoint"),
    allowInsecureHttp: parsed["allow-insecure-http"] === true,
    maxPageParsedBytes: pageMemory === undefined ? undefined : parsePageMemory(pageMemory),
    maxTaskBytes: taskSize === undefined ? undefined : parseTaskSize(taskSize),
    json: parsed["json"] === true,
    verbose: parsed["verbose"] === true,
    quiet: parsed["quiet"] === true,
    help,
  };
}

/** The library options of the flags given, each checked by its row of the settings table. */
function readSettings(parsed: ParsedFlags): Omit<ExportSettings, "projectId" | "filters"> {
  return readOptions({
    text: (row) => stringFlag(parsed, row.flag!),
    boolean: (row) => parsed[row.flag!] === true,
  }, (row) => row.flag !== undefined);
}

function flagSpec(): FlagSpec {
  return {
    string: EXPORT_FLAGS.filter((flag) => flag.kind === "string").map((flag) => flag.name),
    collect: EXPORT_FLAGS.filter((flag) => flag.kind === "list" || flag.kind === "pairs")
      .map((flag) => flag.name),
    boolean: EXPORT_FLAGS.filter((flag) => flag.kind === "boolean").map((flag) => flag.name),
    short: Object.fromEntries(
      EXPORT_FLAGS.filter((flag) => flag.short).map((flag) => [flag.short, flag.name]),
    ),
  };
}

/** The task filters the flags set, as given (checked by the caller unless `--help`). */
function readFilters(parsed: ParsedFlags): TaskFilters {
  const filters: TaskFilters = {};
  for (const flag of EXPORT_FLAGS) {
    if (flag.filter === undefined) continue;
    const values = listFlag(parsed, flag.name);
    const value = stringFlag(parsed, flag.name);
    if (flag.kind === "list" && values) filters[flag.filter] = splitList(values, flag.name);
    else if (flag.kind === "pairs" && values) filters[flag.filter] = splitPairs(values, flag.name);
    else if (flag.kind === "string" && value !== undefined) filters[flag.filter] = value;
  }
  return filters;
}

/** A flag's value when it takes one value, `undefined` when it was not given. */
function stringFlag(parsed: ParsedFlags, name: string): string | undefined {
  const value = parsed[name];
  return typeof value === "string" ? value : undefined;
}

/** A repeatable flag's values, `undefined` when it was not given. */
function listFlag(parsed: ParsedFlags, name: string): string[] | undefined {
  const value = parsed[name];
  return Array.isArray(value) ? value : undefined;
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
