/**
 * Every input of the Action, read here and nowhere else, with `@actions/core`'s rules: the
 * variable is `INPUT_` + the upper-cased name with hyphens kept (`INPUT_PROJECT-ID`), values are
 * trimmed, booleans are `true`/`false`. An input with a default in `action.yml` gets it from the
 * runner, so an empty value here means the user left an optional input out.
 *
 * @module
 */
import * as core from "@actions/core";
import type { TaskFilters } from "../lib/api/types.ts";
import { validateTaskFilters } from "../lib/api/validate_task_filters.ts";
import { loadSemanticMapping } from "../lib/detect/load_semantic_mapping.ts";
import type { SemanticMapping } from "../lib/detect/resolve_semantic_mapping.ts";
import { ConfigError } from "../lib/errors.ts";
import type { ExportSettings } from "../lib/export/export_settings.ts";
import { artifactNameOf, endpointOf, retentionDaysOf } from "./_input_values.ts";
import {
  EXPORT_SETTINGS,
  keyOf,
  parsePageMemory,
  parseTaskSize,
  readOptions,
} from "../lib/settings/export_setting_table.ts";

/** The rows of the settings table the Action has an input for, in `action.yml`'s order. */
const INPUT_ROWS = EXPORT_SETTINGS.filter((row) => row.input !== undefined);

/**
 * Every input `action.yml` declares, in its order (the settings table's); `readInputs` reads
 * each of them, and no other.
 */
export const INPUT_NAMES: readonly string[] = INPUT_ROWS.map((row) => row.input!);

/** The name of an input of the Action, e.g. `"project-id"`. */
export type InputName = string;

/**
 * The task filter inputs: the SDK filter each one sets, and whether it takes a list (commas or
 * lines) or one value; from the settings table's filter rows that have an input.
 */
export const FILTER_INPUTS: Readonly<Record<string, { filter: keyof TaskFilters; list: boolean }>> =
  Object.fromEntries(
    INPUT_ROWS.flatMap((row) =>
      "filter" in row ? [[row.input!, { filter: row.filter, list: row.kind === "list" }]] : []
    ),
  );

/** The inputs that are `true` or `false`, with a default in `action.yml`. */
export const BOOLEAN_INPUTS: readonly InputName[] = INPUT_ROWS
  .filter((row) => row.kind === "boolean").map((row) => row.input!);

/** The Action's inputs, checked and typed. */
export interface ActionInputs {
  /** `access-id`: the lab API access id. */
  accessId: string;
  /** `secret-key`: the lab API secret key, already masked in the log. */
  secretKey: string;
  /** `endpoint`: the lab API base URL. */
  endpoint: string;
  /** `allow-insecure-http`: allow a plain-http endpoint on another machine. */
  allowInsecureHttp: boolean;
  /** `max-page-memory`, in bytes: the lab client's `maxPageParsedBytes`; its default when empty. */
  maxPageParsedBytes?: number;
  /** `max-task-size`, in bytes: the lab client's `maxTaskBytes`; its default when empty. */
  maxTaskBytes?: number;
  /**
   * The export's settings: `project-id`, `input-id`, the task filters (checked: dates parse,
   * lists are not empty), `output-folder` (`"."` when absent, unset when incremental),
   * `output-filename`, `replace-extension`, `semantic-mapping` (parsed; its labels are checked
   * by the export), `format`, `mask-format` and `ignore-index` (left out with a one-file format
   * when at their defaults), `shard`, `incremental`, `resume`, `overwrite`, `dry-run`, `report`.
   */
  settings: ExportSettings;
  /** `compare-with`: an earlier export folder to diff the new one against, in the job summary. */
  compareWith?: string;
  /** `artifact-name`: the name of the uploaded artifact. */
  artifactName: string;
  /** `retention-days`: how long the artifact is kept; the repository's setting when absent. */
  retentionDays?: number;
  /** `upload`: whether the export folder is uploaded as an artifact. */
  upload: boolean;
  /** `fail-on-error`: whether failed tasks fail the step (after everything is exported). */
  failOnError: boolean;
}

/**
 * Reads and checks every input. The secret key is registered as a secret first, before anything
 * else can write to the log.
 *
 * @returns The typed inputs.
 * @throws {ConfigError} naming the input when one is missing, malformed or invalid.
 */
export async function readInputs(): Promise<ActionInputs> {
  const secretKey = text("secret-key");
  if (secretKey !== "") core.setSecret(secretKey);
  const upload = flag("upload");
  const pageMemory = optional("max-page-memory");
  const taskSize = optional("max-task-size");
  return {
    secretKey: required("secret-key", secretHint("secret key", "ISAHIT_LAB_API_SECRET_KEY")),
    accessId: required("access-id", secretHint("access id", "ISAHIT_LAB_API_ACCESS_ID")),
    endpoint: endpointOf(required("endpoint", "the lab API URL")),
    allowInsecureHttp: flag("allow-insecure-http"),
    maxPageParsedBytes: pageMemory === undefined ? undefined : parsePageMemory(pageMemory),
    maxTaskBytes: taskSize === undefined ? undefined : parseTaskSize(taskSize),
    settings: await readSettings(),
    compareWith: optional("compare-with"),
    artifactName: upload
      ? artifactNameOf(required("artifact-name", "the artifact's name"))
      : text("artifact-name"),
    retentionDays: retentionDaysOf(optional("retention-days")),
    upload,
    failOnError: flag("fail-on-error"),
  };
}

/**
 * The export's settings: the project, the filters, and every library option the settings table
 * gives an input, each checked by its row's parser; then the Action's own defaults.
 */
async function readSettings(): Promise<ExportSettings> {
  const options = readOptions(
    { text: (row) => optional(row.input!), boolean: (row) => flag(row.input!) },
    (row) => row.input !== undefined,
  );
  // An update reads its project from the export it updates (and refuses another one given).
  const projectId = options.incremental === undefined
    ? required("project-id", "the id of the lab project to export")
    : text("project-id");
  return {
    projectId,
    ...options,
    filters: readFilters(),
    ...readOutput(options),
    semanticMapping: await readSemanticMapping(),
    ...readFormats(options),
  };
}

/** The input the user names for a task filter, e.g. `updatedAtGte` → `updated-at-gte`. */
export function filterInputName(filter: string): string {
  const entry = Object.entries(FILTER_INPUTS).find(([, input]) => input.filter === filter);
  return entry?.[0] ?? filter;
}

/** The canonical key of the setting an input sets: `output-folder` → `outputFolder`. */
export function settingOf(name: InputName): string {
  const row = INPUT_ROWS.find((row) => row.input === name);
  return row ? keyOf(row) : name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Where a credential comes from; an undefined repository secret reaches the Action empty. */
function secretHint(what: string, secret: string): string {
  return `the ${what} of your lab API key from a repository secret, e.g. \${{ secrets.${secret} }}`;
}

function text(name: InputName): string {
  return core.getInput(name);
}

function optional(name: InputName): string | undefined {
  return text(name) || undefined;
}

function required(name: InputName, what: string): string {
  const value = text(name);
  if (value === "") {
    throw new ConfigError(`Input "${name}" is required: give ${what}.`, {
      setting: settingOf(name),
    });
  }
  return value;
}

function flag(name: InputName): boolean {
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new ConfigError(
      `Input "${name}" must be true or false; got ${JSON.stringify(text(name))}.`,
      { setting: settingOf(name) },
    );
  }
}

/** A list input: one value per line or several separated by commas; `\,` is a comma in a value. */
function list(name: InputName): string[] | undefined {
  const lines = core.getMultilineInput(name);
  if (lines.length === 0) return undefined;
  return lines.flatMap((line) =>
    line.split(/(?<!\\),/).map((value) => value.replaceAll("\\,", ",").trim())
  );
}

function readFilters(): TaskFilters {
  const filters: TaskFilters = {};
  for (const row of INPUT_ROWS) {
    if (!("filter" in row)) continue;
    // Narrowed by the row's kind: a list input sets a list filter, any other a one-value filter.
    if (row.kind === "list") {
      const values = list(row.input!);
      if (values !== undefined) filters[row.filter] = values;
    } else if (row.kind === "string") {
      const value = optional(row.input!);
      if (value !== undefined) filters[row.filter] = value;
    }
  }
  // Checked before any request; an error names the filter by its key, worded as its input.
  return validateTaskFilters(filters);
}

/**
 * Where the export goes. `output-folder`'s default, `.`, is given here rather than in
 * `action.yml`, so that an incremental run, which updates the folder it names, can tell the
 * output inputs were left out (the export refuses them with "incremental").
 */
function readOutput(
  options: Pick<ExportSettings, "incremental" | "outputFolder">,
): Pick<ExportSettings, "outputFolder"> {
  const { incremental, outputFolder } = options;
  return { outputFolder: incremental === undefined ? outputFolder ?? "." : outputFolder };
}

function readSemanticMapping(): Promise<SemanticMapping | undefined> {
  const value = optional("semantic-mapping");
  if (value === undefined) return Promise.resolve(undefined);
  // Its labels are checked against the project's by the export.
  return loadSemanticMapping(value);
}

/**
 * `format`, `mask-format` and `ignore-index`. The runner fills in the last two's defaults: only a
 * value a user chose is kept with a one-file format, which refuses them, and with `incremental`,
 * which takes the earlier export's when they are left out.
 */
function readFormats(
  options: Pick<ExportSettings, "format" | "maskFormat" | "ignoreIndex" | "incremental">,
): Pick<ExportSettings, "format" | "maskFormat" | "ignoreIndex"> {
  const { format = "mask", maskFormat = "rgb", ignoreIndex } = options;
  if (format === "mask" && options.incremental === undefined) {
    return { format, maskFormat, ignoreIndex };
  }
  return {
    format,
    maskFormat: maskFormat === "rgb" ? undefined : maskFormat,
    ignoreIndex: ignoreIndex === 255 ? undefined : ignoreIndex,
  };
}
