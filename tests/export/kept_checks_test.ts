import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { folderBytes, tempDir } from "../_fixtures/temp_dir.ts";
import type { Task } from "../../lib/api/types.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { KEPT_BATCH, KeptChecks } from "../../lib/export/_kept_checks.ts";
import { sha256 } from "../../lib/export/_task_exporter.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { DENO_FILE_SYSTEM } from "../../lib/model/file_system.ts";
import type { TaskOutcome } from "../../lib/model/export_summary.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

// README, "Resume and overwrite": `--resume` keeps only files whose sha256 matches the manifest.
// The kept files are checked on the pool's workers, many tasks' files a message: whatever was
// changed after the interruption, in any batch, must still be written again.

/** More tasks than three batches of checks, so the kept ones span several. */
const TASKS = 4 * KEPT_BATCH;

/** `count` tasks of 8×6 masks, each with its own count of labelled pixels. */
function smallTasks(count: number): Task[] {
  return Array.from({ length: count }, (_, i) => {
    const data = new Uint8Array(8 * 6 * 3);
    for (let p = 0; p <= i % 48; p++) data.set([1, 1 + (i >> 6), 1], 3 * p);
    const mask = encodeDataUri(writeMaskPng({ width: 8, height: 6, data }, { colourType: 2 }));
    return maskTask(`t${String(i).padStart(4, "0")}`, `frames/f${i}.jpg`, mask);
  });
}

/** The mask paths of the entries an interrupted export wrote. */
async function writtenPaths(folder: string): Promise<string[]> {
  return (await Deno.readTextFile(`${folder}/.manifest.jsonl.part`)).trim().split("\n")
    .map((line) => JSON.parse(line)).filter((entry) => entry.outcome === "exported")
    .map((entry) => entry.files[0].path);
}

Deno.test("--resume writes again kept files changed, cut or removed after the interruption, in any batch of checks, and the folder is the uninterrupted export's, twice", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", smallTasks(TASKS))],
  });
  const run = (outputFilename: string, options: Partial<Parameters<typeof exportMasks>[0]>) =>
    withDeadline(
      exportMasks({
        client: clientOf(lab, { pageSize: 25 }),
        projectId: "p1",
        outputFolder: dir.path,
        outputFilename,
        ...options,
      }),
      60_000,
      `the export to ${outputFilename}`,
    );
  await run("whole", {});
  const expected = await folderBytes(`${dir.path}/whole`);

  for (const name of ["out1", "out2"]) {
    const stop = new AbortController();
    await run(name, {
      signal: stop.signal,
      onProgress: (event) =>
        event.type === "task" && event.done >= 3.5 * KEPT_BATCH && stop.abort(),
    }).then(() => assert.fail("the export went on after it was stopped"), () => {});
    const out = `${dir.path}/${name}`;
    const written = await writtenPaths(out);
    assert.ok(written.length >= 3 * KEPT_BATCH, `${written.length} tasks written`);
    // One file in each of the first three batches of checks.
    const changed = written[3];
    const cut = written[KEPT_BATCH + 5];
    const removed = written[2 * KEPT_BATCH + 7];
    const bytes = await Deno.readFile(`${out}/${changed}`);
    bytes[bytes.length >> 1] ^= 0xff;
    await Deno.writeFile(`${out}/${changed}`, bytes);
    await Deno.truncate(`${out}/${cut}`, 20);
    await Deno.remove(`${out}/${removed}`);

    const outcomes = new Map<string, TaskOutcome>();
    const summary = await run(name, {
      resume: true,
      onProgress: (event) => {
        if (event.type === "task") outcomes.set(`${event.outcome.taskName}.png`, event.outcome);
      },
    });
    assert.equal(summary.kept, written.length - 3);
    assert.equal(summary.kept + summary.exported, TASKS);
    for (const path of [changed, cut, removed]) {
      assert.equal(outcomes.get(path)?.status, "exported", `${path} is written again`);
    }
    for (const path of written.filter((path) => ![changed, cut, removed].includes(path))) {
      assert.equal(outcomes.get(path)?.status, "kept", path);
    }
    const actual = await folderBytes(out);
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
    for (const [path, bytes] of expected) assertSameBytes(actual.get(path)!, bytes, path);
  }
});

Deno.test("--resume refuses a kept file replaced by a link after the interruption, naming it, before any request", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", smallTasks(40))] });
  const run = (options: Partial<Parameters<typeof exportMasks>[0]>) =>
    exportMasks({
      client: clientOf(lab),
      projectId: "p1",
      outputFolder: dir.path,
      outputFilename: "out",
      ...options,
    });
  const stop = new AbortController();
  await withDeadline(
    run({
      signal: stop.signal,
      onProgress: (event) => event.type === "task" && event.done >= 20 && stop.abort(),
    })
      .then(() => assert.fail("the export went on after it was stopped"), () => {}),
    60_000,
    "the interrupted export",
  );
  const out = `${dir.path}/out`;
  const linked = (await writtenPaths(out))[1];
  // A link to a file of the very same bytes: its hash alone would pass.
  await Deno.copyFile(`${out}/${linked}`, `${dir.path}/copy.png`);
  await Deno.remove(`${out}/${linked}`);
  await Deno.symlink(`${dir.path}/copy.png`, `${out}/${linked}`);
  const before = lab.requests.length;
  await assert.rejects(() => withDeadline(run({ resume: true }), 60_000, "the resume"), {
    name: "UnsafePathError",
    message: new RegExp(`holds what an export never writes: ${linked} \\(a symbolic link\\)`),
  });
  assert.equal(lab.requests.length, before, "refused before any request");
});

/** A folder of kept files, each task's fate made by hand, and the manifest files of each task. */
async function keptFolder(root: string) {
  const tasks: { files: { path: string; sha256: string }[]; intact: boolean }[] = [];
  await Deno.mkdir(`${root}/street`);
  await Deno.mkdir(`${root}/elsewhere`);
  for (let i = 0; i < 2 * KEPT_BATCH + 10; i++) {
    const bytes = new TextEncoder().encode(`mask ${i}`);
    const path = `street/m${i}.png`;
    await Deno.writeFile(`${root}/${path}`, bytes);
    tasks.push({ files: [{ path, sha256: sha256(bytes) }], intact: true });
  }
  const spoil = async (at: number, how: (path: string) => Promise<void>) => {
    await how(`${root}/${tasks[at].files[0].path}`);
    tasks[at].intact = false;
  };
  await spoil(1, (path) => Deno.writeTextFile(path, "changed"));
  await spoil(KEPT_BATCH + 2, (path) => Deno.remove(path));
  await spoil(KEPT_BATCH + 3, (path) => Deno.truncate(path, 2));
  // Links to files of the same bytes: their hashes alone would pass.
  await spoil(2 * KEPT_BATCH + 1, async (path) => {
    await Deno.rename(path, `${root}/elsewhere/same.png`);
    await Deno.symlink(`${root}/elsewhere/same.png`, path);
  });
  await spoil(2 * KEPT_BATCH + 2, async (path) => {
    await Deno.remove(path);
    await Deno.mkdir(path);
  });
  // A task of two files, the second spoiled: the task is not intact.
  const extra = new TextEncoder().encode("second");
  await Deno.writeFile(`${root}/street/second.png`, extra);
  tasks.push({
    files: [tasks[5].files[0], { path: "street/second.png", sha256: sha256(extra) }],
    intact: true,
  });
  await Deno.writeTextFile(`${root}/street/second.png`, "other");
  tasks.at(-1)!.intact = false;
  // A folder on the way that is a link, to a folder with the same file.
  await Deno.mkdir(`${root}/real`);
  const linked = new TextEncoder().encode("linked");
  await Deno.writeFile(`${root}/real/l.png`, linked);
  await Deno.symlink(`${root}/real`, `${root}/via`);
  tasks.push({ files: [{ path: "via/l.png", sha256: sha256(linked) }], intact: false });
  tasks.push({ files: [{ path: "real/l.png", sha256: sha256(linked) }], intact: true });
  return tasks;
}

for (
  const [where, fileSystem] of [
    ["on the pool's workers", DENO_FILE_SYSTEM],
    ["on the calling thread, through another file system's door", { ...DENO_FILE_SYSTEM }],
  ] as const
) {
  Deno.test(`KeptChecks tells intact files from changed, missing, cut, linked and folder ones, ${where}`, async () => {
    await using dir = await tempDir();
    const tasks = await keptFolder(dir.path);
    using pool = new ConvertPool({ size: 2 });
    const checks = new KeptChecks(new ExportFolderFs(dir.path, { fileSystem }), pool);
    const answers = await withDeadline(
      Promise.all(tasks.map((task) => checks.intact(task.files))),
      30_000,
      "the checks",
    );
    const wrong = tasks.map((task, at) => [at, task.intact, answers[at]] as const)
      .filter(([, intact, answer]) => intact !== answer);
    assert.deepEqual(wrong, [], "tasks told wrong: [number, intact, answer]");
    assert.equal(answers.filter((answer) => answer).length, tasks.length - 7);
  });
}
