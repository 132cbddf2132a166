import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { type MaskFile, maskFiles } from "../../lib/export/mask_files.ts";
import type { MaskFormat } from "../../lib/export/mask_format.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

function mask(r: number, b: number): string {
  const data = new Uint8Array([0, 0, 0, r, r, b, r, r, b, 0, 0, 0]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 2, data }, { colourType: 6 }));
}

const PROJECT = segmentationProject("p1", [
  maskTask("t1", "a.jpg", mask(1, 1)),
  maskTask("t2", "A.jpg", mask(2, 2)),
  maskTask("t3", "no-mask.jpg"),
  maskTask("t4", "broken.jpg", "data:image/png;base64,AAAA"),
  maskTask("t5", "street/b.jpg", mask(3, 1)),
]);

Deno.test("maskFiles() yields the bytes and paths exportMasks() writes, without writing", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  await using dir = await tempDir();
  const yielded: MaskFile[] = [];
  for await (const file of maskFiles({ client: clientOf(lab), projectId: "p1" })) {
    yielded.push(file);
  }
  assert.deepEqual(await listPngs(dir.path), []);

  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: "p1",
    outputFolder: dir.path,
    outputFilename: "out",
  });
  const written = await listPngs(`${dir.path}/out`);
  const good = yielded.filter((file) => !file.error);
  assert.deepEqual(good.map((file) => file.path).sort(), written.sort());
  for (const file of good) {
    assertSameData(file.png, await Deno.readFile(`${dir.path}/out/${file.path}`), file.path);
  }
  assert.deepEqual(good.map((file) => file.task._id), ["t1", "t2", "t5"]);
  assert.equal(summary.exported, good.length);
});

Deno.test("maskFiles() reports a bad mask with its task and goes on with the others", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const files: MaskFile[] = [];
  for await (const file of maskFiles({ client: clientOf(lab), projectId: "p1" })) files.push(file);
  const failed = files.filter((file) => file.error);
  assert.equal(failed.length, 1);
  assert.equal(failed[0].task._id, "t4");
  assert.equal(failed[0].error?.taskId, "t4");
  assert.match(failed[0].error?.message ?? "", /cannot be read/);
  assert.equal(files.at(-1)?.task._id, "t5");
});

Deno.test("maskFiles() renders the other mask formats and refuses an unknown one", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const paths: string[] = [];
  for await (
    const file of maskFiles({ client: clientOf(lab), projectId: "p1", maskFormat: "binary" })
  ) {
    if (!file.error) paths.push(file.path);
  }
  assert.deepEqual(paths, ["a.jpg/car.png", "A.jpg__t2/person.png", "street/b.jpg/car.png"]);
  const unknown = maskFiles({
    client: clientOf(lab),
    projectId: "p1",
    maskFormat: "x" as MaskFormat,
  });
  await assert.rejects(
    () => unknown.next(),
    /mask format "x" is unknown/,
  );
});
