/**
 * A split that gets no task still gets its file in the formats with a file per split (`lab`,
 * `coco`): every split has its file, and none is left from an earlier export.
 */
import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { exportFormat } from "../../lib/export/export_format.ts";
import { parseSplit, splitOf } from "../../lib/model/split_plan.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";

const SPLIT = "train=50,val=25,test=25";

/** A 2×1 mask: one instance of the configuration's second class, then background. */
const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 1, 2, 0, 0, 0]) }, {
    colourType: 2,
  }),
);

Deno.test("lab and coco write an empty file for a split that got no task, replacing an earlier one with overwrite", async (t) => {
  await using dir = await tempDir();
  // Four tasks, none of them in one of the splits (by the documented rule).
  const plan = parseSplit(SPLIT);
  const tasks = Array.from({ length: 40 }, (_, i) => maskTask(`t${i}`, `${i}.jpg`, MASK));
  const splits = tasks.map((task) => splitOf(String(task._id), plan));
  const empty = plan.parts.map(({ name }) => name).find((name) =>
    splits.filter((s) => s === name).length > 3
  )!;
  const chosen = tasks.filter((_, i) => splits[i] !== empty).slice(0, 4);
  assert.ok(empty !== undefined && chosen.length === 4);
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", chosen)] });
  for (const format of ["lab", "coco"] as const) {
    await t.step(format, async () => {
      const options = {
        client: clientOf(lab),
        projectId: "p1",
        format,
        outputFolder: dir.path,
        outputFilename: `${format}.json`,
        split: SPLIT,
      };
      const emptyFile = `${dir.path}/${format}_${empty}.json`;
      await Deno.writeTextFile(emptyFile, "an earlier export's file");
      const planned = await exportFormat({ ...options, dryRun: true, overwrite: true });
      assert.equal(planned.splitFiles?.[empty], undefined, "a dry run writes nothing");
      assert.equal(await Deno.readTextFile(emptyFile), "an earlier export's file");
      const summary = await exportFormat({ ...options, overwrite: true });
      assert.equal(summary.exported, 4);
      assert.deepEqual(Object.keys(summary.splitFiles!).sort(), ["test", "train", "val"]);
      assert.equal(summary.splitFiles![empty], emptyFile);
      const json = JSON.parse(await Deno.readTextFile(emptyFile));
      if (format === "lab") assert.deepEqual(json, []);
      else {
        const full = plan.parts.map(({ name }) => name).find((name) => name !== empty)!;
        const other = JSON.parse(await Deno.readTextFile(`${dir.path}/coco_${full}.json`));
        assert.deepEqual(json.images, []);
        assert.deepEqual(json.annotations, []);
        assert.deepEqual(json.categories, other.categories);
        assert.deepEqual(Object.keys(json), Object.keys(other));
      }
    });
  }
  const files = await listFiles(dir.path);
  assert.equal(files.filter((name) => name.startsWith(".")).length, 0, files.join());
});
