import assert from "../_std/assert.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { labEnv, runCli as runInProcess, runCliProcess as cli } from "../_fixtures/run_cli.ts";

const GOOD_MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 1, 1, 0, 0, 0]) }, {
    colourType: 6,
  }),
);

Deno.test("lab-masks export writes the masks and ends with where they are (exit 0)", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [
      maskTask("t1", "street/a.jpg", GOOD_MASK),
      maskTask("t2", "b.jpg", GOOD_MASK),
      maskTask("t3", "never-annotated.jpg"),
    ])],
  });
  const ran = await cli([
    "export",
    "--project-id",
    "p1",
    "--output-filename",
    "out",
    "--replace-extension",
  ], {
    env: labEnv(lab),
    cwd: dir.path,
  });
  assert.equal(ran.code, 0, ran.stderr);
  const folder = await Deno.realPath(`${dir.path}/out`);
  assert.match(ran.stdout, new RegExp(`^Exported 2 masks to "${folder}"$`, "m"));
  assert.match(ran.stdout, /3 tasks: 2 exported, 1 skipped \(no mask\), 0 failed/);
  assert.deepEqual(await listPngs(folder), ["b.png", "street/a.png"]);
  assert.deepEqual(lab.findSecrets(ran.stdout + ran.stderr), []);
});

Deno.test("lab-masks export exits 1 and names each failed task when some masks are bad", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [
      maskTask("t1", "good.jpg", GOOD_MASK),
      maskTask("t2", "broken.jpg", "data:image/png;base64,AAAA"),
    ])],
  });
  const ran = await cli(["export", "--project-id", "p1", "--output-folder", "exports"], {
    env: labEnv(lab),
    cwd: dir.path,
  });
  assert.equal(ran.code, 1);
  assert.match(ran.stderr, /failed: "broken\.jpg" \(t2\): its mask cannot be read/);
  assert.match(ran.stdout, /1 exported, 0 skipped \(no mask\), 1 failed/);
  const [folder] = await listPngs(`${dir.path}/exports`);
  assert.match(folder, /^lab_mask_p1_\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d\/good\.jpg\.png$/);
});

Deno.test("lab-masks export --json prints the summary as JSON and nothing else on stdout", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [maskTask("t1", "a.jpg", GOOD_MASK)])],
  });
  const ran = await cli(["export", "--project-id", "p1", "--output-filename", "out", "--json"], {
    env: labEnv(lab),
    cwd: dir.path,
  });
  assert.equal(ran.code, 0, ran.stderr);
  const summary = JSON.parse(ran.stdout);
  assert.equal(summary.exported, 1);
  assert.equal(summary.folder, await Deno.realPath(`${dir.path}/out`));
  assert.deepEqual(lab.findSecrets(ran.stdout + ran.stderr), []);
});

Deno.test("lab-masks export without credentials exits 2 naming both variables", async () => {
  await using dir = await tempDir();
  const ran = await cli(["export", "--project-id", "p1"], { cwd: dir.path });
  assert.equal(ran.code, 2);
  assert.match(ran.stderr, /ISAHIT_LAB_API_ACCESS_ID and ISAHIT_LAB_API_SECRET_KEY/);
  assert.doesNotMatch(ran.stderr, /\n\s+at /, "no stack trace for a user error");
});

Deno.test("lab-masks export exits 3 when the lab rejects the credentials, without showing the secret", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  const env = { ...labEnv(lab), ISAHIT_LAB_API_SECRET_KEY: "wrong-secret-42" };
  const ran = await cli(["export", "--project-id", "p1"], { env, cwd: dir.path });
  assert.equal(ran.code, 3);
  assert.match(ran.stderr, /ISAHIT_LAB_API_ACCESS_ID/);
  assert.doesNotMatch(ran.stdout + ran.stderr, /wrong-secret-42/);
});

Deno.test("lab-masks export exits 2 for a project that cannot export masks", async () => {
  await using lab = await startFakeLab({
    projects: [{ configuration: { projectId: "poly", projectType: "iat-graph" }, tasks: [] }],
  });
  const ran = await runInProcess(["export", "--project-id", "poly"], labEnv(lab));
  assert.equal(ran.code, 2);
  assert.match(
    ran.stderr,
    /its type is "iat-graph"; mask export supports "iat-segmentation", "iat-polygon"/,
  );
});

Deno.test("lab-masks rejects unknown options with the closest valid one (exit 2)", async () => {
  const ran = await runInProcess(["export", "--project-id", "p1", "--stauts-in", "complete"]);
  assert.equal(ran.code, 2);
  assert.match(ran.stderr, /Unknown option "--stauts-in"; did you mean "--status-in"\?/);
  const command = await runInProcess(["exprot"]);
  assert.equal(command.code, 2);
  assert.match(command.stderr, /did you mean "export"\?/);
});

Deno.test("lab-masks refuses bad flag values naming the flag (exit 2)", async (t) => {
  // A closed loopback port: a bad value must stop the run before any request, and none may leave.
  const env = {
    ISAHIT_LAB_API_ACCESS_ID: "id",
    ISAHIT_LAB_API_SECRET_KEY: "secret",
    ISAHIT_LAB_API_ENDPOINT: "http://127.0.0.1:9/",
  };
  const cases: [string[], RegExp][] = [
    [["--updated-at-gte", "2024-13-45"], /--updated-at-gte/],
    [["--status-in", "complete,,reviewed"], /"--status-in" has an empty value/],
    [["--semantic-mapping", "{not json"], /"--semantic-mapping" is not valid JSON/],
    [["--semantic-mapping", "missing-file.json"], /cannot read "missing-file\.json"/],
    [["--concurrency", "0"], /"--concurrency" must be a whole number/],
    [["--data", "novalue"], /"--data" takes key=value/],
  ];
  for (const [flags, message] of cases) {
    await t.step(flags.join(" "), async () => {
      const ran = await runInProcess(["export", "--project-id", "p1", ...flags], env);
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, message);
    });
  }
});

Deno.test("lab-masks --help lists every export option, the environment and the exit codes", async () => {
  const help = await runInProcess(["export", "--help"]);
  assert.equal(help.code, 0);
  for (
    const flag of [
      "--project-id",
      "--input-id",
      "--batch-id-in",
      "--status-in",
      "--task-id-in",
      "--name-in",
      "--name-like",
      "--created-at-gte",
      "--created-at-lte",
      "--updated-at-gte",
      "--updated-at-lte",
      "--output-folder",
      "--output-filename",
      "--replace-extension",
      "--semantic-mapping",
      "ISAHIT_LAB_API_SECRET_KEY",
      "Exit codes",
    ]
  ) {
    assert.ok(help.stdout.includes(flag), `export --help mentions ${flag}`);
  }
  const program = await runInProcess(["--help"]);
  assert.equal(program.code, 0);
  assert.match(program.stdout, /Commands:\n\s+export/);
  const none = await runInProcess([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage:/);
});

Deno.test("lab-masks demo exports both sample projects with no account", async () => {
  await using dir = await tempDir();
  const ran = await runInProcess(["demo", "--output-folder", dir.path]);
  assert.equal(ran.code, 0, ran.stderr);
  const files = await listPngs(dir.path);
  assert.ok(
    files.some((file) =>
      /^lab_mask_proj_seg_demo_[^/]+\/street\/frame_0001__task_8\.png$/.test(file)
    ),
  );
  assert.equal(files.filter((file) => file.startsWith("lab_mask_proj_form_demo_")).length, 3);
  assert.match(ran.stdout, /The masks are in /);
});
