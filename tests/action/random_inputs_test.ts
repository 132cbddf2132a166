// The Action's inputs drawn at random (valid values, wrong ones, and values with line breaks,
// escapes and bidirectional overrides), each run through the composite's steps against a fake lab:
// every run passes or fails with one error line of its own, never with an unexpected failure, a
// stack trace, a raw control character, a line that starts a workflow command, or the secret key.
import assert from "../_std/assert.ts";
import { demoProjects } from "../../testing/demo_projects.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { seededRandom } from "../../testing/seeded_random.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { type ActionRun, runAction } from "./_composite.ts";
import { labInputs } from "./_fixtures.ts";

const RUNS = 14;

const random = seededRandom(29);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];

/** What an input may hold from a template built of untrusted text (a branch, a title). */
const HOSTILE = [
  "x\n::warning::forged",
  "\u202eevil",
  "a\r\nb",
  "\u001b]0;title\u0007",
  "%0A::error::forged",
  "$(touch pwned)",
];
const BOOLEANS = ["true", "false", "yes", "1"];

/** Values for some inputs: right ones first, then wrong ones. */
const VALUES: Record<string, readonly string[]> = {
  "project-id": ["proj_seg_demo", "proj_form_demo", "nope", ".."],
  "status-in": ["complete", "complete, reviewed", "bogus", ","],
  "created-at-gte": ["2024-01-01", "2024-13-01", "yesterday"],
  "output-folder": ["out", "a/b", "a,b", ".."],
  "output-filename": ["x", "a/b", "..", "prior"],
  "replace-extension": BOOLEANS,
  "semantic-mapping": ['{"car":[1,2,3]}', '{"car":[1,2]}', "{", "missing.json"],
  format: ["mask", "coco", "yolo", "lab", "bogus"],
  "mask-format": ["rgb", "class-index", "panoptic", "bogus"],
  "ignore-index": ["255", "7", "0", "abc"],
  "polygon-tolerance": ["0", "1.5", "NaN", "-1"],
  "labelmap-from": ["prior", "prior/labelmap.json", "nope"],
  split: ["train=80,val=20", "train=80", "a=50,a=50"],
  shard: ["1/2", "3/2", "a/b"],
  resume: BOOLEANS,
  incremental: ["prior", "prior/manifest.jsonl", "nope", "/"],
  "dry-run": BOOLEANS,
  "compare-with": ["prior", "nope"],
  "max-page-memory": ["192", "0", "abc"],
  "retention-days": ["1", "0", "abc"],
};

/** Inputs drawn at random: each given one time in four, a hostile value one time in ten of those. */
function drawInputs(): Record<string, string> {
  const inputs: Record<string, string> = { "project-id": "proj_seg_demo", upload: "false" };
  for (const [name, values] of Object.entries(VALUES)) {
    if (random() < 0.75) continue;
    inputs[name] = random() < 0.1 ? pick(HOSTILE) : pick(values);
  }
  return inputs;
}

/** Every way a run could go wrong whatever its inputs; empty when none. */
async function faultsOf(run: ActionRun, secretKey: string, dir: string): Promise<string[]> {
  const faults: string[] = [];
  // The secret is registered with `::add-mask::`, the one line that may hold it.
  const printed = `${run.stdout}\n${run.stderr}\n${run.summary}\n${JSON.stringify(run.outputs)}`
    .replace(`::add-mask::${secretKey}`, "");
  if (run.code !== 0 && run.code !== 1) faults.push(`exit code ${run.code}`);
  if (/Unexpected failure|\n\s+at |Uncaught/.test(printed)) faults.push("an unexpected failure");
  if (printed.includes(secretKey)) faults.push("the secret key printed");
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/.test(run.stdout)) {
    faults.push("a raw control character or override in the log");
  }
  for (const line of run.stdout.split("\n")) {
    const command = /^\s*::([a-z-]+)/.exec(line)?.[1];
    if (command !== undefined && !["add-mask", "error", "warning", "notice"].includes(command)) {
      faults.push(`the workflow command ${command}`);
    }
    if (/^\s*::(warning|error)::forged/.test(line)) faults.push(`a forged line: ${line}`);
    if (line.startsWith("::error") && /undefined|\[object |NaN(?!")/.test(line)) {
      faults.push(`an error line without words for a value: ${line}`);
    }
  }
  const errors = run.stdout.split("\n").filter((line) => line.startsWith("::error::"));
  if (run.code === 1 && errors.length !== 1) faults.push(`${errors.length} failure lines`);
  for (const file of await listFiles(dir)) {
    const text = await Deno.readTextFile(`${dir}/${file}`).catch(() => "");
    if (text.includes(secretKey)) faults.push(`the secret key in ${file}`);
  }
  return faults;
}

Deno.test(`the Action with ${RUNS} random sets of inputs passes or fails with one line of its own`, async () => {
  await using lab = await startFakeLab({ projects: demoProjects() });
  const outcomes: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const inputs = { ...labInputs(lab), ...drawInputs() };
    await using dir = await tempDir();
    // Half the runs find an earlier export in the workspace, for the inputs that name one.
    if (random() < 0.5) {
      const prior = { ...labInputs(lab), "project-id": "proj_seg_demo", upload: "false" };
      const made = await runAction({ ...prior, "output-filename": "prior" }, { cwd: dir.path });
      assert.equal(made.code, 0, made.stdout);
    }
    const run = await withDeadline(runAction(inputs, { cwd: dir.path }), 120_000, `run ${i}`);
    const faults = await faultsOf(run, lab.secretKey, dir.path);
    const shown = JSON.stringify({ ...inputs, "secret-key": "…", endpoint: "…" });
    assert.deepEqual(faults, [], `run ${i}, inputs ${shown}:\n${run.stdout}\n${run.stderr}`);
    outcomes.push(run.code === 0 ? "passed" : "failed");
  }
  // The draw reaches both ends: exports that run, and inputs that are refused.
  assert.ok(outcomes.includes("passed") && outcomes.includes("failed"), outcomes.join(", "));
});
