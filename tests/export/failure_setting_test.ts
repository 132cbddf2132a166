import assert from "../_std/assert.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { maskTask, segmentationProject, trianglePolygonProject } from "../_fixtures/project.ts";
import { labEnv, type Ran, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { TaskError } from "../../lib/errors.ts";
import { maskFiles } from "../../lib/export/mask_files.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type FakeProject, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

// A 4×4 mask, 16 pixels: above a pixel limit of 10.
const MASK = encodeDataUri(
  writeMaskPng({ width: 4, height: 4, data: new Uint8Array(48).fill(1) }, { colourType: 2 }),
);
const PROJECT = segmentationProject("p1", [maskTask("t1", "big.jpg", MASK)]);
const NEUTRAL =
  /^its mask cannot be read: the PNG is 4×4 \(16 pixels\), above the limit of 10 pixels; raise the pixel limit to decode it$/;

Deno.test("exportMasks() fails a mask above the pixel limit with a reason in no surface's words, and its setting", async () => {
  await using dir = await tempDir();
  const summary = await exportOnce(PROJECT, dir.path, { maxPixels: 10 });
  assert.equal(summary.failed, 1);
  const [failure] = summary.failures;
  assert.match(failure.reason!, NEUTRAL);
  assert.equal(failure.setting, "maxPixels");
  const manifest = await Deno.readTextFile(`${dir.path}/out/manifest.jsonl`);
  assert.equal(JSON.parse(manifest).outcome, `failed: ${failure.reason}`);
});

Deno.test("a one-file format's failure above the pixel limit carries the setting too", async () => {
  await using dir = await tempDir();
  const summary = await exportOnce(PROJECT, dir.path, {
    format: "coco",
    outputFilename: "out.json",
    maxPixels: 10,
  });
  assert.equal(summary.failed, 1);
  assert.match(summary.failures[0].reason!, /above the limit of 10 pixels; raise the pixel limit/);
  assert.equal(summary.failures[0].setting, "maxPixels");
});

/** The error `maskFiles()` yields for a project's one task, with a pixel limit of 10. */
async function maskFilesError(project: FakeProject): Promise<TaskError> {
  await using lab = await startFakeLab({ projects: [project] });
  const files = await Array.fromAsync(
    maskFiles({
      client: clientOf(lab),
      projectId: project.configuration.projectId,
      maxPixels: 10,
    }),
  );
  assert.equal(files.length, 1);
  const { error } = files[0];
  assert.ok(error instanceof TaskError);
  return error;
}

/** `lab-masks export` of a project with a pixel limit of 10, into a new folder. */
async function exportWithLimit(project: FakeProject): Promise<Ran> {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [project] });
  const projectId = project.configuration.projectId;
  return await runCli(
    [
      "export",
      `--project-id=${projectId}`,
      `--output-folder=${dir.path}`,
      "--output-filename=out",
      "--max-pixels=10",
    ],
    labEnv(lab),
  );
}

Deno.test("maskFiles() yields a TaskError that names maxPixels in the library's words", async () => {
  const error = await maskFilesError(PROJECT);
  assert.equal(error.setting, "maxPixels");
  assert.match(error.reason, NEUTRAL);
  assert.equal(error.message, `Task "big.jpg" (t1): ${error.reason} (options.maxPixels)`);
});

Deno.test("lab-masks export names --max-pixels after the reason of a mask above it (exit 1)", async () => {
  const ran = await exportWithLimit(PROJECT);
  assert.equal(ran.code, 1, ran.stderr);
  assert.match(
    ran.stderr,
    /^failed: "big\.jpg" \(t1\): its mask cannot be read: .* raise the pixel limit to decode it \(--max-pixels\)$/m,
  );
  assert.match(ran.stdout, /^ {2}failed: "big\.jpg" \(t1\): .* to decode it \(--max-pixels\)$/m);
});

/** A polygon project whose one task's shapes are drawn on a 4×4 image: above a limit of 10. */
const SHAPES = trianglePolygonProject("poly1", "big.jpg", { width: 4, height: 4 });
// A vector task stores no mask: its annotations are what cannot be drawn.
const SHAPES_REASON = /^its annotations cannot be drawn: its image is 4×4, above the pixel limit$/;

Deno.test("exportMasks() fails shapes drawn on an image above the pixel limit with the setting maxPixels", async () => {
  await using dir = await tempDir();
  const summary = await exportOnce(SHAPES, dir.path, { maxPixels: 10 });
  assert.deepEqual([summary.failed, summary.exported], [1, 0]);
  const [failure] = summary.failures;
  assert.match(failure.reason!, SHAPES_REASON);
  assert.equal(failure.setting, "maxPixels");
  const within = await exportOnce(SHAPES, dir.path, { maxPixels: 16, outputFilename: "within" });
  assert.deepEqual([within.failed, within.exported], [0, 1], "16 pixels are within a limit of 16");
});

Deno.test("maskFiles() yields a TaskError naming maxPixels for shapes above the pixel limit", async () => {
  const error = await maskFilesError(SHAPES);
  assert.equal(error.setting, "maxPixels");
  assert.match(error.reason, SHAPES_REASON);
  assert.equal(error.message, `Task "big.jpg" (t1): ${error.reason} (options.maxPixels)`);
});

Deno.test("lab-masks export names --max-pixels after the reason of shapes above it (exit 1)", async () => {
  const ran = await exportWithLimit(SHAPES);
  assert.equal(ran.code, 1, ran.stderr);
  const line = 'failed: "big\\.jpg" \\(t1\\): its annotations cannot be drawn: its image is 4×4, ' +
    "above the pixel limit \\(--max-pixels\\)";
  assert.match(ran.stderr, new RegExp(`^${line}$`, "m"));
  assert.match(ran.stdout, new RegExp(`^ {2}${line}$`, "m"));
});
