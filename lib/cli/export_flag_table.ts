import type { TaskFilters } from "../api/types.ts";

/** How a flag's value is read: one string, a list, key=value pairs, or a switch. */
export type FlagKind = "string" | "list" | "pairs" | "boolean";

/** What every flag of `export` has: its name, value and help line. */
export interface FlagBase {
  /** The flag without `--`, the SDK's parameter name in kebab-case. */
  name: string;
  /** Its one-letter form without `-`, e.g. `o` for `-o`, when it has one. */
  short?: string;
  /** The value's placeholder in `--help`. */
  value?: string;
  /** The help line. */
  help: string;
}

/** The task filters whose value is a `Value`, e.g. `FilterOf<string[]>` is `"statusIn" | ...`. */
export type FilterOf<Value> = {
  [Key in keyof TaskFilters]-?: NonNullable<TaskFilters[Key]> extends Value ? Key : never;
}[keyof TaskFilters];

/**
 * One flag of `export`: how its value is read (`string`, `list` with repeats and commas, `pairs`
 * of `key=value` with repeats, or a `boolean` switch), and the task filter it sets, if it is one,
 * typed by that kind.
 */
export type ExportFlag =
  | FlagBase & { kind: "string"; filter?: FilterOf<string> }
  | FlagBase & { kind: "list"; filter?: FilterOf<string[]> }
  | FlagBase & { kind: "pairs"; filter?: FilterOf<Record<string, string>> }
  | FlagBase & { kind: "boolean"; filter?: undefined };

/** Every flag of the `export` command, in `--help` order. */
// deno-fmt-ignore: one flag a line reads as a table.
export const EXPORT_FLAGS: readonly ExportFlag[] = [
  { name: "project-id", kind: "string", value: "<id>", help: "the project to export (required)" },
  { name: "input-id", kind: "string", value: "<id>", help: "form projects: the segmentation input" },
  { name: "batch-id-in", kind: "list", filter: "batchIdIn", value: "<ids>", help: "only these batches" },
  { name: "status-in", kind: "list", filter: "statusIn", value: "<statuses>", help: "only these statuses, e.g. complete,reviewed" },
  { name: "task-id-in", kind: "list", filter: "taskIdIn", value: "<ids>", help: "only these task ids" },
  { name: "name-in", kind: "list", filter: "nameIn", value: "<names>", help: "only these task names (write \\, for a comma in a name)" },
  { name: "name-like", kind: "string", filter: "nameLike", value: "<text>", help: "only task names containing this text" },
  { name: "created-at-gt", kind: "string", filter: "createdAtGt", value: "<date>", help: "created after (YYYY-MM-DD HH:MM:SS, YYYY-MM-DD HH:MM, YYYY-MM-DD or ISO 8601)" },
  { name: "created-at-gte", kind: "string", filter: "createdAtGte", value: "<date>", help: "created at or after" },
  { name: "created-at-lt", kind: "string", filter: "createdAtLt", value: "<date>", help: "created before" },
  { name: "created-at-lte", kind: "string", filter: "createdAtLte", value: "<date>", help: "created at or before" },
  { name: "updated-at-gt", kind: "string", filter: "updatedAtGt", value: "<date>", help: "updated after" },
  { name: "updated-at-gte", kind: "string", filter: "updatedAtGte", value: "<date>", help: "updated at or after" },
  { name: "updated-at-lt", kind: "string", filter: "updatedAtLt", value: "<date>", help: "updated before" },
  { name: "updated-at-lte", kind: "string", filter: "updatedAtLte", value: "<date>", help: "updated at or before" },
  { name: "data", kind: "pairs", filter: "data", value: "<field=value>", help: "only tasks whose data field equals value (repeatable)" },
  { name: "properties", kind: "pairs", filter: "properties", value: "<name=value>", help: "only tasks whose property equals value (repeatable)" },
  { name: "optional-fields", kind: "list", filter: "optionalFields", value: "<fields>", help: "extra task fields to ask the API for" },
  { name: "output-folder", short: "o", kind: "string", value: "<dir>", help: 'where the export folder is made (default ".")' },
  { name: "output-filename", kind: "string", value: "<name>", help: "the export folder's name (default lab_mask_<project id>_<date>)" },
  { name: "replace-extension", kind: "boolean", help: "name masks a.png, not a.jpg.png" },
  { name: "semantic-mapping", kind: "string", value: "<json|file>", help: 'recolour labels: {"<label id>": [r, g, b]} or a .json file' },
  { name: "format", kind: "string", value: "<format>", help: "mask (default: PNG files), or one file: lab (JSON), yolo (zip), coco (JSON)" },
  { name: "mask-format", kind: "string", value: "<format>", help: "rgb (default, the SDK's), class-index, palette, instance or binary" },
  { name: "ignore-index", kind: "string", value: "<n>", help: "class-index, palette: the index of pixels whose label is unknown (default 255)" },
  { name: "dry-run", kind: "boolean", help: "list the tasks that would be exported and where; write nothing" },
  { name: "shard", kind: "string", value: "<i/n>", help: "export part i of n (stable by task id), for CI matrices" },
  { name: "resume", kind: "boolean", help: "finish an interrupted export in its folder, keeping complete files" },
  { name: "incremental", kind: "string", value: "<dir|manifest>", help: "update an earlier export with the tasks updated since it ran" },
  { name: "overwrite", kind: "boolean", help: "replace an earlier export in the same folder" },
  { name: "report", kind: "boolean", help: "also write report.html: label bars, histograms, thumbnails" },
  { name: "card", kind: "boolean", help: "also write the dataset card: README.md, id2label.json, croissant.json" },
  { name: "from-export", kind: "string", value: "<file>", help: 'convert a JSON export offline (the SDK\'s format="lab", or raw tasks)' },
  { name: "config", kind: "string", value: "<file>", help: "with --from-export: the project configuration JSON file" },
  { name: "endpoint", kind: "string", value: "<url>", help: "the lab API (default $ISAHIT_LAB_API_ENDPOINT or https://hub-api.isahit.com/)" },
  { name: "allow-insecure-http", kind: "boolean", help: "allow a plain http:// endpoint on another machine (the secret then crosses in clear)" },
  { name: "max-pixels", kind: "string", value: "<n>", help: "refuse masks with more pixels than this (default 100000000)" },
  { name: "memory-budget", kind: "string", value: "<MiB>", help: "how much the masks being converted at once may hold (default 512)" },
  { name: "concurrency", kind: "string", value: "<n>", help: "masks converted at once (default: the number of CPU cores)" },
  { name: "json", kind: "boolean", help: "print the summary (or the dry run's plan) as JSON on stdout, no progress" },
  { name: "verbose", short: "v", kind: "boolean", help: "one line per HTTP request on stderr: method, path and query, status, ms, attempt" },
  { name: "quiet", short: "q", kind: "boolean", help: "print only errors and the summary" },
  { name: "help", short: "h", kind: "boolean", help: "show this help" },
];
