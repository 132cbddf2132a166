import assert from "../_std/assert.ts";
import { parse } from "yaml";
import { demoProjects } from "../../testing/demo_projects.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { evaluate, ROOT, runAction, runStep, UPLOADED } from "../action/_composite.ts";
import type { Workflow, WorkflowStep } from "./_workflows.ts";
import { parseChecks } from "../../.github/scripts/check_export.ts";

// `test`: `Deno.test`, ignored on Windows: the replay links `.github` into its workspace
// (a symbolic link needs administrator rights or developer mode there) and runs the check in bash.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const OS = "ubuntu-latest";

/** Each `${{ path }}` of a `with:` value, resolved from the contexts. */
function resolve(value: unknown, contexts: Record<string, unknown>): string {
  return String(value).replace(/\$\{\{[^}]*\}\}/g, (expression) => evaluate(expression, contexts));
}

/** The self-test's steps after the fake lab is started, as a runner would meet them. */
async function selfTestSteps(): Promise<WorkflowStep[]> {
  const text = await Deno.readTextFile(`${ROOT}/.github/workflows/self-test.yml`);
  return (parse(text) as Workflow).jobs["self-test"].steps;
}

/**
 * Replays the self-test workflow in `workspace` against a fake lab of the demo projects: each
 * `uses: ./` step runs the Action's own steps, each upload is downloaded where the workflow's
 * download-artifact steps put it, and the check step's script runs with the outputs and job
 * summaries the runner would give it. Only starting the standalone fake lab is not replayed:
 * the lab here is the same server, started in this process.
 */
async function replaySelfTest(
  workspace: string,
  tamper?: (workspace: string) => Promise<void>,
): Promise<{ code: number; stdout: string }> {
  await using lab = await startFakeLab({ projects: demoProjects() });
  const contexts = {
    env: {
      ISAHIT_LAB_API_ENDPOINT: lab.url,
      ISAHIT_LAB_API_ACCESS_ID: lab.accessId,
      ISAHIT_LAB_API_SECRET_KEY: lab.secretKey,
    },
    matrix: { os: OS },
  };
  const steps = await selfTestSteps();
  const downloads = new Map(
    steps.filter((step) => step.uses === "actions/download-artifact@v4")
      .map((step) => [resolve(step.with?.name, contexts), resolve(step.with?.path, contexts)]),
  );
  const summaries = `${workspace}/_runner_file_commands`;
  await Deno.mkdir(summaries);
  const outputs: Record<string, string> = {};
  for (const step of steps.filter((step) => step.uses === "./")) {
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([name, value]) => [name, resolve(value, contexts)]),
    );
    const run = await runAction(inputs, { cwd: workspace });
    assert.equal(run.code, 0, `step ${step.id}: ${run.stdout}${run.stderr}`);
    await Deno.writeTextFile(`${summaries}/step_summary_${step.id}`, run.summary);
    outputs[step.id!] = JSON.stringify({
      ...run.outputs,
      ...(run.upload ? UPLOADED : { "artifact-id": "", "artifact-url": "" }),
    });
    if (run.upload === undefined) continue;
    const path = downloads.get(run.upload.name);
    assert.ok(path, `the workflow downloads the artifact ${run.upload.name}`);
    // The artifact is the folder as it was uploaded: a later step may update the folder.
    for (const file of run.upload.files) {
      const to = `${workspace}/${path}/${file}`;
      await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
      await Deno.copyFile(`${run.outputs["output-path"]}/${file}`, to);
    }
  }
  await tamper?.(workspace);
  await Deno.symlink(`${ROOT}/.github`, `${workspace}/.github`);
  const check = steps.find((step) => step.run?.includes("check_export.ts"))!;
  const env: Record<string, string> = { GITHUB_STEP_SUMMARY: `${summaries}/step_summary_check` };
  for (const [name, value] of Object.entries(check.env ?? {})) {
    const id = /^\$\{\{ toJSON\(steps\.([\w-]+)\.outputs\) \}\}$/.exec(String(value))?.[1];
    env[name] = id === undefined ? resolve(value, contexts) : outputs[id];
  }
  const ran = await runStep({ run: check.run, shell: "bash" }, { cwd: workspace, env, contexts });
  return { code: ran.code, stdout: ran.stdout + ran.stderr };
}

test("the self-test's checks pass on a replay of its steps against the demo projects", async () => {
  await using dir = await tempDir();
  const { code, stdout } = await replaySelfTest(dir.path);
  assert.equal(code, 0, stdout);
  assert.doesNotMatch(stdout, /::error::/);
  assert.match(
    stdout,
    /^ok: the 5 mask files of downloaded\/street match the manifest's SHA-256$/m,
  );
  assert.match(stdout, /^ok: the 5 mask files of downloaded\/street-update match/m);
  assert.match(
    stdout,
    /^ok: the job summary says "Uploaded as <code>street-ubuntu-latest<\/code>/m,
  );
  assert.match(stdout, /^ok: exported-count is 1 \(got "1"\)$/m, "the shard");
  assert.match(stdout, /^ok: artifact-id and artifact-url are empty$/m, "the dry run");
});

test("the self-test's checks fail on a file whose bytes differ from the manifest, a missing and an unlisted mask", async () => {
  await using dir = await tempDir();
  const { code, stdout } = await replaySelfTest(dir.path, async (workspace) => {
    const file = `${workspace}/downloaded/street/street/frame_0002.jpg.png`;
    const bytes = await Deno.readFile(file);
    bytes[bytes.length - 20] ^= 0xff;
    await Deno.writeFile(file, bytes);
    const folder = `${workspace}/downloaded/street-update/street`;
    await Deno.rename(`${folder}/frame_0003.jpg.png`, `${folder}/extra.png`);
  });
  assert.equal(code, 1);
  assert.match(
    stdout,
    /^::error::"street\/frame_0002\.jpg\.png" \(task task_2\) has SHA-256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}$/m,
  );
  assert.match(
    stdout,
    /^::error::"street\/frame_0003\.jpg\.png" \(task task_3\) is not in downloaded\/street-update$/m,
  );
  assert.match(stdout, /^::error::masks the manifest does not list: street\/extra\.png$/m);
});

Deno.test("check_export.ts reads its flags into checks", () => {
  const checks = parseChecks([
    "--outputs",
    '{"exported-count": "2"}',
    "--exported",
    "2",
    "--not-uploaded",
    "--summary-includes",
    "a",
    "--summary-includes",
    "b",
  ]);
  assert.deepEqual(checks.outputs, { "exported-count": "2" });
  assert.equal(checks.exported, 2);
  assert.equal(checks.uploaded, false);
  assert.deepEqual(checks.summaryIncludes, ["a", "b"]);
  assert.throws(() => parseChecks(["--exportd", "2"]), /Unknown option '--exportd'/);
});
