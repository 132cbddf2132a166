import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { maskFiles } from "../../lib/export/mask_files.ts";
import { parseIgnoreIndex } from "../../lib/export/ignore_index.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";

const OUT_OF_RANGE = [0, 256, 2.5, -1, Number.NaN];

/** A refusal of `ignoreIndex` in the library's own words. */
function isIgnoreIndexError(index: number) {
  return (error: unknown) =>
    error instanceof ConfigError && error.setting === "ignoreIndex" &&
    error.message.startsWith(
      `options.ignoreIndex is ${index}: give a whole number from 1 to 255, above the project's ` +
        "class indices, or leave it out for 255",
    );
}

Deno.test("exportMasks() refuses an ignore index outside 1..255 before any request or folder", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  for (const ignoreIndex of OUT_OF_RANGE) {
    for (const dryRun of [false, true]) {
      await assert.rejects(
        exportMasks({
          client: clientOf(lab),
          projectId: "p1",
          outputFolder: dir.path,
          maskFormat: "class-index",
          ignoreIndex,
          dryRun,
        }),
        isIgnoreIndexError(ignoreIndex),
      );
    }
  }
  assert.equal(lab.requests.length, 0, "no request for a bad ignore index");
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("maskFiles() refuses an ignore index outside 1..255 before any request", async () => {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  for (const ignoreIndex of OUT_OF_RANGE) {
    const files = maskFiles({
      client: clientOf(lab),
      projectId: "p1",
      maskFormat: "palette",
      ignoreIndex,
    });
    await assert.rejects(files.next(), isIgnoreIndexError(ignoreIndex));
  }
  assert.equal(lab.requests.length, 0);
});

Deno.test("parseIgnoreIndex() reads digits and leaves the range to the export", () => {
  assert.equal(parseIgnoreIndex("200"), 200);
  assert.equal(parseIgnoreIndex(" 7 "), 7);
  assert.equal(parseIgnoreIndex("300"), 300, "the export refuses it, in one place");
  for (const text of ["", "abc", "1.5", "-3", "0x10", "1e2"]) {
    assert.throws(
      () => parseIgnoreIndex(text),
      (error: unknown) =>
        error instanceof ConfigError && error.setting === "ignoreIndex" &&
        error.message.startsWith(`options.ignoreIndex is ${JSON.stringify(text)}: give a whole`),
      text,
    );
  }
});
