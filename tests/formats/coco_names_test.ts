import assert from "../_std/assert.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { parseManifest } from "../../lib/model/manifest.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { bodyTask, cocoShards, configurationOf, labOf, runCocoExport } from "./_fixtures.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 1, 1, 0, 0, 0]) }, {
    colourType: 2,
  }),
);

// Tasks 1 and 8 of the demo project share a name; a third differs only by case; one has no mask.
const TASKS = [
  bodyTask("t1", "street/a.jpg", { mask: MASK }),
  bodyTask("t2", "b.jpg"),
  bodyTask("t8", "street/a.jpg", { mask: MASK }),
  bodyTask("t9", "street/A.jpg", { mask: MASK }),
  bodyTask("t10", "b.jpg", { mask: MASK }),
  bodyTask("t11", "../up.jpg", { mask: MASK }),
];

Deno.test("export --format coco gives no two images one file_name: a duplicate is named as its mask", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), TASKS);
  const ran = await runCocoExport(lab, "seg", { folder: dir.path, name: "seg.json" }, ["--json"]);
  // The task whose name climbs out of the folder fails, as its mask would.
  assertEquals(ran.code, 1, ran.stderr);
  const summary = JSON.parse(ran.stdout);
  assertEquals(summary.failures.map((task: { taskId: string }) => task.taskId), ["t11"]);
  assert(summary.failures[0].reason.includes('".."'), summary.failures[0].reason);
  const coco = JSON.parse(await Deno.readTextFile(`${dir.path}/seg.json`));
  const names = coco.images.map((image: { file_name: string }) => image.file_name);
  assertEquals(names, ["street/a.jpg", "street/a.jpg__t8", "street/A.jpg__t9", "b.jpg"]);
  // The task without a mask claims no name: t10 keeps "b.jpg".
  assertEquals(
    summary.renamed.map((
      task: Record<string, string>,
    ) => [task.taskId, task.file, task.renamedFrom]),
    [["t8", "street/a.jpg__t8", "street/a.jpg"], ["t9", "street/A.jpg__t9", "street/A.jpg"]],
  );
  assert(
    summary.renamed[0].renameReason.includes("taken by task t1"),
    summary.renamed[0].renameReason,
  );

  // The same names as the mask export gives the same tasks' masks, less ".png".
  const masks = await exportMasks({
    client: clientOf(lab),
    projectId: "seg",
    outputFolder: dir.path,
    outputFilename: "masks",
  });
  const manifest = parseManifest(await Deno.readTextFile(masks.manifest!), "manifest", "resume");
  const maskNames = manifest.filter((entry) => entry.path !== undefined)
    .map((entry) => [entry.taskId, entry.path!.slice(0, -".png".length)]);
  assertEquals(
    coco.images.map((image: Record<string, string>) => [image.lab_task_id, image.file_name]),
    maskNames,
  );
});

Deno.test("exportMasks() with format coco names images alike in every shard", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), TASKS.slice(0, 5));
  const nameOf = new Map<string, string>();
  for (const coco of await cocoShards(lab, "seg", { folder: dir.path, count: 3 })) {
    for (const image of coco.images) nameOf.set(image.lab_task_id, image.file_name);
  }
  assertEquals(
    [...nameOf].sort(),
    [["t1", "street/a.jpg"], ["t10", "b.jpg"], ["t8", "street/a.jpg__t8"], [
      "t9",
      "street/A.jpg__t9",
    ]],
  );
});
