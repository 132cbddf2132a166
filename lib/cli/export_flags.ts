import type { TaskFilters } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { type FlagSpec, parseFlags, UnknownFlagError } from "../_std/cli.ts";
import { closestWord } from "./closest_word.ts";

/** How a flag's value is read: one string, a list, key=value pairs, or a switch. */
export type FlagKind = "string" | "list" | "pairs" | "boolean";

/** One flag of `export`: its name, value, where it goes, and its help line. */
export interface ExportFlag {
  /** The flag without `--`, the SDK's parameter name in kebab-case. */
  name: string;
  /** `string`, `list` (repeats and commas), `pairs` (`key=value`, repeats) or `boolean`. */
  kind: FlagKind;
  /** The task filter it sets, if it is one. */
  filter?: keyof TaskFilters;
  /** The value's placeholder in `--help`. */
  value?: string;
  /** The help line. */
  help: string;
}

/** Every flag of the `export` command, in `--help` order. */
export const EXPORT_FLAGS: readonly ExportFlag[] = [
  { name: "project-id", kind: "string", value: "<id>", help: "the project to export (required)" },
  {
    name: "input-id",
    kind: "string",
    value: "<id>",
    help: "form projects: the segmentation input",
  },
  {
    name: "batch-id-in",
    kind: "list",
    filter: "batchIdIn",
    value: "<ids>",
    help: "only these batches",
  },
  {
    name: "status-in",
    kind: "list",
    filter: "statusIn",
    value: "<statuses>",
    help: "only these statuses, e.g. complete,reviewed",
  },
  {
    name: "task-id-in",
    kind: "list",
    filter: "taskIdIn",
    value: "<ids>",
    help: "only these task ids",
  },
  {
    name: "name-in",
    kind: "list",
    filter: "nameIn",
    value: "<names>",
    help: "only these task names (write \\, for a comma in a name)",
  },
  {
    name: "name-like",
    kind: "string",
    filter: "nameLike",
    value: "<text>",
    help: "only task names containing this text",
  },
  {
    name: "created-at-gt",
    kind: "string",
    filter: "createdAtGt",
    value: "<date>",
    help: "created after (YYYY-MM-DD HH:MM:SS or ISO 8601)",
  },
  {
    name: "created-at-gte",
    kind: "string",
    filter: "createdAtGte",
    value: "<date>",
    help: "created at or after",
  },
  {
    name: "created-at-lt",
    kind: "string",
    filter: "createdAtLt",
    value: "<date>",
    help: "created before",
  },
  {
    name: "created-at-lte",
    kind: "string",
    filter: "createdAtLte",
    value: "<date>",
    help: "created at or before",
  },
  {
    name: "updated-at-gt",
    kind: "string",
    filter: "updatedAtGt",
    value: "<date>",
    help: "updated after",
  },
  {
    name: "updated-at-gte",
    kind: "string",
    filter: "updatedAtGte",
    value: "<date>",
    help: "updated at or after",
  },
  {
    name: "updated-at-lt",
    kind: "string",
    filter: "updatedAtLt",
    value: "<date>",
    help: "updated before",
  },
  {
    name: "updated-at-lte",
    kind: "string",
    filter: "updatedAtLte",
    value: "<date>",
    help: "updated at or before",
  },
  {
    name: "data",
    kind: "pairs",
    filter: "data",
    value: "<field=value>",
    help: "only tasks whose data field equals value (repeatable)",
  },
  {
    name: "properties",
    kind: "pairs",
    filter: "properties",
    value: "<name=value>",
    help: "only tasks whose property equals value (repeatable)",
  },
  {
    name: "optional-fields",
    kind: "list",
    filter: "optionalFields",
    value: "<fields>",
    help: "extra task fields to ask the API for",
  },
  {
    name: "output-folder",
    kind: "string",
    value: "<dir>",
    help: 'where the export folder is made (default ".")',
  },
  {
    name: "output-filename",
    kind: "string",
    value: "<name>",
    help: "the export folder's name (default lab_mask_<project id>_<date>)",
  },
  { name: "replace-extension", kind: "boolean", help: "name masks a.png, not a.jpg.png" },
  {
    name: "semantic-mapping",
    kind: "string",
    value: "<json|file>",
    help: 'recolour labels: {"<label id>": [r, g, b]} or a .json file',
  },
  {
    name: "endpoint",
    kind: "string",
    value: "<url>",
    help: "the lab API (default $ISAHIT_LAB_API_ENDPOINT or https://hub-api.isahit.com/)",
  },
  {
    name: "concurrency",
    kind: "string",
    value: "<n>",
    help: "masks converted at once (default: the number of CPU cores)",
  },
  { name: "json", kind: "boolean", help: "print the summary as JSON on stdout, no progress" },
  { name: "help", kind: "boolean", help: "show this help" },
];

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
  /** The API endpoint, overriding the environment. */
  endpoint?: string;
  /** How many masks are converted at once. */
  concurrency?: number;
  /** Whether to print JSON instead of text. */
  json: boolean;
  /** Whether `--help` was asked. */
  help: boolean;
}

/**
 * Reads the `export` command's flags. List flags take repeats and comma-separated values.
 *
 * @param args The arguments after `export`.
 * @returns The command's settings.
 * @throws {ConfigError} on an unknown flag (naming the closest valid one), a missing value, an
 * empty list item, a malformed `key=value` pair or a bad `--concurrency`.
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
  return {
    projectId: (parsed["project-id"] as string | undefined) ?? "",
    inputId: parsed["input-id"] as string | undefined,
    filters: filters as TaskFilters,
    outputFolder: parsed["output-folder"] as string | undefined,
    outputFilename: parsed["output-filename"] as string | undefined,
    replaceExtension: parsed["replace-extension"] === true,
    semanticMapping: parsed["semantic-mapping"] as string | undefined,
    endpoint: parsed["endpoint"] as string | undefined,
    concurrency: parseConcurrency(parsed["concurrency"] as string | undefined),
    json: parsed["json"] === true,
    help: parsed["help"] === true,
  };
}

function parseOrExplain(args: readonly string[], spec: FlagSpec) {
  try {
    return parseFlags(args, spec);
  } catch (error) {
    if (error instanceof UnknownFlagError) {
      const name = error.flag.replace(/^-+/, "").split("=")[0];
      const nearest = closestWord(name, EXPORT_FLAGS.map((flag) => flag.name));
      throw new ConfigError(
        `Unknown option "${error.flag}"` + (nearest ? `; did you mean "--${nearest}"?` : "") +
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
          { setting: flag },
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
        { setting: flag },
      );
    }
    pairs[value.slice(0, at).trim()] = value.slice(at + 1);
  }
  return pairs;
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new ConfigError(
      `Option "--concurrency" must be a whole number from 1 to 256; got "${value}"`,
      { setting: "concurrency" },
    );
  }
  return count;
}
