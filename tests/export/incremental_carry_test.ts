import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import type { Task } from "../../lib/api/types.ts";
import type { TaskPagesOptions, TaskSource } from "../../lib/api/task_source.ts";
import { ConfigError, UnsafePathError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { readTree } from "../reliability/_fixtures.ts";

const NEWLINE = 0x0a;

function maskOf(id: number, bChannel: number): string {
  const data = new Uint8Array([id % 256, (id >> 8) % 256, bChannel, 0, 0, 0]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 1, data }, { colourType: 2 }));
}

/** `count` tasks with masks of their own, all updated long ago. */
function projectTasks(count: number): Task[] {
  return Array.from({ length: count }, (_, i) => ({
    ...maskTask(`t${String(i).padStart(3, "0")}`, `f${i}.jpg`, maskOf(i, 1 + (i % 3))),
    status: "complete",
    updatedAt: "2024-12-01T00:00:00.000Z",
  }));
}

async function exportOf(tasks: Task[], options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  return await withDeadline(
    exportMasks({ client: clientOf(lab), projectId: "p1", ...options }),
    60_000,
    "the export",
  );
}

/** The error an update of `out` from `client` ends with; `undefined` when it succeeds. */
function updateError(client: TaskSource, out: string, deadlineMs = 60_000): Promise<unknown> {
  return withDeadline(
    exportMasks({ client, projectId: "p1", incremental: out }).then(() => undefined, (e) => e),
    deadlineMs,
    "the update",
  );
}

/** `client`'s configuration, with pages from `taskPages`. */
function withPages(client: TaskSource, taskPages: TaskSource["taskPages"]): TaskSource {
  return { getProjectConfiguration: (id) => client.getProjectConfiguration(id), taskPages };
}

/** The file's lines as bytes, without their newlines. */
function linesOf(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let from = 0;
  for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, from)) {
    lines.push(bytes.subarray(from, end));
    from = end + 1;
  }
  assert.equal(from, bytes.length, "the manifest ends with a newline");
  return lines;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function taskIdOf(line: Uint8Array): string {
  return JSON.parse(new TextDecoder().decode(line)).taskId;
}

/** Every tenth task gets a new mask now. */
function updated(tasks: Task[]): Task[] {
  const now = new Date().toISOString();
  return tasks.map((task, i) =>
    i % 10 === 4 ? { ...task, updatedAt: now, data: { body: { mask: maskOf(i + 1000, 2) } } } : task
  );
}

Deno.test("an incremental export writes the updated tasks' lines first, then the others' byte for byte, with a full export's dataset id", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks(300);
  await exportOf(tasks, { outputFolder: dir.path, outputFilename: "out" });
  const earlier = linesOf(await Deno.readFile(`${dir.path}/out/manifest.jsonl`));
  const now = updated(tasks);
  // Two masks converted at once, four tasks in flight: the last ones end after the loop.
  const summary = await exportOf(now, { incremental: `${dir.path}/out`, concurrency: 2 });
  const full = await exportOf(now, { outputFolder: dir.path, outputFilename: "full" });
  assert.deepEqual([summary.exported, summary.carried], [30, 270]);

  const lines = linesOf(await Deno.readFile(`${dir.path}/out/manifest.jsonl`));
  assert.equal(lines.length, 300);
  const changed = now.filter((_, i) => i % 10 === 4).map((task) => task._id);
  assert.deepEqual(lines.slice(0, 30).map(taskIdOf), changed, "the updated tasks, in task order");
  const kept = earlier.filter((line) => !changed.includes(taskIdOf(line)));
  for (const [i, line] of kept.entries()) {
    assertSameBytes(lines[30 + i], line, `carried line ${i}`);
  }
  // The same masks, the same identity, however the manifest came to list them.
  assert.equal(summary.datasetId, full.datasetId);
  const record = JSON.parse(await Deno.readTextFile(`${dir.path}/out/export.json`));
  assert.equal(record.datasetId, full.datasetId);
});

Deno.test("an incremental export writes again, as it writes every entry, earlier lines that differ from that", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks(40);
  await exportOf(tasks, { outputFolder: dir.path, outputFilename: "out" });
  const path = `${dir.path}/out/manifest.jsonl`;
  const earlier = linesOf(await Deno.readFile(path));
  const text = (line: Uint8Array) => new TextDecoder().decode(line);
  const encode = (line: string) => new TextEncoder().encode(line);
  // As another tool or a hand might leave them: a byte order mark, spaces, another key order,
  // an escaped character, a byte that is no UTF-8.
  const edited = new Map<number, Uint8Array>([
    [0, new Uint8Array([0xef, 0xbb, 0xbf, ...earlier[0]])],
    [1, encode(text(earlier[1]).replaceAll('","', '", "'))],
    [2, encode(text(earlier[2]).replace(/}$/, ',"7":1}'))],
    [3, encode(text(earlier[3]).replace('"name":"f3.jpg"', '"name":"f3\\u002ejpg"'))],
    [5, encode(text(earlier[5]).replace('"name":"f5.jpg"', '"name":"f5\u00ff.jpg"'))],
  ]);
  edited.set(5, edited.get(5)!.map((byte, i, all) => all[i - 1] === 0xc3 ? 0x28 : byte));
  const lines = earlier.map((line, i) => edited.get(i) ?? line);
  await Deno.writeFile(path, new Uint8Array(lines.flatMap((line) => [...line, NEWLINE])));
  const now = updated(tasks);
  const summary = await exportOf(now, { incremental: `${dir.path}/out` });
  const full = await exportOf(now, { outputFolder: dir.path, outputFilename: "full" });

  const after = linesOf(await Deno.readFile(path));
  const carried = [...lines.entries()].filter(([i]) => i % 10 !== 4);
  assert.equal(after.length, 40);
  for (const [at, [i, line]] of carried.entries()) {
    // Each line as a JSON text decoded from UTF-8 (a bad byte read as U+FFFD), written again.
    const expected = edited.has(i)
      ? encode(JSON.stringify(JSON.parse(new TextDecoder().decode(line))))
      : line;
    assertSameBytes(after[4 + at], expected, `carried line ${i}`);
    assert.equal(edited.has(i), !sameBytes(expected, line), `line ${i} is written again`);
  }
  assert.notDeepEqual(after[4], lines[0], "the byte order mark is gone");
  assert.ok(text(after[8]).includes('"name":"f5\ufffd(.jpg"'), text(after[8]));
  assert.equal(summary.datasetId, full.datasetId);
});

for (
  const [what, setting] of [
    ["a card", { card: true }],
    ["a report", { report: true }],
    ["splits", { split: "train=50,val=50" }],
  ] as const
) {
  Deno.test(`an incremental export with ${what} carries the earlier lines as they were, with a full export's identity and counts`, async () => {
    await using dir = await tempDir();
    const tasks = projectTasks(60);
    await exportOf(tasks, { outputFolder: dir.path, outputFilename: "out", ...setting });
    const earlier = linesOf(await Deno.readFile(`${dir.path}/out/manifest.jsonl`));
    const now = updated(tasks);
    // An update takes the earlier export's split; a card and a report are asked again.
    const again = "split" in setting ? {} : setting;
    const summary = await exportOf(now, { incremental: `${dir.path}/out`, ...again });
    const full = await exportOf(now, {
      outputFolder: dir.path,
      outputFilename: "full",
      ...setting,
    });
    const lines = linesOf(await Deno.readFile(`${dir.path}/out/manifest.jsonl`));
    const changed = now.filter((_, i) => i % 10 === 4).map((task) => task._id);
    assert.deepEqual(lines.slice(0, 6).map(taskIdOf), changed);
    const kept = earlier.filter((line) => !changed.includes(taskIdOf(line)));
    assert.equal(lines.length, 6 + kept.length);
    for (const [i, line] of kept.entries()) assertSameBytes(lines[6 + i], line, `line ${i}`);
    assert.equal(summary.datasetId, full.datasetId);
    assert.deepEqual(summary.splits, full.splits);
    if ("card" in setting) {
      const card = await Deno.readTextFile(`${dir.path}/out/README.md`);
      assert.ok(card.includes(full.datasetId!), "the card names the dataset id");
    }
    if ("report" in setting) {
      const report = await Deno.readTextFile(`${dir.path}/out/report.html`);
      assert.ok(report.includes("f59.jpg"), "the report lists a carried task");
    }
  });
}

// A link is a POSIX one here.
const posix = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

posix(
  "an incremental export refuses a folder holding a link before it reports a damaged manifest, and asks nothing",
  async () => {
    await using dir = await tempDir();
    const tasks = projectTasks(5);
    await exportOf(tasks, { outputFolder: dir.path, outputFilename: "out" });
    await Deno.writeTextFile(`${dir.path}/out/manifest.jsonl`, "not a manifest\n{}\n");
    await Deno.symlink("/etc/hostname", `${dir.path}/out/f1.jpg.png.bak`);
    await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
    const error = await withDeadline(
      exportMasks({ client: clientOf(lab), projectId: "p1", incremental: `${dir.path}/out` })
        .then(() => undefined, (error) => error),
      60_000,
      "the export",
    );
    assert.ok(error instanceof UnsafePathError, String(error));
    assert.match(error.message, /f1\.jpg\.png\.bak \(a symbolic link\)/);
    assert.equal(lab.requests.length, 0, "refused before any request");
  },
);

Deno.test("an update asks its first pages while it reads its earlier manifest; a bad line at its end is still told before anything in the folder changes", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks(250);
  await exportOf(tasks, { outputFolder: dir.path, outputFilename: "out" });
  const out = `${dir.path}/out`;
  const manifest = await Deno.readTextFile(`${out}/manifest.jsonl`);
  await Deno.writeTextFile(`${out}/manifest.jsonl`, `${manifest}not a manifest entry\n`);
  // What a killed run with a report leaves, which an update clears once it starts writing.
  await Deno.writeTextFile(`${out}/.report.html.part`, "<html>");
  const before = await readTree(out);
  // Changed since: their pages hold masks again.
  const changed = tasks.map((task) => ({ ...task, updatedAt: new Date().toISOString() }));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", changed)] });
  const client = clientOf(lab);
  let asked = 0;
  const counted = withPages(client, (projectId, filters, options) => {
    asked++;
    return client.taskPages(projectId, filters, options);
  });
  const error = await updateError(counted, out);
  assert.ok(error instanceof ConfigError, String(error));
  assert.match(error.message, /manifest\.jsonl" has a bad line 251: it is not a manifest entry/);
  assert.equal(asked, 1, "the pages were asked while the manifest was read");
  assert.deepEqual(await readTree(out), before, "nothing written, deleted or cleared");
});

Deno.test("an update whose earlier manifest is damaged abandons the page request under way and tells the damage without waiting for it", async () => {
  await using dir = await tempDir();
  const tasks = projectTasks(5);
  await exportOf(tasks, { outputFolder: dir.path, outputFilename: "out" });
  const out = `${dir.path}/out`;
  const manifest = await Deno.readTextFile(`${out}/manifest.jsonl`);
  // Long enough to be read in more than one go, so that the first page is asked meanwhile.
  const padding = `${
    JSON.stringify({ taskId: "x", name: "x", outcome: "skipped: no mask", files: [] })
  }\n`;
  await Deno.writeTextFile(
    `${out}/manifest.jsonl`,
    `${manifest}${padding.repeat(20_000)}not a manifest entry\n`,
  );
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  // A lab that never answers a page: only its walk's signal ends the wait.
  let abandoned: unknown;
  // deno-lint-ignore require-yield -- it waits for its signal and throws, never yielding.
  const hanging = withPages(clientOf(lab), async function* (_, __, options: TaskPagesOptions = {}) {
    await new Promise((resolve) => options.signal?.addEventListener("abort", resolve));
    abandoned = options.signal?.reason;
    throw options.signal?.reason;
  });
  const error = await updateError(hanging, out, 30_000);
  assert.ok(error instanceof ConfigError, String(error));
  assert.match(error.message, /has a bad line 20006: it is not a manifest entry/);
  assert.equal(abandoned, error, "the page walk was ended with the manifest's error");
});
