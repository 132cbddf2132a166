import assert from "../_std/assert.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { LABELS, maskTask, segmentationConfiguration } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";

const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([3, 3, 1, 4, 4, 2]) }, {
    colourType: 6,
  }),
);
const TASKS = Array.from({ length: 12 }, (_, i) => maskTask(`t${i}`, `f${i}.jpg`, MASK));

function labOf(labels = LABELS) {
  return startFakeLab({
    projects: [{ configuration: segmentationConfiguration("p1", labels), tasks: TASKS }],
  });
}

function cli(lab: FakeLab, args: string[]) {
  return runCli(["export", "--project-id", "p1", ...args], labEnv(lab));
}

Deno.test("export --split writes masks under each split and prints each split's counts", async () => {
  await using dir = await tempDir();
  await using lab = await labOf();
  const ran = await cli(lab, [
    "-o",
    dir.path,
    "--output-filename",
    "out",
    "--split",
    "train=50,val=50",
    "--split-seed",
    "nightly",
  ]);
  assert.equal(ran.code, 0, ran.stderr);
  const files = await listFiles(`${dir.path}/out`);
  const masks = files.filter((file) => /^(train|val)\/f\d+\.jpg\.png$/.test(file));
  assert.equal(masks.length, 12, files.join());
  const train = masks.filter((file) => file.startsWith("train/")).length;
  assert.match(ran.stdout, /^Splits:$/m);
  assert.match(ran.stdout, new RegExp(`^  train: ${train} tasks? \\(`, "m"));
  assert.match(ran.stdout, new RegExp(`^  val: ${12 - train} tasks? \\(`, "m"));
  const bad = await cli(lab, ["-o", dir.path, "--split", "train=90,val=20"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /The split "train=90,val=20" cannot be used: the percentages sum to 110/,
  );
});

Deno.test("export --labelmap-from stops with exit 2 naming a lost label and --allow-removed-labels", async () => {
  await using dir = await tempDir();
  {
    await using lab = await labOf();
    const first = ["-o", dir.path, "--output-filename", "v1", "--mask-format", "class-index"];
    assert.equal((await cli(lab, first)).code, 0);
  }
  await using lab = await labOf(LABELS.filter((label) => label.id !== "person"));
  const args = [
    "-o",
    dir.path,
    "--mask-format",
    "class-index",
    "--labelmap-from",
    `${dir.path}/v1`,
  ];
  const ran = await cli(lab, [...args, "--output-filename", "v2"]);
  assert.equal(ran.code, 2, ran.stderr);
  assert.match(ran.stderr, /Label "person" \(class 2\) of the class map ".*labelmap\.json"/);
  assert.match(ran.stderr, /add --allow-removed-labels to keep index 2 reserved/);
  assert.equal(lab.requests.filter((request) => request.path.endsWith("/tasks")).length, 0);
  const kept = await cli(lab, [...args, "--output-filename", "v3", "--allow-removed-labels"]);
  assert.equal(kept.code, 0, kept.stderr);
  assert.match(
    kept.stdout,
    /The labels changed since the class map ".*": every earlier label keeps its index; reserved: person/,
  );
  const labelmap = JSON.parse(await Deno.readTextFile(`${dir.path}/v3/labelmap.json`));
  assert.deepEqual(labelmap.reserved.map((entry: { id: string }) => entry.id), ["person"]);
});
