import assert from "../_std/assert.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { expectedWatermark, startedAtOf } from "../_fixtures/watermark.ts";
import { runAction } from "./_composite.ts";
import { annotations, GOOD_MASK, labInputs, maskOf, masksIn } from "./_fixtures.ts";

const TASKS = Array.from({ length: 8 }, (_, i) => ({
  ...maskTask(`t${i}`, `f${i}.jpg`, GOOD_MASK),
  updatedAt: "2024-12-01T00:00:00.000Z",
}));

Deno.test("the Action with mask-format: class-index writes index masks and the label maps", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", TASKS.slice(0, 2))],
  });
  const run = await runAction({
    ...labInputs(lab),
    "project-id": "p1",
    "mask-format": "class-index",
    "ignore-index": "200",
    "output-filename": "out",
  }, { cwd: dir.path });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const folder = await Deno.realPath(`${dir.path}/out`);
  assert.deepEqual(await masksIn(folder), ["f0.jpg.png", "f1.jpg.png"]);
  const files = await listFiles(folder);
  assert.ok(files.includes("labelmap.json") && files.includes("labelmap.txt"), files.join());
  const labelmap = JSON.parse(await Deno.readTextFile(`${folder}/labelmap.json`));
  assert.equal(labelmap.ignoreIndex, 200);
  assert.equal(run.outputs["manifest-path"], `${folder}/manifest.jsonl`);
  assert.match(run.summary, /<th>Mask format<\/th><td><code>class-index<\/code><\/td>/);
});

Deno.test("the Action with shard: 1/2 and 2/2 exports every task once", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const masks: string[] = [];
  for (const shard of ["1/2", "2/2"]) {
    const run = await runAction({
      ...labInputs(lab),
      "project-id": "p1",
      shard,
      "output-filename": `shard-${shard[0]}`,
    }, { cwd: dir.path });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.summary, new RegExp(`<th>Shard</th><td>${shard[0]} of 2</td>`));
    const exported = Number(run.outputs["exported-count"]);
    // A shard that drew no task has no folder and no manifest, as an export with no mask.
    const files = exported === 0 ? [] : await masksIn(`${dir.path}/shard-${shard[0]}`);
    assert.equal(files.length, exported);
    masks.push(...files);
  }
  assert.deepEqual(masks.sort(), TASKS.map((task) => `${task.name}.png`).sort());
});

Deno.test("the Action with incremental updates the earlier export in place and writes only there", async () => {
  await using dir = await tempDir();
  const tasks = TASKS.slice(0, 4);
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const inputs = { ...labInputs(lab), "project-id": "p1", "status-in": "complete" };
  const first = await runAction(
    { ...inputs, "output-folder": "masks", "output-filename": "nightly" },
    { cwd: dir.path },
  );
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const folder = await Deno.realPath(`${dir.path}/masks/nightly`);
  const before = await Deno.readFile(`${folder}/f1.jpg.png`);

  const again = await runAction(
    { ...inputs, "output-folder": "masks", "output-filename": "nightly" },
    { cwd: dir.path },
  );
  assert.equal(again.code, 1);
  // The library's flags read as the inputs a workflow sets.
  const errors = annotations(again, "error");
  assert.equal(errors.length, 1, again.stdout);
  assert.match(
    errors[0],
    // The message names the inputs itself, so it goes without an `Input "...":` prefix.
    /^::error::The export folder ".*" already exists; .*add resume: true .*, or overwrite: true to replace it .*; to update it, give its path to "incremental" in place of "output-folder" and "output-filename"/,
  );

  // t1's car becomes a person; t3 is reopened, so it no longer matches status-in.
  const startedAt = await startedAtOf(folder);
  const now = new Date().toISOString();
  tasks[1] = { ...tasks[1], updatedAt: now, data: { body: { mask: maskOf(1, 2) } } };
  tasks[3] = { ...tasks[3], updatedAt: now, status: "ongoing" };
  const update = await runAction(
    { ...inputs, incremental: "masks/nightly/manifest.jsonl" },
    { cwd: dir.path },
  );
  assert.equal(update.code, 0, update.stdout + update.stderr);
  const pages = lab.requests.filter((request) => request.path.endsWith("/tasks"));
  assert.deepEqual(pages.at(-1)?.query.getAll("updatedAt"), [expectedWatermark(startedAt)]);
  assert.equal(update.outputs["output-path"], folder);
  assert.equal(update.outputs["manifest-path"], `${folder}/manifest.jsonl`);
  assert.deepEqual(await masksIn(folder), ["f0.jpg.png", "f1.jpg.png", "f2.jpg.png"]);
  assert.notDeepEqual(await Deno.readFile(`${folder}/f1.jpg.png`), before);
  assert.deepEqual((await listFiles(dir.path)).filter((file) => !file.startsWith("masks/")), []);
  assert.equal(update.outputs["exported-count"], "1");
  assert.match(
    update.summary,
    /1 matched: <b>1 exported<\/b>, .*; of the earlier export, 0 kept \(unchanged\), 2 carried over \(not updated since\), 1 removed \(no longer match\)/,
  );

  // A night with no change still updates the manifest, and uploads the whole folder. t1, updated
  // within the clock margin, is asked again and kept. The project comes from the export updated.
  const quiet = await runAction(
    { ...inputs, "project-id": "", incremental: "masks/nightly" },
    { cwd: dir.path },
  );
  assert.equal(quiet.code, 0, quiet.stdout + quiet.stderr);
  assert.match(quiet.summary, /project <code>p1<\/code>/);
  assert.equal(quiet.outputs["exported-count"], "0");
  assert.equal(quiet.outputs["manifest-path"], `${folder}/manifest.jsonl`);
  assert.match(quiet.summary, /1 kept \(unchanged\), 2 carried over \(not updated since\)/);
  assert.match(quiet.summary, /<p>Uploaded as <code>lab-masks<\/code>/);
  assert.equal(
    quiet.upload?.files.length,
    6,
    "the folder, its three masks and its own files (report.html too)",
  );
  // Given, the project must be the export's.
  const other = await runAction(
    { ...inputs, "project-id": "p2", incremental: "masks/nightly" },
    { cwd: dir.path },
  );
  assert.equal(other.code, 1);
  assert.match(
    other.stdout,
    /^::error::Cannot update the export of project "p1" with "project-id" "p2"; leave it out/m,
  );
});

Deno.test("the Action with dry-run: true lists the masks, writes nothing and exports nothing", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const run = await runAction(
    { ...labInputs(lab), "project-id": "p1", "dry-run": "true", "output-filename": "out" },
    { cwd: dir.path },
  );
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(await listFiles(dir.path), []);
  assert.equal(run.outputs["exported-count"], "0");
  assert.equal(run.outputs["manifest-path"], "");
  assert.equal(run.outputs["output-path"], `${await Deno.realPath(dir.path)}/out`);
  assert.match(run.stdout, /^would export: "f0\.jpg" \(t0\) to "f0\.jpg\.png"$/m);
  assert.match(run.stdout, /^Dry run: would export 8 masks to ".*\/out"; nothing was written$/m);
  assert.match(run.summary, /<b>8 would be exported<\/b> \(dry run: nothing was written\)/);
  assert.match(run.summary, /<p>None: a dry run writes and uploads nothing\.<\/p>/);
});

Deno.test("the Action with compare-with puts the tasks changed since an earlier export in the job summary", async () => {
  await using dir = await tempDir();
  const tasks = TASKS.slice(0, 3);
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const inputs = {
    ...labInputs(lab),
    "project-id": "p1",
    "output-folder": "masks",
    upload: "false",
  };
  const first = await runAction({ ...inputs, "output-filename": "before" }, { cwd: dir.path });
  assert.equal(first.code, 0, first.stdout + first.stderr);
  // t1's one car pixel becomes a person pixel: one pixel changed, a label gained and one lost.
  tasks[1] = { ...tasks[1], data: { body: { mask: maskOf(1, 2) } } };
  const second = await runAction(
    { ...inputs, "output-filename": "after", "compare-with": "masks/before" },
    { cwd: dir.path },
  );
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.match(
    second.stdout,
    /^Compared with "masks\/before": 0 added, 0 removed, 1 changed, 2 unchanged$/m,
  );
  assert.match(second.summary, /^Tasks: 0 added, 0 removed, 1 changed, 2 unchanged\.$/m);
  assert.match(second.summary, /^\| changed \| f1\.jpg \| `t1` \| 1 \| person \| car \|$/m);
  assert.match(second.outputs["dataset-id"], /^[0-9a-f]{64}$/);
  assert.notEqual(second.outputs["dataset-id"], first.outputs["dataset-id"]);
});
