import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runAction } from "./_composite.ts";
import { annotations, GOOD_MASK, labInputs, masksIn } from "./_fixtures.ts";
import { BAD_TASK_DATA } from "../reliability/_bad_masks.ts";

Deno.test("the Action fails with one line naming the input when an input is wrong", async (t) => {
  await using dir = await tempDir();
  // A closed loopback port: nothing may leave the machine, and a bad input must stop the run
  // before any request anyway.
  const base = {
    "access-id": "id",
    "secret-key": "s3cret-for-tests",
    endpoint: "http://127.0.0.1:9/",
    "project-id": "p1",
  };
  const cases: [string, Record<string, string>, RegExp][] = [
    ["missing project-id", { "project-id": "" }, /^Input "project-id" is required/],
    [
      "missing secret-key",
      { "secret-key": " " },
      /^Input "secret-key" is required: .*\$\{\{ secrets\.ISAHIT_LAB_API_SECRET_KEY \}\}\.$/,
    ],
    ["missing access-id", { "access-id": "" }, /^Input "access-id" is required/],
    [
      "malformed semantic-mapping",
      { "semantic-mapping": "{car: [1, 2, 3]}" },
      /^Input "semantic-mapping" is not valid JSON: .*write it like \{"car": \[128, 64, 128\]\}$/,
    ],
    [
      "missing semantic-mapping file",
      { "semantic-mapping": "mapping.json" },
      /^Input "semantic-mapping" is neither JSON text .* cannot read "mapping\.json"/,
    ],
    [
      "a date that does not parse",
      { "updated-at-gte": "2024-13-45" },
      /^Input "updated-at-gte" has an invalid date "2024-13-45": use "YYYY-MM-DD HH:MM:SS"/,
    ],
    [
      "an empty list value",
      { "status-in": "complete,,reviewed" },
      /^Input "status-in" has an empty value/,
    ],
    [
      "a boolean that is not one",
      { upload: "yes" },
      /^Input "upload" must be true or false; got "yes"\.$/,
    ],
    [
      "zero retention days",
      { "retention-days": "0" },
      /^Input "retention-days" is "0": give a whole number/,
    ],
    [
      "a bad artifact name",
      { "artifact-name": "a/b" },
      /^Input "artifact-name" is "a\/b": an artifact name cannot hold/,
    ],
    [
      "an unknown mask format",
      { "mask-format": "classes" },
      /^Input "mask-format": the mask format "classes" is unknown; choose one of rgb, class-index, palette, instance, binary, panoptic$/,
    ],
    [
      "an ignore index out of range",
      { "ignore-index": "0" },
      /^Input "ignore-index" is 0: give a whole number from 1 to 255/,
    ],
    [
      "a shard past the count",
      { shard: "3/2" },
      /^Input "shard": the shard "3\/2" must be i\/n with i from 1 to n/,
    ],
    [
      "resume and overwrite together",
      { resume: "true", overwrite: "true" },
      /^resume: true and overwrite: true cannot go together: they treat an existing export folder differently; keep one$/,
    ],
    [
      "allow-removed-labels without a class map",
      { "allow-removed-labels": "true" },
      /^allow-removed-labels: true has no effect without "labelmap-from" \(or "incremental"\)/,
    ],
    [
      // The log shows it as \u001b, not as a colour.
      "a format with an escape sequence",
      { format: "\u001b[31mred" },
      /^Input "format": the format "\\u001b\[31mred" is unknown; choose one of mask, lab/,
    ],
    [
      "incremental with an output filename",
      { incremental: "masks/nightly", "output-filename": "nightly" },
      /^Input "incremental": an incremental export updates the folder it names; leave out "output-folder" and "output-filename"$/,
    ],
    [
      // The Action may write in that folder only: its parent is not probed.
      "incremental with a folder that is not there",
      { incremental: "masks/nightly" },
      /^Cannot update ".*nightly" incrementally: there is no such folder; give "incremental" the folder of an earlier export or its manifest\.jsonl$/,
    ],
    [
      // The Action may write only in "output-folder": it could not even check the parent.
      "an output filename that names the output folder",
      { "output-folder": "masks", "output-filename": "." },
      /^Input "output-filename": the output filename "\." names "output-folder" itself; give the export folder a name of its own inside it$/,
    ],
    [
      "a dry run that is not a boolean",
      { "dry-run": "1" },
      /^Input "dry-run" must be true or false; got "1"\.$/,
    ],
    [
      "an endpoint that is no URL",
      { endpoint: "ftp://lab" },
      /^Input "endpoint" must be an http\(s\) URL/,
    ],
    [
      // Fetch would send it in place of the lab's token, and the log would show it.
      "an endpoint with a password",
      { endpoint: "http://user:pw-in-url@127.0.0.1:9/" },
      /^Input "endpoint" holds a user name or password before "@127\.0\.0\.1:9": the lab takes the access id and secret key instead; remove it$/,
    ],
    [
      "an output folder with a comma",
      { "output-folder": "a,b" },
      /^Input "output-folder" must be a folder path without commas/,
    ],
    [
      "an unreachable endpoint",
      {},
      /^Cannot reach the lab at http:\/\/127\.0\.0\.1:9\/api\/user-manager\/auth\/login .*Check the "endpoint" input and the network\.$/,
    ],
  ];
  for (const [name, inputs, reason] of cases) {
    await t.step(name, async () => {
      const run = await runAction({ ...base, ...inputs }, { cwd: dir.path });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const errors = annotations(run, "error");
      assert.equal(errors.length, 1, run.stdout);
      assert.match(errors[0].replace(/^::error::/, ""), reason);
      assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /, "no stack trace for a user error");
      assert.ok(
        !run.stdout.replace(`::add-mask::${base["secret-key"]}`, "").includes(base["secret-key"]),
      );
      assert.deepEqual(run.outputs, {});
      assert.doesNotMatch(run.stdout + run.stderr, /pw-in-url/);
      assert.equal((run.stdout + run.stderr).includes("\u001b"), false, "no raw escape");
    });
  }
});

Deno.test("the Action reports a mask above the pixel limit with the library's reason, naming no flag", async () => {
  await using dir = await tempDir();
  const bomb = BAD_TASK_DATA.find((bad) => bad.kind.includes("decompression bomb"))!;
  const tasks: Task[] = [
    { _id: "t1", name: "bomb.jpg", status: "complete", data: bomb.data },
    maskTask("t2", "fine.jpg", GOOD_MASK),
  ];
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const run = await runAction(
    { ...labInputs(lab), "project-id": "p1", "output-filename": "out" },
    { cwd: dir.path },
  );
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const reason = "its mask cannot be read: the PNG is 100000×100000 (10000000000 pixels), above " +
    "the limit of 100000000 pixels; raise the pixel limit to decode it";
  assert.equal(
    annotations(run, "error")[0],
    `::error title=Mask export failed::Task "bomb.jpg" (t1) failed: ${reason}`,
    "the Action has no input for the pixel limit: the reason stands alone",
  );
  assert.ok(run.summary.includes(`<td>${reason}</td>`), run.summary);
  assert.doesNotMatch(run.stdout + run.summary, /--max-pixels|options\.maxPixels/);
  assert.deepEqual(await masksIn(`${dir.path}/out`), ["fine.jpg.png"]);
});

Deno.test("the Action leaves the ignore index's range to the export, which refuses it before any request", async (t) => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  const cases: [string, string][] = [["256", "256"], ["0", "0"], ["x1", '"x1"']];
  for (const [value, shown] of cases) {
    await t.step(value, async () => {
      const inputs = { ...labInputs(lab), "project-id": "p1", "mask-format": "class-index" };
      const run = await runAction({ ...inputs, "ignore-index": value }, { cwd: dir.path });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.deepEqual(annotations(run, "error"), [
        `::error::Input "ignore-index" is ${shown}: give a whole number from 1 to 255, above ` +
        "the project's class indices, or leave it out for 255",
      ]);
      assert.equal(lab.requests.length, 0, "no request for a bad ignore index");
    });
  }
});

Deno.test("the Action fails with one line naming the credential inputs when the lab rejects them", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  const run = await runAction(
    { ...labInputs(lab), "secret-key": "wrong-secret-42", "project-id": "p1" },
    { cwd: dir.path },
  );
  assert.equal(run.code, 1);
  const lines = run.stdout.split("\n");
  assert.equal(lines[0], "::add-mask::wrong-secret-42");
  const errors = annotations(run, "error");
  assert.equal(errors.length, 1, run.stdout);
  assert.match(
    errors[0],
    /^::error::.*401.* check the "access-id" input and the "secret-key" input/,
  );
  assert.ok(!lines.slice(1).join("\n").includes("wrong-secret-42"));
  assert.deepEqual(lab.findSecrets(run.stdout + run.stderr + run.summary), []);
});
