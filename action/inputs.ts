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
import { loadSemanticMapping } from "../lib/cli/load_semantic_mapping.ts";
import type { SemanticMapping } from "../lib/detect/resolve_semantic_mapping.ts";
import { ConfigError } from "../lib/errors.ts";

/**
 * The task filter inputs: the SDK filter each one sets, and whether it takes a list (commas or
 * lines) or one value. A new filter input is one line here and its entry in `action.yml`.
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
} as const satisfies Record<string, { filter: keyof TaskFilters; list: boolean }>;

/** Every input `action.yml` declares; `readInputs` reads each of them, and no other. */
export const INPUT_NAMES = [
  "access-id",
  "secret-key",
  "endpoint",
  "project-id",
  "input-id",
  ...(Object.keys(FILTER_INPUTS) as (keyof typeof FILTER_INPUTS)[]),
  "output-folder",
  "output-filename",
  "replace-extension",
  "semantic-mapping",
  "artifact-name",
  "retention-days",
  "upload",
  "fail-on-error",
] as const;

/** The name of an input of the Action, e.g. `"project-id"`. */
export type InputName = typeof INPUT_NAMES[number];

/** The Action's inputs, checked and typed. */
export interface ActionInputs {
  /** `access-id`: the lab API access id. */
  accessId: string;
  /** `secret-key`: the lab API secret key, already masked in the log. */
  secretKey: string;
  /** `endpoint`: the lab API base URL. */
  endpoint: string;
  /** `project-id`: the project to export. */
  projectId: string;
  /** `input-id`: for a form project, the segmentation input. */
  inputId?: string;
  /** The task filter inputs that were given, checked (dates parse, lists are not empty). */
  filters: TaskFilters;
  /** `output-folder`: where the export folder is made. */
  outputFolder: string;
  /** `output-filename`: the export folder's name; the SDK's default name when absent. */
  outputFilename?: string;
  /** `replace-extension`: name masks `a.png` rather than `a.jpg.png`. */
  replaceExtension: boolean;
  /** `semantic-mapping`: the parsed JSON mapping, checked against the labels by the export. */
  semanticMapping?: SemanticMapping;
  /** `artifact-name`: the name of the uploaded artifact. */
  artifactName: string;
  /** `retention-days`: how long the artifact is kept; the repository's setting when absent. */
  retentionDays?: number;
  /** `upload`: whether the export folder is uploaded as an artifact. */
  upload: boolean;
  /** `fail-on-error`: whether failed tasks fail the step (after everything is exported). */
  failOnError: boolean;
}

// upload-artifact refuses these in an artifact name; better to say so before a long export.
const ARTIFACT_NAME_FORBIDDEN = /["\\/:<>|*?\r\n]/;

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
  return {
    secretKey: required("secret-key", secretHint("secret key", "ISAHIT_LAB_API_SECRET_KEY")),
    accessId: required("access-id", secretHint("access id", "ISAHIT_LAB_API_ACCESS_ID")),
    endpoint: endpointOf(required("endpoint", "the lab API URL")),
    projectId: required("project-id", "the id of the lab project to export"),
    inputId: optional("input-id"),
    filters: readFilters(),
    outputFolder: required("output-folder", "the folder to export into"),
    outputFilename: optional("output-filename"),
    replaceExtension: flag("replace-extension"),
    semanticMapping: await readSemanticMapping(),
    artifactName: upload
      ? artifactNameOf(required("artifact-name", "the artifact's name"))
      : text("artifact-name"),
    retentionDays: retentionDaysOf(optional("retention-days")),
    upload,
    failOnError: flag("fail-on-error"),
  };
}

/** The input the user names for a task filter, e.g. `updatedAtGte` → `updated-at-gte`. */
export function filterInputName(filter: keyof TaskFilters): string {
  const entry = Object.entries(FILTER_INPUTS).find(([, input]) => input.filter === filter);
  return entry?.[0] ?? filter;
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
    throw new ConfigError(`Input "${name}" is required: give ${what}.`, { setting: name });
  }
  return value;
}

function flag(name: InputName): boolean {
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new ConfigError(
      `Input "${name}" must be true or false; got ${JSON.stringify(text(name))}.`,
      { setting: name },
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
  const filters: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(FILTER_INPUTS)) {
    const value = input.list ? list(name as InputName) : optional(name as InputName);
    if (value !== undefined) filters[input.filter] = value;
  }
  // Checked here so errors name the input; the export checks the same rules again.
  return validateTaskFilters(filters as TaskFilters, filterInputName);
}

function readSemanticMapping(): Promise<SemanticMapping | undefined> {
  const value = optional("semantic-mapping");
  if (value === undefined) return Promise.resolve(undefined);
  // Its content is checked against the project's labels by the export.
  return loadSemanticMapping(value, (path) => Deno.readTextFile(path)) as Promise<SemanticMapping>;
}

function endpointOf(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConfigError(
      `Input "endpoint" is ${JSON.stringify(value)}, not an http(s) URL: write it like ` +
        `"https://hub-api.isahit.com/", or leave it out for that default.`,
      { setting: "endpoint" },
    );
  }
  return url.href;
}

function artifactNameOf(value: string): string {
  if (ARTIFACT_NAME_FORBIDDEN.test(value)) {
    throw new ConfigError(
      `Input "artifact-name" is ${JSON.stringify(value)}: an artifact name cannot hold ` +
        `" : < > | * ? \\ / or a line break.`,
      { setting: "artifact-name" },
    );
  }
  return value;
}

function retentionDaysOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1) {
    throw new ConfigError(
      `Input "retention-days" is ${JSON.stringify(value)}: give a whole number of days, at ` +
        `least 1 (at most 90 unless the repository allows more), or leave it out for the ` +
        `repository's setting.`,
      { setting: "retention-days" },
    );
  }
  return days;
}
