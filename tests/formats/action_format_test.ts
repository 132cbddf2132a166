import assert from "../_std/assert.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runAction } from "../action/_composite.ts";
import { labInputs } from "../action/_fixtures.ts";
import { annotation, bodyTask, configurationOf, labOf, unzip } from "./_fixtures.ts";
import { BOOLEAN_INPUTS, readInputs } from "../../action/inputs.ts";
import type { ConfigError } from "../../lib/errors.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { layoutMask } from "../_fixtures/layout_masks.ts";

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

Deno.test("the Action reads stuff, coco-segmentation and polygon-tolerance into the export's settings", async () => {
  const inputs: Record<string, string> = {
    "access-id": "id",
    "secret-key": "key",
    endpoint: "https://lab.example/",
    "project-id": "p1",
    format: "mask",
    "mask-format": "panoptic",
    stuff: "road\nsky, grass",
    "coco-segmentation": "polygon",
    "polygon-tolerance": "0.5",
    ...Object.fromEntries(BOOLEAN_INPUTS.map((name) => [name, "false"])),
  };
  const names = Object.keys(inputs).map((name) => `INPUT_${name.toUpperCase()}`);
  try {
    for (const [name, value] of Object.entries(inputs)) {
      Deno.env.set(`INPUT_${name.toUpperCase()}`, value);
    }
    const { settings } = await readInputs();
    assert.deepEqual(
      [settings.maskFormat, settings.stuff, settings.cocoSegmentation, settings.polygonTolerance],
      ["panoptic", ["road", "sky", "grass"], "polygon", 0.5],
    );
    Deno.env.set("INPUT_POLYGON-TOLERANCE", "half");
    await assert.rejects(readInputs(), (error: ConfigError) => {
      assert.equal(error.setting, "polygonTolerance");
      return /is "half": give a number of pixels/.test(error.message);
    });
  } finally {
    for (const name of names) Deno.env.delete(name);
  }
});

Deno.test("the Action with format yolo-seg and mask-format panoptic writes their files", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), [
    bodyTask("t1", "a.jpg", { mask: encodeDataUri(writeMaskPng(layoutMask(), { colourType: 2 })) }),
  ]);
  const inputs = { ...labInputs(lab), "project-id": "seg", "output-folder": "out" };
  const seg = await runAction(
    { ...inputs, format: "yolo-seg", "polygon-tolerance": "0.5", "output-filename": "seg.zip" },
    { cwd: dir.path },
  );
  assert.equal(seg.code, 0, seg.stdout + seg.stderr);
  const labels = unzip(await Deno.readFile(`${dir.path}/out/seg.zip`)).get("labels/a.txt")!;
  assert.equal(labels.trim().split("\n").length, 10, labels);
  const panoptic = await runAction(
    { ...inputs, "mask-format": "panoptic", stuff: "road", "output-filename": "panoptic" },
    { cwd: dir.path },
  );
  assert.equal(panoptic.code, 0, panoptic.stdout + panoptic.stderr);
  const json = JSON.parse(await Deno.readTextFile(`${dir.path}/out/panoptic/panoptic.json`));
  assert.deepEqual(json.categories.map((category: { isthing: number }) => category.isthing), [
    1,
    1,
    0,
  ]);
});
