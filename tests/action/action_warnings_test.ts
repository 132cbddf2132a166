import assert from "../_std/assert.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runAction } from "./_composite.ts";
import { annotations, labInputs, masksIn } from "./_fixtures.ts";

Deno.test("the Action exports a mask of another size than its image and annotates the warning", async () => {
  await using dir = await tempDir();
  const small = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 0, 0, 0]) };
  const task = maskTask("t1", "a.jpg", encodeDataUri(writeMaskPng(small, { colourType: 2 })));
  task.data!.body!.image = { width: 4, height: 2 };
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [task])] });
  const run = await runAction(
    { ...labInputs(lab), "project-id": "p1", "output-filename": "out" },
    { cwd: dir.path },
  );
  assert.equal(run.code, 0, run.stdout);
  assert.deepEqual(await masksIn(`${dir.path}/out`), ["a.jpg.png"]);
  assert.deepEqual(annotations(run, "warning"), [
    '::warning title=Mask exported with a warning::Task "a.jpg" (t1): the mask is 2×1 but the ' +
    "task's image is 4×2; it was exported at its own size",
  ]);
  assert.equal(run.outputs["exported-count"], "1");
});
