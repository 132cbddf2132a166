/**
 * `report.html` is written as a stream: the gallery's records go to a partial file as tasks are
 * written, only the charts' counts stay in memory, and the file is renamed into place at the end.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "../../lib/model/file_system.ts";
import { emptySummary } from "../../lib/model/empty_summary.ts";
import { ExportReport, PARTIAL_REPORT_NAME, REPORT_NAME } from "../../lib/report/export_report.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { CLI_PERMISSIONS } from "../_fixtures/run_cli.ts";
import { exportWithReport, REPORT_LABELS, reportData } from "./_report_fixture.ts";
import { join } from "../../lib/_std/path.ts";
import { exists } from "../../lib/_std/fs.ts";
import type { ExportMasksOptions } from "../../lib/export/export_masks.ts";

// `test`: `Deno.test`, ignored on Windows: the child kills itself with SIGKILL and the
// test reads its end from the signal, which Windows does not report.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const TABLE = classTable(REPORT_LABELS);

/** A file system that reports every write to the partial report, and the first one's coming. */
function watchedFileSystem() {
  const chunks: number[] = [];
  const firstChunk = Promise.withResolvers<void>();
  const fileSystem: FileSystem = {
    ...DENO_FILE_SYSTEM,
    async open(path, options) {
      const file = await DENO_FILE_SYSTEM.open(path, options);
      if (!path.endsWith(PARTIAL_REPORT_NAME)) return file;
      return new Proxy(file, {
        get(target, name) {
          if (name === "write") {
            return (bytes: Uint8Array) => {
              chunks.push(bytes.length);
              firstChunk.resolve();
              return target.write(bytes);
            };
          }
          const value = Reflect.get(target, name);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
  };
  return { fileSystem, chunks, firstChunk: firstChunk.promise };
}

Deno.test("ExportReport writes the gallery to its partial file as tasks come, in bounded chunks", async () => {
  await using dir = await tempDir();
  const { fileSystem, chunks, firstChunk } = watchedFileSystem();
  const report = new ExportReport(TABLE.classes, new ExportFolderFs(dir.path, { fileSystem }));
  const thumbnail = crypto.getRandomValues(new Uint8Array(600));
  const count = 800;
  for (let i = 0; i < count; i++) {
    report.add({
      taskId: `t${i}`,
      name: `scene/${i}.jpg`,
      file: `scene/${i}.jpg.png`,
      width: 10,
      height: 10,
      stats: { labels: ["car"], instanceCount: 1, instances: { "1": "car" }, bChannels: [1] },
      preview: { png: thumbnail, samples: 100, labelled: 50, samplesByLabel: { car: 50 } },
    });
  }
  // About 0.8 KB per record: 640 KB in all, which the report must not hold until the end.
  await withDeadline(firstChunk, 30_000, "the first chunk of the partial report");
  assert.ok((await Deno.lstat(`${dir.path}/${PARTIAL_REPORT_NAME}`)).isFile);
  await assert.rejects(Deno.lstat(`${dir.path}/${REPORT_NAME}`), Deno.errors.NotFound);
  const run = { projectId: "p1", filters: {}, startedAt: new Date(0) };
  const { path, labels } = await report.write(run, emptySummary("p1", dir.path, "rgb", false));
  assert.equal(path, join(dir.path, REPORT_NAME));
  assert.deepEqual(await listFiles(dir.path), [REPORT_NAME], "the partial file is renamed");
  const html = await Deno.readTextFile(path);
  assert.equal(reportData(html).tasks.length, count);
  assert.ok(html.endsWith("</html>\n"));
  assert.ok(chunks.length >= 8, `written in ${chunks.length} chunks`);
  assert.ok(Math.max(...chunks) < 70_000, `chunks of at most ~64 KB: ${chunks}`);
  assert.deepEqual(labels.find((label) => label.id === "car")!.tasks, count);
});

Deno.test("exportMasks() with report leaves only report.html behind, no partial file", async () => {
  await using dir = await tempDir();
  const summary = await exportWithReport(dir.path);
  const files = await listFiles(`${dir.path}/out`);
  assert.ok(files.includes(REPORT_NAME));
  assert.deepEqual(files.filter((file) => file.startsWith(".")), []);
  assert.equal(reportData(await Deno.readTextFile(summary.report!)).tasks.length, 5);
});

test("a killed export leaves no half-written report.html, and resuming it writes a whole one", async () => {
  await using dir = await tempDir();
  const child = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...CLI_PERMISSIONS,
      "--allow-run",
      new URL("./_killed_during_report.ts", import.meta.url).href,
      dir.path,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(child.signal, "SIGKILL", new TextDecoder().decode(child.stderr));
  const out = `${dir.path}/out`;
  const files = await listFiles(out);
  assert.ok(!files.includes(REPORT_NAME), "no report.html");
  const partial = await Deno.readTextFile(`${out}/${PARTIAL_REPORT_NAME}`);
  assert.ok(partial.length > 0 && !partial.includes("</html>"), "killed mid-write");
  assert.ok(files.includes("manifest.jsonl") && files.includes("street/a.jpg.png"));

  const resumed = await exportWithReport(dir.path, { resume: true });
  assert.equal(resumed.kept, 5);
  const html = await Deno.readTextFile(`${out}/${REPORT_NAME}`);
  assert.ok(html.endsWith("</html>\n"));
  assert.ok(!(await listFiles(out)).includes(PARTIAL_REPORT_NAME));
  const data = reportData(html);
  assert.equal(data.tasks.length, 5);
  assert.ok(data.tasks.every((task) => task.t === undefined), "kept tasks have no thumbnail");
  assert.deepEqual(
    resumed.labels!.map((label) => [label.id, label.tasks, label.instances]),
    [["person", 2, 3], ["car", 2, 2], ["evil", 1, 1], ["boat", 0, 0]],
  );
});

Deno.test("an incremental update's report counts the tasks carried over from the manifest", async () => {
  await using dir = await tempDir();
  const first = await exportWithReport(dir.path);
  const update = await exportWithReport(dir.path, {
    outputFolder: undefined,
    outputFilename: undefined,
    incremental: `${dir.path}/out`,
  });
  assert.equal(update.carried, first.exported + first.skipped + first.failed - update.total);
  const html = await Deno.readTextFile(update.report!);
  const data = reportData(html);
  const carried = data.tasks.filter((task) => task.t === undefined).map((task) => task.n).sort();
  // No task changed: every exported one is carried over, shown without a thumbnail.
  assert.equal(update.total, 0);
  assert.equal(carried.length, first.exported);
  assert.equal(data.tasks.length, first.exported);
  assert.match(html, /<td data-count="carried">7<\/td>/);
  assert.deepEqual(update.labels, first.labels!.map((label) => ({ ...label, pixelShare: 0 })));
});

Deno.test("a later run into the folder removes the report a killed run left half-written, with or without report", async () => {
  await using dir = await tempDir();
  await exportWithReport(dir.path, { report: false });
  const out = `${dir.path}/out`;
  const partial = `${out}/${PARTIAL_REPORT_NAME}`;
  // What a killed run leaves: the page's start, never renamed into place.
  const plant = () => Deno.writeTextFile(partial, "<!DOCTYPE html><html><body><div");
  const runs: [string, Partial<ExportMasksOptions>][] = [
    ["resume", { resume: true, report: false }],
    ["incremental", {
      incremental: out,
      outputFolder: undefined,
      outputFilename: undefined,
      report: false,
    }],
    ["resume with report", { resume: true }],
  ];
  await plant();
  await exportWithReport(dir.path, { resume: true, report: false, dryRun: true });
  assert.ok(await exists(partial), "a dry run writes and removes nothing");
  for (const [what, options] of runs) {
    await plant();
    await exportWithReport(dir.path, options);
    assert.ok(!(await exists(partial)), `${what}: the half-written report is gone`);
  }
  assert.ok(await exists(`${out}/${REPORT_NAME}`), "the run with report wrote a whole one");
});
