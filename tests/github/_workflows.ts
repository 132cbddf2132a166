/**
 * What the workflow tests read: the repository's workflows, the workflow examples of the
 * README and `docs/`, and the checks actionlint does not make here (pinned `uses:`, declared
 * `permissions`, inputs and outputs of this repository's own action).
 *
 * @module
 */
import { parse } from "yaml";
import { type ActionStep, type ActionYml, loadAction, ROOT } from "../action/_composite.ts";

/** A step of a workflow job: an action's step, with a name. */
export type WorkflowStep = ActionStep & {
  /** Its name. */
  name?: string;
};

/** A workflow job. */
export interface WorkflowJob {
  /** The runner, or an expression. */
  "runs-on": string;
  /** Its matrix and options. */
  strategy?: { matrix?: Record<string, unknown>; "fail-fast"?: boolean };
  /** Its own permissions. */
  permissions?: unknown;
  /** Its steps. */
  steps: WorkflowStep[];
}

/** A workflow file. */
export interface Workflow {
  /** Its name. */
  name?: string;
  /** Its triggers. */
  on: unknown;
  /** The token's permissions. */
  permissions?: unknown;
  /** Its concurrency group. */
  concurrency?: { group: string; "cancel-in-progress": boolean };
  /** Its jobs by id. */
  jobs: Record<string, WorkflowJob>;
}

/** A workflow to lint: where it comes from, its text and whether it is a whole workflow. */
export interface WorkflowSource {
  /** The file, and for an example its line. */
  where: string;
  /** The YAML text. */
  text: string;
  /** Whether it is a complete workflow (a file, or an example with `on:`), not a fragment. */
  complete: boolean;
}

/** The workflow files of `.github/workflows/`, by file name. */
export async function repositoryWorkflows(): Promise<WorkflowSource[]> {
  const sources: WorkflowSource[] = [];
  for await (const entry of Deno.readDir(`${ROOT}/.github/workflows`)) {
    if (!/\.ya?ml$/.test(entry.name)) continue;
    const where = `.github/workflows/${entry.name}`;
    sources.push({ where, text: await Deno.readTextFile(`${ROOT}/${where}`), complete: true });
  }
  return sources.sort((a, b) => a.where.localeCompare(b.where));
}

/**
 * The workflow examples of `README.md` and `docs/*.md`: each ```` ```yaml ```` block with `jobs:`,
 * `steps:` or a list of steps, made a workflow actionlint accepts. A block of jobs gets an `on:` and
 * `permissions:`; a block of steps gets a job around it too.
 */
export async function documentedWorkflows(): Promise<WorkflowSource[]> {
  const files = ["README.md"];
  try {
    for await (const entry of Deno.readDir(`${ROOT}/docs`)) {
      if (entry.name.endsWith(".md")) files.push(`docs/${entry.name}`);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const sources: WorkflowSource[] = [];
  for (const file of files.sort()) {
    const markdown = await Deno.readTextFile(`${ROOT}/${file}`);
    for (const block of markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)) {
      const line = markdown.slice(0, block.index).split("\n").length;
      const parsed = parse(block[1]) as Record<string, unknown> | null;
      if (parsed === null || typeof parsed !== "object") continue;
      const where = `${file}:${line}`;
      if ("jobs" in parsed && "on" in parsed) {
        sources.push({ where, text: block[1], complete: true });
      } else if ("jobs" in parsed) {
        sources.push({ where, text: `${WRAPPER}${block[1]}`, complete: false });
      } else if ("steps" in parsed || isStepList(parsed)) {
        const steps = Array.isArray(parsed) ? `steps:\n${block[1]}` : block[1];
        const indented = steps.replace(/^(?=.)/gm, "    ");
        sources.push({
          where,
          text: `${WRAPPER}jobs:\n  example:\n    runs-on: ubuntu-latest\n${indented}`,
          complete: false,
        });
      }
    }
  }
  return sources;
}

function isStepList(parsed: unknown): boolean {
  return Array.isArray(parsed) && parsed.length > 0 &&
    parsed.every((step) =>
      typeof step === "object" && step !== null && ("uses" in step || "run" in step)
    );
}

const WRAPPER = "on: workflow_dispatch\npermissions:\n  contents: read\n";

// `owner/repo[/path]@v1`, `@v1.2.3` or a full commit sha; or this repository's `./`.
const PINNED = /^(\.\/|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40}))$/;
// How a workflow refers to this repository's action: `./` here, `OWNER/lab-masks@...` in docs.
const OWN_ACTION = /^(\.\/|OWNER\/lab-masks@)/;

/**
 * The problems actionlint does not look for: top-level `permissions`, `uses:` pinned to a major
 * tag or a commit, and, for steps using this repository's action, `with:` keys that are its
 * inputs (the required ones given) and `steps.<id>.outputs.<name>` names that are its outputs.
 *
 * @param source The workflow.
 * @returns One sentence per problem.
 */
export async function ownChecks(source: WorkflowSource): Promise<string[]> {
  const action = await loadAction();
  const workflow = parse(source.text) as Workflow;
  const problems: string[] = [];
  if (workflow.permissions === undefined) problems.push("no top-level permissions");
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    const ownSteps = new Set<string>();
    for (const step of job.steps) {
      if (step.uses === undefined) continue;
      if (!PINNED.test(step.uses)) problems.push(`job ${jobId}: "${step.uses}" is not pinned`);
      if (!OWN_ACTION.test(step.uses)) continue;
      if (step.id !== undefined) ownSteps.add(step.id);
      problems.push(...withProblems(jobId, step, action));
    }
    const text = JSON.stringify(job);
    for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (ownSteps.has(id) && !(output in action.outputs)) {
        problems.push(`job ${jobId}: the action has no output "${output}" (steps.${id})`);
      }
    }
  }
  return problems;
}

function withProblems(jobId: string, step: WorkflowStep, action: ActionYml): string[] {
  const given = Object.keys(step.with ?? {});
  const problems = given.filter((name) => !(name in action.inputs))
    .map((name) => `job ${jobId}: the action has no input "${name}"`);
  const required = Object.entries(action.inputs).filter(([, input]) => input.required);
  for (const [name] of required) {
    if (!given.includes(name)) {
      problems.push(`job ${jobId}: the required input "${name}" is missing`);
    }
  }
  return problems;
}

/**
 * The problems of `action.yml`'s own expressions: `inputs.<name>` it does not declare, and
 * `steps.<id>` that no earlier step has.
 *
 * @returns One sentence per problem.
 */
export async function actionExpressionProblems(): Promise<string[]> {
  const action = await loadAction();
  const problems: string[] = [];
  const earlier = new Set<string>();
  for (const step of action.runs.steps) {
    const text = JSON.stringify(step);
    for (const [, name] of text.matchAll(/\binputs\.([\w-]+)/g)) {
      if (!(name in action.inputs)) problems.push(`a step reads undeclared input "${name}"`);
    }
    for (const [, id] of text.matchAll(/\bsteps\.([\w-]+)\./g)) {
      if (!earlier.has(id)) {
        problems.push(`step ${step.id ?? step.uses} reads "steps.${id}" before it runs`);
      }
    }
    if (step.id !== undefined) earlier.add(step.id);
  }
  for (const output of Object.values(action.outputs)) {
    for (const [, id] of output.value.matchAll(/\bsteps\.([\w-]+)\./g)) {
      if (!earlier.has(id)) problems.push(`an output reads a step "${id}" that does not exist`);
    }
  }
  return problems;
}
