/**
 * Runs the Action's own steps from `action.yml` the way the runner does: each `run` script under
 * `bash --noprofile --norc -eo pipefail`, with the step's `env` (its `${{ }}` values resolved
 * from the inputs, action.yml's defaults filled in, and earlier steps' outputs), fresh
 * `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files, and `deno` on the `PATH`. The `permissions`,
 * `export` and `summary` steps run; setting up Deno and uploading are GitHub's actions, so the
 * upload step's `if` is evaluated and, when it holds, the upload is played: its files listed and
 * its outputs set as `actions/upload-artifact` sets them.
 *
 * @module
 */
import { parse } from "yaml";
import { delimiter, dirname } from "node:path";
import { outputWithin } from "../_fixtures/deadline.ts";

/** How long one step may run before the test fails (a hang is a failure). */
const STEP_DEADLINE_MS = 180_000;
import { fileURLToPath } from "node:url";
import { listFiles } from "../_fixtures/temp_dir.ts";
import { condition } from "./_expression.ts";

/** A step of the composite action. */
export interface ActionStep {
  /** The step id. */
  id?: string;
  /** The action it uses. */
  uses?: string;
  /** Its condition. */
  if?: string;
  /** Its shell. */
  shell?: string;
  /** Its script. */
  run?: string;
  /** Its environment; values may be `${{ }}` expressions. */
  env?: Record<string, string>;
  /** The inputs of the action it uses. */
  with?: Record<string, string | number>;
}

/** The parts of `action.yml` the tests read. */
export interface ActionYml {
  /** The Action's name. */
  name: string;
  /** What it does. */
  description: string;
  /** Its Marketplace icon and colour. */
  branding?: { icon?: string; color?: string };
  /** Its inputs by name. */
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  /** Its outputs by name. */
  outputs: Record<string, { description: string; value: string }>;
  /** How it runs. */
  runs: { using: string; steps: ActionStep[] };
}

/** The repository's root folder, where `action.yml` is. */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url)).replace(/[\\/]$/, "");

/** What one run of the Action's steps left behind. */
export interface ActionRun {
  /** The exit code of the last step that ran. */
  code: number;
  /** Everything the steps printed on stdout. */
  stdout: string;
  /** Everything the steps printed on stderr. */
  stderr: string;
  /** The outputs of the export step (or of the step that failed), by name. */
  outputs: Record<string, string>;
  /** The job summary the steps wrote. */
  summary: string;
  /** What the upload step got, when its `if` held: the artifact's name and its files. */
  upload?: { name: string; files: string[] };
}

/** The outputs `actions/upload-artifact` sets, as the played upload sets them. */
export const UPLOADED = {
  "artifact-id": "7",
  "artifact-url": "https://github.com/octo/masks/actions/runs/42/artifacts/7",
};

/** Reads and parses `action.yml`. */
export async function loadAction(): Promise<ActionYml> {
  return parse(await Deno.readTextFile(`${ROOT}/action.yml`)) as ActionYml;
}

/** The step with this id; throws when `action.yml` has none. */
export function stepOf(action: ActionYml, id: string): ActionStep {
  const step = action.runs.steps.find((candidate) => candidate.id === id);
  if (step === undefined) throw new Error(`action.yml has no step with id "${id}"`);
  return step;
}

/**
 * Runs the `permissions` step, then (if it passed) the `export` step, with these inputs on top of
 * action.yml's defaults, in `cwd` (the workspace).
 *
 * @param inputs The inputs a workflow gives, by name.
 * @param options The workspace, runner variables to add (e.g. `GITHUB_RUN_ID`), and whether the
 * played upload fails.
 * @returns What the steps printed, their outputs and the job summary.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: { cwd: string; env?: Record<string, string>; uploadFails?: boolean },
): Promise<ActionRun> {
  const action = await loadAction();
  const withDefaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    withDefaults[name] = inputs[name] ?? input.default ?? "";
  }
  const unknown = Object.keys(inputs).filter((name) => !(name in action.inputs));
  if (unknown.length > 0) throw new Error(`action.yml declares no input ${unknown.join(", ")}`);
  const steps: Record<string, { outputs: Record<string, string>; outcome?: string }> = {};
  const contexts = { inputs: withDefaults, steps };
  const run: ActionRun = { code: 0, stdout: "", stderr: "", outputs: {}, summary: "" };
  const runOne = async (id: string) => {
    const ran = await runStep(stepOf(action, id), {
      cwd: options.cwd,
      env: options.env ?? {},
      contexts,
    });
    steps[id] = { outputs: ran.outputs, outcome: ran.code === 0 ? "success" : "failure" };
    run.stdout += ran.stdout;
    run.stderr += ran.stderr;
    run.summary += ran.summary;
    return ran;
  };
  for (const id of ["permissions", "export"]) {
    const ran = await runOne(id);
    run.code = ran.code;
    run.outputs = ran.outputs;
    if (ran.code !== 0) break;
  }
  const failed = { failed: run.code !== 0 };
  const upload = stepOf(action, "upload");
  if (condition(upload.if ?? "", contexts, failed)) {
    const folder = evaluate(String(upload.with?.path), contexts);
    const files = await listFiles(folder).catch(() => []);
    const name = evaluate(String(upload.with?.name), contexts);
    run.upload = { name, files };
    // `if-no-files-found: error`, or a failure the test asks for.
    const ok = files.length > 0 && !options.uploadFails;
    steps.upload = { outputs: ok ? UPLOADED : {}, outcome: ok ? "success" : "failure" };
  } else {
    steps.upload = { outputs: {}, outcome: "skipped" };
  }
  const summary = stepOf(action, "summary");
  if (condition(summary.if ?? "", contexts, failed)) await runOne("summary");
  return run;
}

/**
 * Runs one `run` step with bash as the runner does.
 *
 * @param step The step.
 * @param options The workspace, extra variables, and the contexts its `${{ }}` values read.
 * @returns Its exit code, output, step outputs and summary.
 */
export async function runStep(
  step: ActionStep,
  options: { cwd: string; env: Record<string, string>; contexts: Record<string, unknown> },
): Promise<ActionRun> {
  if (step.run === undefined || step.shell !== "bash") throw new Error("not a bash run step");
  const files = await Deno.makeTempDir({ prefix: "lab-masks-runner-" });
  try {
    const outputFile = `${files}/output`;
    const summaryFile = `${files}/summary`;
    await Deno.writeTextFile(outputFile, "");
    await Deno.writeTextFile(summaryFile, "");
    const env: Record<string, string> = {
      ...runnerPath(),
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...options.env,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) {
      env[name] = evaluate(value, options.contexts);
    }
    const output = await outputWithin(
      "bash",
      {
        args: ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run],
        cwd: options.cwd,
        env,
        clearEnv: true,
        stdin: "null",
      },
      STEP_DEADLINE_MS,
      `the Action's step ${step.id}`,
    );
    const decoder = new TextDecoder();
    return {
      code: output.code,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
      outputs: parseOutputs(await Deno.readTextFile(outputFile)),
      summary: await Deno.readTextFile(summaryFile),
    };
  } finally {
    await Deno.remove(files, { recursive: true });
  }
}

/**
 * Resolves a value that is one `${{ a.b.c }}` property path (all `action.yml` uses in `env`);
 * plain text stays as is, an unknown path gives `""` as in GitHub.
 */
export function evaluate(value: string, contexts: Record<string, unknown>): string {
  const expression = /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(value);
  if (expression === null) {
    if (value.includes("${{")) throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
    return value;
  }
  let found: unknown = contexts;
  for (const key of expression[1].split(".")) {
    found = (found as Record<string, unknown> | undefined)?.[key];
  }
  return found === undefined ? "" : String(found);
}

/**
 * Parses a `GITHUB_OUTPUT` file: `name=value` lines and `name<<delimiter` blocks, as
 * `@actions/core` writes them.
 */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at];
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2], at + 1);
      if (end < 0) throw new Error(`output ${block[1]} has no closing delimiter`);
      outputs[block[1]] = lines.slice(at + 1, end).join("\n");
      at = end;
    } else if (line.includes("=")) {
      outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    } else if (line !== "") {
      throw new Error(`unexpected line in the outputs file: ${JSON.stringify(line)}`);
    }
  }
  return outputs;
}

/**
 * The `PATH` a step finds `deno` and the shell's tools on, joined with the system's delimiter.
 * On Windows (Git Bash) the runner's own `PATH` follows, with the variables every Windows process
 * needs (a cleared environment loses them, and sockets fail without `SYSTEMROOT`).
 */
function runnerPath(): Record<string, string> {
  const deno = dirname(Deno.execPath());
  if (Deno.build.os !== "windows") return { PATH: [deno, "/usr/bin", "/bin"].join(delimiter) };
  const kept: Record<string, string> = { PATH: [deno, Deno.env.get("PATH") ?? ""].join(delimiter) };
  for (const name of ["SYSTEMROOT", "WINDIR", "TEMP", "TMP", "USERPROFILE", "PATHEXT", "COMSPEC"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
