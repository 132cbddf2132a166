import assert from "../_std/assert.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runAction } from "../action/_composite.ts";
import { labInputs } from "../action/_fixtures.ts";
import { annotation, bodyTask, configurationOf, labOf, unzip } from "./_fixtures.ts";

Deno.test("the Action with format yolo writes the zip and names it in output-path", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("boxes", "iat-rectangle"), [
    bodyTask("t1", "a.jpg", {
      annotations: [annotation("a1", ["car"], [{ type: "rectangle", vertices: [0, 0, 0.5, 1] }])],
    }),
  ]);
  const inputs = {
    ...labInputs(lab),
    "project-id": "boxes",
    "output-folder": "out",
    format: "yolo",
  };
  const run = await runAction({ ...inputs, "output-filename": "boxes.zip" }, { cwd: dir.path });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const file = await Deno.realPath(`${dir.path}/out/boxes.zip`);
  assert.equal(run.outputs["output-path"], file);
  assert.equal(run.outputs["exported-count"], "1");
  assert.equal(unzip(await Deno.readFile(file)).get("labels/a.jpg.txt"), "1 0.25 0.5 0.5 1\n");

  const refused = await runAction(
    { ...inputs, "output-filename": "other.zip", "mask-format": "palette" },
    { cwd: dir.path },
  );
  assert.equal(refused.code, 1);
  assert.match(
    refused.stdout + refused.stderr,
    /"mask-format" is not supported with "format" yolo/,
  );
});
