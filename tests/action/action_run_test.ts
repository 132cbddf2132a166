import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import type { InputName } from "../../action/inputs.ts";
import { OUTPUT_NAMES } from "../../action/outputs.ts";
import {
  formConfiguration,
  formInput,
  maskTask,
  segmentationProject,
} from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { type ActionRun, runAction } from "./_composite.ts";
import { annotations, GOOD_MASK, labInputs, masksIn } from "./_fixtures.ts";

const RUNNER = {
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "octo/masks",
  GITHUB_RUN_ID: "42",
};

/** A task of form project whose segmentation input `seg` holds `mask`, or never annotated. */
function formTask(id: string, name: string, mask?: string, status = "complete"): Task {
  return {
    _id: id,
    name,
    status,
    batchId: id === "t1" ? "batch_a" : "batch_b",
    createdAt: "2024-05-01T10:00:00.000Z",
    updatedAt: "2024-07-01T10:00:00.000Z",
    data: mask === undefined ? undefined : { body: { seg: { mask } } },
  };
}

/** Checks the secret and every token are masked first and shown nowhere else. */
function assertSecretsMasked(lab: FakeLab, run: ActionRun): void {
  const masks = [lab.secretKey, ...lab.issuedTokens].map((secret) => `::add-mask::${secret}`);
  const lines = run.stdout.split("\n");
  assert.deepEqual(lines.slice(0, masks.length), masks, "the masks come before any other line");
  const shown = [lines.slice(masks.length).join("\n"), run.stderr, run.summary, run.outputs];
  assert.deepEqual(lab.findSecrets(shown), []);
}

Deno.test("the Action exports the masks with every input, sets its outputs and writes the job summary", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [{
      configuration: formConfiguration("proj_form", [
        formInput("notes", "text"),
        formInput("seg", "tool-iat-segmentation"),
        formInput("seg_b", "tool-iat-segmentation"),
      ]),
      tasks: [
        formTask("t1", "street/a.jpg", GOOD_MASK),
        formTask("t2", "c,d.jpg", GOOD_MASK),
        formTask("t3", "street/a.png", GOOD_MASK),
        formTask("t4", "never-annotated.jpg"),
        formTask("t5", "draft.jpg", GOOD_MASK, "ongoing"),
      ],
    }],
  });
  const inputs: Record<InputName, string> = {
    ...labInputs(lab),
    // The fake lab is on this machine: plain http is allowed there without this input.
    "allow-insecure-http": "false",
    "project-id": "proj_form",
    "input-id": "seg",
    "batch-id-in": "batch_a, batch_b",
    "status-in": "complete\nreviewed\n",
    "task-id-in": "t1,t2,t3,t4,t5",
    "name-in": "street/a.jpg, c\\,d.jpg\nstreet/a.png\nnever-annotated.jpg, draft.jpg",
    "name-like": ".",
    "created-at-gte": "2024-01-01",
    "created-at-lte": "2024-12-31 23:59:59",
    "updated-at-gte": "2024-06-01T00:00:00Z",
    "updated-at-lte": "2025-01-01",
    "output-folder": "exports",
    "output-filename": "nightly",
    "replace-extension": "true",
    "semantic-mapping": '{"car": [10, 20, 30]}',
    format: "mask",
    "mask-format": "rgb",
    "ignore-index": "255",
    shard: "1/1",
    // Set, it excludes output-folder and output-filename; the incremental tests set it.
    incremental: "",
    resume: "false",
    overwrite: "false",
    "dry-run": "false",
    report: "true",
    card: "true",
    // No earlier export to compare with; the compare-with tests set it.
    "compare-with": "",
    "artifact-name": "nightly-masks",
    "retention-days": "5",
    upload: "true",
    "fail-on-error": "true",
  };
  const run = await runAction(inputs, { cwd: dir.path, env: RUNNER });

  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.stderr, "");
  const folder = await Deno.realPath(`${dir.path}/exports/nightly`);
  assert.deepEqual(await masksIn(folder), ["c,d.png", "street/a.png", "street/a__t3.png"]);
  const mask = await decodePng(await Deno.readFile(`${folder}/street/a.png`));
  assert.deepEqual([...mask.data], [10, 20, 30, 0, 0, 0], "the semantic mapping was applied");

  const query = lab.requests.find((request) => request.path.endsWith("/tasks"))!.query;
  assert.deepEqual(query.getAll("batchIds"), ["batch_a", "batch_b"]);
  assert.deepEqual(query.getAll("statuses"), ["complete", "reviewed"]);
  assert.deepEqual(query.getAll("taskIds"), ["t1", "t2", "t3", "t4", "t5"]);
  assert.deepEqual(query.getAll("taskNames"), [
    "street/a.jpg",
    "c,d.jpg",
    "street/a.png",
    "never-annotated.jpg",
    "draft.jpg",
  ]);
  assert.equal(query.get("nameLike"), ".");
  assert.deepEqual(query.getAll("createdAt"), [">=2024-01-01", "<=2024-12-31 23:59:59"]);
  assert.deepEqual(query.getAll("updatedAt"), [">=2024-06-01T00:00:00Z", "<=2025-01-01"]);

  assert.deepEqual(Object.keys(run.outputs).sort(), [...OUTPUT_NAMES].sort());
  const { datasetId } = JSON.parse(await Deno.readTextFile(`${folder}/export.json`));
  assert.match(datasetId, /^[0-9a-f]{64}$/);
  assert.ok((await Deno.stat(`${folder}/README.md`)).isFile, "card: true writes the card");
  assert.deepEqual(run.outputs, {
    "output-path": folder,
    "manifest-path": `${folder}/manifest.jsonl`,
    "dataset-id": datasetId,
    "exported-count": "3",
    "skipped-count": "1",
    "failed-count": "0",
  });

  assert.deepEqual(annotations(run, "error"), []);
  // Sorted: a skipped task is annotated at once, a renamed one once its file is written.
  assert.deepEqual(annotations(run, "warning").sort(), [
    '::warning title=Mask renamed::Task "street/a.png" (t3): "street/a.png" is taken by task ' +
    't1; written as "street/a__t3.png"',
    '::warning title=Task skipped::Task "never-annotated.jpg" (t4) was skipped: no mask',
  ]);
  assert.match(run.stdout, new RegExp(`^Exported 3 masks to "${folder}"$`, "m"));

  assert.match(run.summary, /<h2>Lab masks: project <code>proj_form<\/code><\/h2>/);
  assert.match(run.summary, /<code>status-in<\/code>: complete, reviewed<br>/);
  assert.match(run.summary, /<th>Shard<\/th><td>1 of 1<\/td>/);
  assert.match(run.summary, /<th>Mask format<\/th><td><code>rgb<\/code><\/td>/);
  assert.match(run.summary, /<code>name-in<\/code>: street\/a\.jpg, c,d\.jpg, street\/a\.png/);
  assert.match(
    run.summary,
    /4 matched: <b>3 exported<\/b>, 1 skipped \(no mask\), 0 failed, 1 renamed/,
  );
  assert.match(run.summary, /<td>Duration<\/td>|<th>Duration<\/th><td>\d+\.\d s<\/td>/);
  assert.match(
    run.summary,
    /<tr><td>renamed<\/td><td>street\/a\.png<\/td><td>t3<\/td><td>&quot;street\/a\.png&quot; is taken/,
  );
  assert.match(
    run.summary,
    /<tr><td>skipped<\/td><td>never-annotated\.jpg<\/td><td>t4<\/td><td>no mask<\/td><\/tr>/,
  );
  assert.match(
    run.summary,
    /<h3>Artifact<\/h3>\n<p>Uploaded as <code>nightly-masks<\/code>, kept for 5 days: <a href="https:\/\/github\.com\/octo\/masks\/actions\/runs\/42\/artifacts\/7">download it<\/a>\.<\/p>\n$/,
  );
  assert.ok((await Deno.stat(`${folder}/report.html`)).isFile, "report.html is in the artifact");
  assert.match(
    run.summary,
    /<tr><td>Car<\/td><td><code>car<\/code><\/td><td>3<\/td><td><code>█{20}<\/code><\/td><td>3<\/td><td>\d+\.\d%<\/td><\/tr>/,
  );
  assert.match(
    run.summary,
    /<td>Road<\/td><td><code>road<\/code><\/td><td>0<\/td><td><b>absent<\/b><\/td>/,
  );
  assert.match(
    run.summary,
    /open <code>report\.html<\/code> in the artifact <code>nightly-masks<\/code>/,
  );
  assert.deepEqual(run.upload, {
    name: "nightly-masks",
    files: [
      "README.md",
      "c,d.png",
      "croissant.json",
      "export.json",
      "id2label.json",
      "manifest.jsonl",
      "report.html",
      "street/a.png",
      "street/a__t3.png",
    ],
  });
  assertSecretsMasked(lab, run);
});

Deno.test("the Action fails the step after exporting the other masks, or only warns with fail-on-error: false", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [
      maskTask("t1", "good.jpg", GOOD_MASK),
      maskTask("t2", "broken.jpg", "data:image/png;base64,AAAA"),
    ])],
  });
  const inputs = { ...labInputs(lab), "project-id": "p1" };

  const failing = await runAction({ ...inputs, "output-filename": "strict" }, { cwd: dir.path });
  assert.equal(failing.code, 1);
  const errors = annotations(failing, "error");
  assert.equal(errors.length, 2, failing.stdout);
  assert.match(errors[0], /^::error title=Mask export failed::Task "broken\.jpg" \(t2\) failed: /);
  assert.match(errors[1], /^::error::1 of 2 tasks failed .*every other mask was exported\./);
  assert.deepEqual(await masksIn(`${dir.path}/strict`), ["good.jpg.png"]);
  assert.equal(failing.outputs["output-path"], await Deno.realPath(`${dir.path}/strict`));
  assert.equal(failing.outputs["exported-count"], "1");
  assert.equal(failing.outputs["failed-count"], "1");
  assert.match(failing.summary, /<tr><td>failed<\/td><td>broken\.jpg<\/td><td>t2<\/td>/);
  assertSecretsMasked(lab, failing);

  const lenient = await runAction(
    { ...inputs, "output-filename": "lenient", "fail-on-error": "false" },
    { cwd: dir.path },
  );
  assert.equal(lenient.code, 0, lenient.stdout);
  assert.equal(annotations(lenient, "error").length, 1, "the failed task is still annotated");
  assert.match(lenient.stdout, /^::warning::1 of 2 tasks failed .* fail-on-error is false\.$/m);
  assert.deepEqual(await masksIn(`${dir.path}/lenient`), ["good.jpg.png"]);
});

Deno.test("the Action annotates at most 50 tasks of a kind and lists at most 50 in the job summary", async () => {
  await using dir = await tempDir();
  const tasks = Array.from({ length: 60 }, (_, i) => maskTask(`t${i}`, `empty_${i}.jpg`));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const run = await runAction({ ...labInputs(lab), "project-id": "p1", upload: "false" }, {
    cwd: dir.path,
  });
  assert.equal(run.code, 0, run.stdout);
  const warnings = annotations(run, "warning");
  assert.equal(warnings.length, 51);
  assert.equal(
    warnings[50],
    "::warning title=Task skipped::... and 10 more skipped tasks, counted in the job summary",
  );
  assert.equal(run.outputs["skipped-count"], "60");
  assert.equal(run.summary.match(/<tr><td>skipped<\/td>/g)?.length, 50);
  assert.match(run.summary, /<p>\.\.\. and 10 more tasks\.<\/p>/);
  assert.match(run.summary, /<p>None: nothing was exported\.<\/p>/);
  assert.match(run.stdout, /^Nothing to export: no task has a mask$/m);
});
