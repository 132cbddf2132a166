/**
 * A project whose pages are past `maxPageParsedBytes` is exported whole, in smaller pages, with
 * the files a run in full pages writes.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import {
  densePolygonTask,
  denseProject,
  documentedCost,
  pagesAsked,
} from "../_fixtures/dense_project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { listFiles, listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import type { LabClientOptions } from "../../lib/api/lab_client_options.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { join } from "../../lib/_std/path.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";

// 25 tasks of a polygon of 400 vertices each.
const TASKS = Array.from({ length: 25 }, (_, i) => densePolygonTask(i, 400));

/** Exports project `dense` into `folder` with the client's `options`. */
async function exportDense(folder: string, options: Partial<LabClientOptions> = {}) {
  await using lab = await startFakeLab({ projects: [denseProject(TASKS)] });
  const warnings: string[] = [];
  const client = clientOf(lab, { ...options, onWarning: (warning) => warnings.push(warning) });
  const summary = await exportMasks({
    client,
    projectId: "dense",
    outputFolder: folder,
    outputFilename: "out",
    // One start time for both runs: export.json records it.
    now: new Date("2026-01-05T10:00:00Z"),
  });
  return { summary, asked: pagesAsked(lab.requests), warnings };
}

Deno.test("a project whose first page is past maxPageParsedBytes is exported whole, in smaller pages", async () => {
  await using dir = await tempDir();
  const small = join(dir.path, "small");
  const big = join(dir.path, "big");
  // 5 tasks fit in a page, 6 do not.
  const maxPageParsedBytes = Math.round(5.5 * documentedCost(TASKS[0]));

  const smallRun = await exportDense(small, { maxPageParsedBytes });
  assert.equal(smallRun.summary.exported, 25);
  assert.equal(smallRun.summary.failed, 0);
  // Pages of 100, 50 and 25 are past the limit; pages of 5 are not.
  const pagesOf5 = [1, 2, 3, 4, 5].map((page) => [page, 5]);
  assert.deepEqual(smallRun.asked, [[1, 100], [1, 50], [1, 25], ...pagesOf5]);
  assert.equal(smallRun.warnings.length, 1, smallRun.warnings.join("\n"));
  assert.match(smallRun.warnings[0], /^Page 1 of the tasks \(100 tasks\) would take more than /);

  const bigRun = await exportDense(big);
  assert.deepEqual(bigRun.asked, [[1, 100]]);
  assert.deepEqual(bigRun.warnings, []);

  const pngs = await listPngs(small);
  assert.equal(pngs.length, 25);
  const files = await listFiles(small);
  assert.deepEqual(files, await listFiles(big));
  for (const file of files) {
    assertSameBytes(
      await Deno.readFile(join(small, file)),
      await Deno.readFile(join(big, file)),
      file,
    );
  }
});

const MIB = 1024 * 1024;

Deno.test("lab-masks export --max-page-memory asks smaller pages with one inert warning line", async () => {
  // 5 tasks fit in 1 MiB, 6 do not.
  assert.ok(5 * documentedCost(TASKS[0]) < MIB && 6 * documentedCost(TASKS[0]) > MIB);
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [denseProject(TASKS)] });
  const exportInto = (name: string, ...more: string[]) =>
    runCli(
      ["export", "--project-id", "dense", "-o", dir.path, "--output-filename", name, ...more],
      labEnv(lab),
    );

  const small = await exportInto("small", "--max-page-memory", "1");
  assert.equal(small.code, 0, small.stderr);
  const pagesOf5 = [1, 2, 3, 4, 5].map((page) => [page, 5]);
  assert.deepEqual(pagesAsked(lab.requests), [[1, 100], [1, 50], [1, 25], ...pagesOf5]);
  const warnings = small.stderr.split("\n").filter((line) => line.startsWith("warning:"));
  assert.deepEqual(
    warnings,
    [
      `warning: Page 1 of the tasks (100 tasks) would take more than ${MIB} bytes of memory once ` +
      "parsed, the limit per page: its tasks and the ones after it are asked in smaller pages " +
      "(50 tasks, fewer if need be).",
    ],
  );

  lab.requests.length = 0;
  const big = await exportInto("big");
  assert.equal(big.code, 0, big.stderr);
  assert.deepEqual(pagesAsked(lab.requests), [[1, 100]]);
  assert.ok(!big.stderr.includes("warning:"), big.stderr);
  const files = await listPngs(join(dir.path, "small"));
  assert.equal(files.length, 25);
  assert.deepEqual(files, await listPngs(join(dir.path, "big")));
});

Deno.test("lab-masks export names --max-page-memory for a task past it alone, and refuses a bad value", async () => {
  // Task 2 alone takes more than 1 MiB once parsed.
  const tasks = [densePolygonTask(0, 3), densePolygonTask(1, 3000), densePolygonTask(2, 3)];
  assert.ok(documentedCost(tasks[1]) > MIB && 3 * documentedCost(tasks[0]) < MIB);
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [denseProject(tasks)] });
  const run = (...more: string[]) =>
    runCli(["export", "--project-id", "dense", "-o", dir.path, ...more], labEnv(lab));

  const failed = await run("--max-page-memory", "1");
  assert.equal(failed.code, 3, failed.stderr);
  assert.match(
    failed.stderr,
    /page=2&limit=1 with task 2 of the tasks asked, which alone would take more than 1048576 bytes of memory once parsed, as estimated from its text: past the limit per page, --max-page-memory, even in a page of one task\./,
  );

  const refused = await run("--max-page-memory", "0");
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(
    refused.stderr,
    /Option "--max-page-memory" must be a whole number from 1 to 65536; got "0"/,
  );
});
