import assert from "../_std/assert.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { LABELS, maskTask, segmentationProject } from "../_fixtures/project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { TaskError } from "../../lib/errors.ts";
import { maskFiles } from "../../lib/export/mask_files.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
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

Deno.test("maskFiles() yields a TaskError that names maxPixels in the library's words", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const files = await Array.fromAsync(
    maskFiles({ client: clientOf(lab), projectId: "p1", maxPixels: 10 }),
  );
  assert.equal(files.length, 1);
  const { error } = files[0];
  assert.ok(error instanceof TaskError);
  assert.equal(error.setting, "maxPixels");
  assert.match(error.reason, NEUTRAL);
  assert.equal(error.message, `Task "big.jpg" (t1): ${error.reason} (options.maxPixels)`);
});

Deno.test("lab-masks export names --max-pixels after the reason of a mask above it (exit 1)", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const ran = await runCli(
    ["export", "--project-id=p1", `--output-folder=${dir.path}`, "-o", "out", "--max-pixels=10"],
    labEnv(lab),
  );
  assert.equal(ran.code, 1, ran.stderr);
  assert.match(
    ran.stderr,
    /^failed: "big\.jpg" \(t1\): its mask cannot be read: .* raise the pixel limit to decode it \(--max-pixels\)$/m,
  );
  assert.match(ran.stdout, /^ {2}failed: "big\.jpg" \(t1\): .* to decode it \(--max-pixels\)$/m);
});

/** A polygon project whose one task's shapes are drawn on a 4×4 image: above a limit of 10. */
const SHAPES = {
  configuration: {
    projectId: "poly1",
    projectType: "iat-polygon",
    metadata: { labelOptions: { availableLabels: { objects: LABELS } } },
  },
  tasks: [{
    _id: "t1",
    name: "big.jpg",
    data: {
      body: {
        image: { width: 4, height: 4 },
        annotations: [{
          id: "a1",
          labels: { Objects: { labels: [{ id: "car", name: "Car" }] } },
          polygons: [{ geometry: { vertices: [0, 0, 1, 0, 1, 1] } }],
        }],
      },
    },
  }],
};
const SHAPES_REASON = /^its mask cannot be read: its image is 4×4, above the pixel limit$/;

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
  await using lab = await startFakeLab({ projects: [SHAPES] });
  const files = await Array.fromAsync(
    maskFiles({ client: clientOf(lab), projectId: "poly1", maxPixels: 10 }),
  );
  assert.equal(files.length, 1);
  const { error } = files[0];
  assert.ok(error instanceof TaskError);
  assert.equal(error.setting, "maxPixels");
  assert.match(error.reason, SHAPES_REASON);
  assert.equal(error.message, `Task "big.jpg" (t1): ${error.reason} (options.maxPixels)`);
});

Deno.test("lab-masks export names --max-pixels after the reason of shapes above it (exit 1)", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [SHAPES] });
  const ran = await runCli(
    ["export", "--project-id=poly1", `--output-folder=${dir.path}`, "-o", "out", "--max-pixels=10"],
    labEnv(lab),
  );
  assert.equal(ran.code, 1, ran.stderr);
  const line = 'failed: "big\\.jpg" \\(t1\\): its mask cannot be read: its image is 4×4, ' +
    "above the pixel limit \\(--max-pixels\\)";
  assert.match(ran.stderr, new RegExp(`^${line}$`, "m"));
  assert.match(ran.stdout, new RegExp(`^ {2}${line}$`, "m"));
});
