import assert from "../_std/assert.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { loadAction, runAction, stepOf } from "./_composite.ts";
import { condition } from "./_expression.ts";
import { GOOD_MASK, labInputs } from "./_fixtures.ts";

const TASKS = [maskTask("t1", "a.jpg", GOOD_MASK), maskTask("t2", "b.jpg", GOOD_MASK)];

Deno.test("the upload step runs when the export wrote a folder, even with no new mask, and never for a dry run", async () => {
  const upload = stepOf(await loadAction(), "upload");
  // upload, dry-run, exported-count, manifest-path, whether the export step failed → uploads?
  const cases: [string, string, string, string, boolean, boolean][] = [
    ["true", "false", "3", "/w/out/manifest.jsonl", false, true],
    // A resume that kept every file, or an incremental run with no change.
    ["true", "false", "0", "/w/out/manifest.jsonl", false, true],
    // Failed tasks fail the step; the masks exported are uploaded all the same.
    ["true", "false", "1", "/w/out/manifest.jsonl", true, true],
    ["true", "false", "0", "", false, false],
    ["false", "false", "3", "/w/out/manifest.jsonl", false, false],
    ["true", "true", "0", "", false, false],
    // A wrong input fails the step before anything is written.
    ["true", "false", "", "", true, false],
  ];
  for (const [uploadInput, dryRun, exported, manifest, failed, expected] of cases) {
    const contexts = {
      inputs: { upload: uploadInput, "dry-run": dryRun },
      steps: { export: { outputs: { "exported-count": exported, "manifest-path": manifest } } },
    };
    assert.equal(
      condition(upload.if ?? "", contexts, { failed }),
      expected,
      JSON.stringify({ uploadInput, dryRun, exported, manifest, failed }),
    );
  }
});

Deno.test("the Action uploads a resumed export whose files were all kept, and says so after the upload", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const inputs = { ...labInputs(lab), "project-id": "p1", "output-filename": "out" };
  const first = await runAction(inputs, { cwd: dir.path });
  assert.equal(first.code, 0, first.stdout + first.stderr);

  const resumed = await runAction({ ...inputs, resume: "true" }, { cwd: dir.path });
  assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
  assert.equal(resumed.outputs["exported-count"], "0");
  assert.match(resumed.summary, /2 matched: <b>0 exported<\/b>/);
  assert.deepEqual(resumed.upload, {
    name: "lab-masks",
    files: ["a.jpg.png", "b.jpg.png", "export.json", "manifest.jsonl", "report.html"],
  });
  // The export step's part of the summary says nothing of the artifact; the step after the
  // upload says where it is.
  const [report, artifact] = resumed.summary.split("<h3>Artifact</h3>\n");
  assert.doesNotMatch(report, /upload/i);
  assert.equal(
    artifact,
    "<p>Uploaded as <code>lab-masks</code>, kept for the repository's retention period: " +
      '<a href="https://github.com/octo/masks/actions/runs/42/artifacts/7">download it</a>.</p>\n',
  );
});

Deno.test("the job summary says the masks were not uploaded when the upload step fails", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const run = await runAction(
    { ...labInputs(lab), "project-id": "p1", "output-filename": "a&b", "artifact-name": "x&y" },
    { cwd: dir.path, uploadFails: true },
  );
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.upload?.name, "x&y");
  assert.doesNotMatch(run.summary, /Uploaded as/);
  const folder = await Deno.realPath(`${dir.path}/a&b`);
  assert.match(
    run.summary,
    new RegExp(
      "<h3>Artifact</h3>\\n<p>Not uploaded: the upload step failed \\(see its log\\)\\. The " +
        `masks are in <code>${folder.replace("&", "&amp;")}</code> on the runner\\.</p>\\n$`,
    ),
  );
});

Deno.test("the Action uploads nothing and says why when nothing was exported or upload is false", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", TASKS), segmentationProject("empty", [])],
  });
  const none = await runAction({ ...labInputs(lab), "project-id": "empty" }, { cwd: dir.path });
  assert.equal(none.code, 0, none.stdout + none.stderr);
  assert.equal(none.upload, undefined);
  assert.match(none.summary, /<h3>Artifact<\/h3>\n<p>None: nothing was exported\.<\/p>\n$/);

  const kept = await runAction(
    { ...labInputs(lab), "project-id": "p1", upload: "false", "output-filename": "o" },
    { cwd: dir.path },
  );
  assert.equal(kept.code, 0, kept.stdout + kept.stderr);
  assert.equal(kept.upload, undefined);
  assert.match(kept.summary, /<p>Not uploaded \(<code>upload: false<\/code>\): the masks are in/);
  assert.equal(kept.summary.match(/<h3>Artifact<\/h3>/g)?.length, 1);
});
