import assert from "../_std/assert.ts";
import { labEnv, outputFlags, runCli } from "../_fixtures/run_cli.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { folderState, listFiles, listPngs, tempDir } from "../_fixtures/temp_dir.ts";

const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([3, 3, 1, 4, 4, 2]) }, {
    colourType: 6,
  }),
);
const TASKS = Array.from({ length: 12 }, (_, i) => ({
  ...maskTask(`t${i}`, `f${i}.jpg`, MASK),
  updatedAt: "2024-12-01T00:00:00.000Z",
}));

function cli(lab: FakeLab, args: string[]) {
  return runCli(["export", "--project-id", "p1", ...args], labEnv(lab));
}

Deno.test('export --dry-run prints its plan on stdout under a "Would export" header, and writes nothing', async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const ran = await cli(lab, [
    "--dry-run",
    "--output-folder",
    dir.path,
    "--output-filename",
    "out",
  ]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /^Would export from 12 tasks to ".*\/out":$/m);
  assert.match(ran.stdout, /would export: "f0\.jpg" \(t0\) to "f0\.jpg\.png"/);
  assert.doesNotMatch(ran.stdout + ran.stderr, /Exporting/);
  assert.equal(ran.stderr, "");
  assert.match(ran.stdout, /^Dry run: would export 12 masks to ".*\/out"; nothing was written$/m);
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("export --mask-format class-index writes index masks and the label maps", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", TASKS.slice(0, 2))],
  });
  const ran = await cli(lab, ["--mask-format", "class-index", ...outputFlags(dir.path, "out")]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.deepEqual(await listFiles(`${dir.path}/out`), [
    "export.json",
    "f0.jpg.png",
    "f1.jpg.png",
    "labelmap.json",
    "labelmap.txt",
    "manifest.jsonl",
  ]);
  const bad = await cli(lab, ["--mask-format", "classes", "--output-folder", dir.path]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /mask format "classes" is unknown; choose one of rgb, class-index, palette, instance, binary/,
  );
});

Deno.test("export --shard i/n splits the tasks with no overlap and no gap", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const files: string[] = [];
  for (const shard of ["1/3", "2/3", "3/3"]) {
    const ran = await cli(lab, [
      "--shard",
      shard,
      "--output-folder",
      dir.path,
      "--output-filename",
      `s${shard[0]}`,
    ]);
    assert.equal(ran.code, 0, ran.stderr);
    files.push(...await listPngs(`${dir.path}/s${shard[0]}`).catch(() => []));
  }
  assert.deepEqual(files.sort(), TASKS.map((task) => `${task.name}.png`).sort());
  const bad = await cli(lab, ["--shard", "4/3"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /The shard "4\/3" must be i\/n with i from 1 to n/);
});

Deno.test("export --incremental and --resume update an earlier export in place", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const first = await cli(lab, ["--output-folder", dir.path, "--output-filename", "out"]);
  assert.equal(first.code, 0, first.stderr);
  const again = await cli(lab, ["--output-folder", dir.path, "--output-filename", "out"]);
  assert.equal(again.code, 2);
  assert.match(
    again.stderr,
    /already exists; .*--resume.*--overwrite.*give its path to --incremental in place of --output-folder and --output-filename/,
  );
  const incremental = await cli(lab, ["--incremental", `${dir.path}/out`]);
  assert.equal(incremental.code, 0, incremental.stderr);
  assert.match(
    incremental.stdout,
    /0 tasks: 0 exported, 0 skipped \(no mask\), 0 failed, 12 carried over unchanged/,
  );
  const resumed = await cli(lab, [
    "--resume",
    "--output-folder",
    dir.path,
    "--output-filename",
    "out",
  ]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(
    resumed.stdout,
    /12 tasks: 0 exported, 0 skipped \(no mask\), 0 failed, 12 kept from the earlier run/,
  );
  const both = await cli(lab, ["--resume", "--overwrite", "--output-filename", "out"]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--resume and --overwrite cannot go together: .*; keep one/);
});

Deno.test("export --incremental --dry-run lists the updated tasks it would export and changes nothing in the folder", async () => {
  await using dir = await tempDir();
  {
    await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
    const first = await cli(lab, ["--output-folder", dir.path, "--output-filename", "out"]);
    assert.equal(first.code, 0, first.stderr);
  }
  const before = await folderState(dir.path);
  const now = new Date().toISOString();
  const updated = [
    ...TASKS.map((task, i) => i === 3 ? { ...task, updatedAt: now } : task),
    { ...maskTask("t12", "f3.jpg", MASK), updatedAt: now },
  ];
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", updated)] });
  const ran = await cli(lab, ["--incremental", `${dir.path}/out`, "--dry-run"]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(ran.stderr, "");
  assert.match(ran.stdout, /^Would export from 2 tasks to ".*\/out":$/m);
  assert.match(ran.stdout, /^would export: "f3\.jpg" \(t3\) to "f3\.jpg\.png"$/m);
  assert.match(ran.stdout, /^would export: "f3\.jpg" \(t12\) to "f3\.jpg__t12\.png"$/m);
  assert.match(ran.stdout, /^Dry run: would export 2 masks to ".*\/out"; nothing was written$/m);
  assert.match(ran.stdout, /^2 tasks: 2 planned, .*, 11 carried over unchanged$/m);
  assert.deepEqual(await folderState(dir.path), before, "the dry run changed the folder");
});
