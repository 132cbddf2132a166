import assert from "../_std/assert.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { runAction } from "./_composite.ts";
import { GOOD_MASK, labInputs } from "./_fixtures.ts";

// The Action's log is a command channel (`::set-output`, `::stop-commands::`, `::error::`): no
// string from the server may start a line there, in annotations, log lines or the job summary.

const HOSTILE_ID = "t2\n::set-output name=pwned::1\n::stop-commands::token\n\u001b]0;title\u0007";

Deno.test("the Action prints server strings inert: no injected workflow command, no escape", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [
      maskTask("t1", "good.jpg", GOOD_MASK),
      maskTask(HOSTILE_ID, "bad\n::error::forged.jpg", "data:image/png;base64,AAAA"),
    ])],
  });
  const run = await withDeadline(
    runAction({ ...labInputs(lab), "project-id": "p1", upload: "false" }, { cwd: dir.path }),
    120_000,
    "the Action run",
  );
  assert.equal(run.code, 1, run.stdout);
  const lines = `${run.stdout}\n${run.stderr}`.split("\n");
  const commands = lines.filter((line) => line.trimStart().startsWith("::"))
    .map((line) => line.trimStart().replace(/^::([a-z-]+).*$/s, "$1"));
  assert.deepEqual([...new Set(commands)].sort(), ["add-mask", "error"], run.stdout);
  assert.equal(run.stdout.includes("\u001b") || run.stdout.includes("\u0007"), false);
  assert.equal(run.outputs["pwned"], undefined);
  assert.match(run.stdout, /^::error title=Mask export failed::Task .*\\n::set-output name=pwned/m);
  assert.equal(run.summary.includes("\n::"), false);
});

Deno.test("the Action with resume refuses a tampered manifest, and the workspace file it names survives", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [maskTask("t1", "good.jpg", GOOD_MASK)])],
  });
  const inputs = {
    ...labInputs(lab),
    "project-id": "p1",
    "output-filename": "out",
    upload: "false",
  };
  const first = await withDeadline(runAction(inputs, { cwd: dir.path }), 120_000, "the first run");
  assert.equal(first.code, 0, first.stdout);
  await Deno.writeTextFile(`${dir.path}/workflow.yml`, "the workspace's own file\n");
  const manifest = `${dir.path}/out/manifest.jsonl`;
  const entry = JSON.parse((await Deno.readTextFile(manifest)).trim());
  entry.files[0].path = "../workflow.yml";
  await Deno.writeTextFile(manifest, `${JSON.stringify(entry)}\n`);

  const resumed = await withDeadline(
    runAction({ ...inputs, resume: "true" }, { cwd: dir.path }),
    120_000,
    "the resumed run",
  );
  assert.equal(resumed.code, 1, resumed.stdout);
  assert.match(
    resumed.stdout,
    /^::error::Input "resume": refusing the path "\.\.\/workflow\.yml": the manifest/m,
  );
  assert.equal(await Deno.readTextFile(`${dir.path}/workflow.yml`), "the workspace's own file\n");
});

Deno.test("the Action refuses an absolute output-filename before any request, with one line naming it", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [maskTask("t1", "good.jpg", GOOD_MASK)])],
  });
  const run = await withDeadline(
    runAction(
      { ...labInputs(lab), "project-id": "p1", "output-filename": `${dir.path}/elsewhere` },
      { cwd: dir.path },
    ),
    120_000,
    "the Action run",
  );
  assert.equal(run.code, 1, run.stdout);
  assert.match(run.stdout, /^::error::Input "output-filename": .* is an absolute path/m);
  assert.doesNotMatch(run.stdout, /unexpected failure/);
  assert.equal(lab.requests.length, 0, "refused before any request");
});

Deno.test("the Action's log shows a compare-with folder name with a line break and escapes inert", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [maskTask("t1", "good.jpg", GOOD_MASK)])],
  });
  const inputs = { ...labInputs(lab), "project-id": "p1", upload: "false" };
  const first = await runAction({ ...inputs, "output-filename": "before" }, { cwd: dir.path });
  assert.equal(first.code, 0, first.stdout);
  const hostile = "before\u001b]0;title\u0007\n::warning::forged";
  await Deno.rename(`${dir.path}/before`, `${dir.path}/${hostile}`);
  const run = await exportComparedWith(hostile, inputs, dir.path);
  assert.match(
    run.stdout,
    /^Compared with "before\\u001b\]0;title\\u0007\\n::warning::forged": 0 added, 0 removed, 0 changed, 1 unchanged$/m,
  );
  assert.doesNotMatch(run.stdout, /^::warning::forged/m);
  assert.equal(run.stdout.includes("\u001b") || run.stdout.includes("\u0007"), false);
});

Deno.test({
  name: "the Action's compare-with given a device warns that it is not a folder, in its own words",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    await using dir = await tempDir();
    await using lab = await startFakeLab({
      projects: [segmentationProject("p1", [maskTask("t1", "good.jpg", GOOD_MASK)])],
    });
    const inputs = { ...labInputs(lab), "project-id": "p1", upload: "false" };
    const run = await exportComparedWith("/dev/null", inputs, dir.path);
    assert.match(
      run.stdout,
      /^::warning::compare-with: "\/dev\/null" is not an export folder of this tool: it is not a folder/m,
    );
    assert.doesNotMatch(run.stdout, /Requires|--allow/);
  },
});

/** The Action exporting into `after`, compared with `earlier`: it passes whatever `earlier` is. */
async function exportComparedWith(earlier: string, inputs: Record<string, string>, cwd: string) {
  const run = await withDeadline(
    runAction({ ...inputs, "output-filename": "after", "compare-with": earlier }, { cwd }),
    120_000,
    "the Action run",
  );
  assert.equal(run.code, 0, run.stdout);
  return run;
}
