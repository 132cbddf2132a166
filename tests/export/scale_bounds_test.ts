import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { CLI_PERMISSIONS } from "../_fixtures/run_cli.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import type { Task } from "../../lib/api/types.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";
import { type FakeProject, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

// The bench's case of 100,000 small tasks (`deno task bench --only scale`), at a test's size: what
// is held and what is done must not grow with the project, without timing anything.

/** `count` tasks of an 8×6 mask, one in a hundred updated after any export (the rest long before). */
function tinyProject(projectId: string, count: number): FakeProject {
  const data = new Uint8Array(8 * 6 * 3);
  for (let p = 0; p < 20; p++) data.set([1, 1, 1], 3 * p);
  const mask = encodeDataUri(writeMaskPng({ width: 8, height: 6, data }, { colourType: 2 }));
  const tasks: Task[] = Array.from({ length: count }, (_, i) => ({
    ...maskTask(`t${String(i).padStart(6, "0")}`, `frames/f${i}.jpg`, mask),
    updatedAt: i % 100 === 99 ? "2099-01-01T00:00:00.000Z" : "2020-01-01T00:00:00.000Z",
  }));
  return segmentationProject(projectId, tasks);
}

/** Each mask file's inode, by path: a file written again gets a new one (temp file + rename). */
async function inodes(folder: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for await (const entry of Deno.readDir(`${folder}/frames`)) {
    found.set(entry.name, (await Deno.stat(`${folder}/frames/${entry.name}`)).ino!);
  }
  return found;
}

/** What `_scale_run.ts` reports of an export of `count` tiny tasks, run in a process of its own. */
async function scaleRun(
  count: number,
  first: number,
  card = false,
): Promise<Record<string, number>> {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [tinyProject("p1", count)] });
  const { url, accessId, secretKey } = lab;
  const settings = { url, accessId, secretKey, projectId: "p1", folder: dir.path, first, card };
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...CLI_PERMISSIONS,
      "--v8-flags=--expose-gc,--max-semi-space-size=2",
      fromFileUrl(new URL("_scale_run.ts", import.meta.url)),
      JSON.stringify(settings),
    ],
    stderr: "inherit",
  }).output();
  assert.ok(output.success);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test("an export of 5,000 tiny tasks holds no more heap at its last task than about 200 bytes a task above its 1,000th", async () => {
  const { first, last, peakRss, exported } = await scaleRun(5_000, 1_000);
  assert.equal(exported, 5_000);
  // What grows is kept in typed arrays, outside V8's heap (names, the page walk's ids): a task, a
  // page or a summary entry kept per task (a few hundred bytes to kilobytes) would show here.
  const perTask = (last - first) / 4_000;
  assert.ok(perTask < 200, `${perTask.toFixed(0)} bytes a task more from task 1,000 to 5,000`);
  // The bench's 100,000 tasks must stay under 200 MB; a few thousand are far below it.
  assert.ok(peakRss < 200 * 2 ** 20, `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
});

Deno.test("the end of an export of 20,000 tiny tasks (its dataset id over the manifest) grows V8's heap by less than 8 MB", async () => {
  const { totalAtLast, totalAtEnd, exported } = await scaleRun(20_000, 1_000);
  assert.equal(exported, 20_000);
  // The manifest read whole and parsed at once grew it by about 1.4 KB a task (28 MB here, 140 MB
  // at 100,000 tasks, when RSS peaked); its lines streamed into the id's buffer leave young garbage.
  const grown = (totalAtEnd - totalAtLast) / 2 ** 20;
  assert.ok(grown < 8, `the export's end grew V8's heap by ${grown.toFixed(1)} MB`);
});

Deno.test("the end of an export of 10,000 tiny tasks with a dataset card grows V8's heap by less than 11 MB", async () => {
  const { totalAtLast, totalAtEnd, exported } = await scaleRun(10_000, 1_000, true);
  assert.equal(exported, 10_000);
  // The card's counts, pixel shares and file list are gathered as the manifest is read (8.2 to
  // 8.7 MB here, most of it croissant.json's text and objects); the entries kept whole for the
  // card grew it by 13.7 to 14.4 MB, and by more for tasks of many labels and instances.
  const grown = (totalAtEnd - totalAtLast) / 2 ** 20;
  assert.ok(grown < 11, `the export's end grew V8's heap by ${grown.toFixed(1)} MB`);
});

Deno.test("--resume after a stop at 60% writes only the rest; --incremental with 1% changed asks for those alone and writes no file again", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [tinyProject("p1", 3_000)] });
  const options = { client: clientOf(lab), projectId: "p1", outputFolder: dir.path };
  const stop = new AbortController();
  await exportMasks({
    ...options,
    outputFilename: "out",
    signal: stop.signal,
    onProgress: (event) => event.type === "task" && event.done >= 1_800 && stop.abort(),
  }).then(() => assert.fail("the export went on after it was stopped"), () => {});
  const folder = `${dir.path}/out`;
  const before = await inodes(folder);
  assert.ok(before.size >= 1_800 && before.size < 3_000, `${before.size} files before resuming`);

  const resumed = await exportMasks({ ...options, outputFilename: "out", resume: true });
  assert.equal(resumed.kept + resumed.exported, 3_000);
  assert.equal(resumed.kept, before.size);
  const after = await inodes(folder);
  assert.equal(after.size, 3_000);
  const rewritten = [...before].filter(([name, ino]) => after.get(name) !== ino);
  assert.deepEqual(rewritten, [], "files the stopped run wrote were written again");

  lab.requests.splice(0);
  const updated = await exportMasks({
    client: clientOf(lab),
    projectId: "p1",
    incremental: folder,
  });
  assert.equal(updated.exported + updated.kept, 30);
  assert.equal(updated.carried, 2_970);
  const pages = lab.requests.filter((request) => request.path.endsWith("/tasks"));
  assert.equal(pages.length, 1, "one page of the 30 changed tasks, not the project's 30");
  const again = await inodes(folder);
  const touched = [...after].filter(([name, ino]) => again.get(name) !== ino);
  assert.deepEqual(touched, [], "the incremental run wrote files again");
});
