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
import {
  artifactNameOf,
  endpointOf,
  exportFormatOf,
  ignoreIndexOf,
  maskFormatOf,
  retentionDaysOf,
  shardOf,
} from "./_input_values.ts";

/** Every input `action.yml` declares, in its order; `readInputs` reads each of them, and no other. */
export const INPUT_NAMES = [
  "access-id",
  "secret-key",
  "endpoint",
  "allow-insecure-http",
  "project-id",
  "input-id",
  "batch-id-in",
  "status-in",
  "task-id-in",
  "name-in",
  "name-like",
  "created-at-gte",
  "created-at-lte",
  "updated-at-gte",
  "updated-at-lte",
  "output-folder",
  "output-filename",
  "replace-extension",
  "semantic-mapping",
  "format",
  "mask-format",
  "ignore-index",
  "shard",
  "incremental",
  "resume",
  "overwrite",
  "dry-run",
  "report",
  "card",
  "compare-with",
  "artifact-name",
  "retention-days",
  "upload",
  "fail-on-error",
] as const;

/** The name of an input of the Action, e.g. `"project-id"`. */
export type InputName = typeof INPUT_NAMES[number];

/**
 * The task filter inputs: the SDK filter each one sets, and whether it takes a list (commas or
 * lines) or one value. A new filter input is one line here, its name in {@linkcode INPUT_NAMES}
 * and its entry in `action.yml`.
 */
export const FILTER_INPUTS = {
  "batch-id-in": { filter: "batchIdIn", list: true },
  "status-in": { filter: "statusIn", list: true },
  "task-id-in": { filter: "taskIdIn", list: true },
  "name-in": { filter: "nameIn", list: true },
  "name-like": { filter: "nameLike", list: false },
  "created-at-gte": { filter: "createdAtGte", list: false },
  "created-at-lte": { filter: "createdAtLte", list: false },
  "updated-at-gte": { filter: "updatedAtGte", list: false },
  "updated-at-lte": { filter: "updatedAtLte", list: false },
} as const satisfies { [Name in InputName]?: { filter: keyof TaskFilters; list: boolean } };

/** The inputs that take `true` or `false`; the others take text. */
export const BOOLEAN_INPUTS: readonly InputName[] = [
  "allow-insecure-http",
  "replace-extension",
  "resume",
  "overwrite",
  "dry-run",
  "report",
  "card",
  "upload",
  "fail-on-error",
];

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
  /**
   * The export's settings: `project-id`, `input-id`, the task filters (checked: dates parse,
   * lists are not empty), `output-folder` (`"."` when absent, unset when incremental),
   * `output-filename`, `replace-extension`, `semantic-mapping` (parsed; its labels are checked
   * by the export), `format`, `mask-format` and `ignore-index` (left out with a one-file format
   * when at their defaults), `shard`, `incremental`, `resume`, `overwrite`, `dry-run`, `report`, `card`.
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
  const incremental = optional("incremental");
  return {
    secretKey: required("secret-key", secretHint("secret key", "ISAHIT_LAB_API_SECRET_KEY")),
    accessId: required("access-id", secretHint("access id", "ISAHIT_LAB_API_ACCESS_ID")),
    endpoint: endpointOf(required("endpoint", "the lab API URL")),
    allowInsecureHttp: flag("allow-insecure-http"),
    settings: {
      projectId: required("project-id", "the id of the lab project to export"),
      inputId: optional("input-id"),
      filters: readFilters(),
      ...readOutput(incremental),
      replaceExtension: flag("replace-extension"),
      semanticMapping: await readSemanticMapping(),
      ...readFormats(),
      shard: shardOf(optional("shard")),
      incremental,
      resume: flag("resume"),
      overwrite: flag("overwrite"),
      dryRun: flag("dry-run"),
      report: flag("report"),
      card: flag("card"),
    },
    compareWith: optional("compare-with"),
    artifactName: upload
      ? artifactNameOf(required("artifact-name", "the artifact's name"))
      : text("artifact-name"),
    retentionDays: retentionDaysOf(optional("retention-days")),
    upload,
    failOnError: flag("fail-on-error"),
  };
}

/** The input the user names for a task filter, e.g. `updatedAtGte` → `updated-at-gte`. */
export function filterInputName(filter: string): string {
  const entry = Object.entries(FILTER_INPUTS).find(([, input]) => input.filter === filter);
  return entry?.[0] ?? filter;
}

/** The canonical key of the setting an input sets: `output-folder` → `outputFolder`. */
export function settingOf(name: InputName): string {
  if (isFilterInput(name)) return FILTER_INPUTS[name].filter;
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Whether an input sets a task filter, i.e. has an entry in {@linkcode FILTER_INPUTS}. */
function isFilterInput(name: InputName): name is keyof typeof FILTER_INPUTS {
  return Object.hasOwn(FILTER_INPUTS, name);
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
  for (const name of INPUT_NAMES) {
    if (!isFilterInput(name)) continue;
    const input = FILTER_INPUTS[name];
    // Narrowed by `list`: a list input sets a list filter, any other a one-value filter.
    if (input.list) {
      const values = list(name);
      if (values !== undefined) filters[input.filter] = values;
    } else {
      const value = optional(name);
      if (value !== undefined) filters[input.filter] = value;
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
  incremental: string | undefined,
): Pick<ExportSettings, "outputFolder" | "outputFilename"> {
  const outputFolder = optional("output-folder");
  return {
    outputFolder: incremental === undefined ? outputFolder ?? "." : outputFolder,
    outputFilename: optional("output-filename"),
  };
}

function readSemanticMapping(): Promise<SemanticMapping | undefined> {
  const value = optional("semantic-mapping");
  if (value === undefined) return Promise.resolve(undefined);
  // Its labels are checked against the project's by the export.
  return loadSemanticMapping(value, (path) => Deno.readTextFile(path));
}

/**
 * `format`, `mask-format` and `ignore-index`. The runner fills in the last two's defaults: only a
 * value a user chose is kept with a one-file format, which refuses them.
 */
function readFormats(): Pick<ExportSettings, "format" | "maskFormat" | "ignoreIndex"> {
  const format = exportFormatOf(optional("format"));
  const maskFormat = maskFormatOf(optional("mask-format"));
  const ignoreIndex = ignoreIndexOf(optional("ignore-index"));
  if (format === "mask") return { format, maskFormat, ignoreIndex };
  return {
    format,
    maskFormat: maskFormat === "rgb" ? undefined : maskFormat,
    ignoreIndex: ignoreIndex === 255 ? undefined : ignoreIndex,
  };
}
