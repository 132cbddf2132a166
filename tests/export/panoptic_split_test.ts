import assert from "../_std/assert.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { maskTask, segmentationProject } from "../../testing/lab_projects.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { blobMask, layoutMask } from "../_fixtures/layout_masks.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const TASKS = Array.from({ length: 8 }, (_, i) =>
  maskTask(
    `t${i}`,
    `f${i}.jpg`,
    encodeDataUri(writeMaskPng(i % 2 ? blobMask() : layoutMask(), { colourType: 2 })),
  ));

interface PanopticFile {
  categories: unknown[];
  images: { id: number; lab_task_id: string; split?: string }[];
  annotations: { image_id: number; file_name: string }[];
}

async function readJson(path: string): Promise<PanopticFile> {
  return JSON.parse(await Deno.readTextFile(path));
}

Deno.test("a split panoptic export writes panoptic_<split>.json per split, each with its own images and masks; verify accepts them", async () => {
  await using dir = await tempDir();
  const now = new Date("2026-12-01T10:00:00Z");
  const options = { maskFormat: "panoptic" as const, split: "train=50,val=50", now };
  await exportOnce(segmentationProject("p1", TASKS), `${dir.path}/a`, options);
  await exportOnce(segmentationProject("p1", TASKS), `${dir.path}/b`, options);
  const folder = `${dir.path}/a/out`;

  // Each task's split, from the manifest.
  const splitOf = new Map<string, string>();
  for (const line of (await Deno.readTextFile(`${folder}/manifest.jsonl`)).split("\n")) {
    if (line.trim() === "") continue;
    const entry = JSON.parse(line);
    if (entry.outcome === "exported") splitOf.set(entry.taskId, entry.split);
  }
  assert.equal(splitOf.size, TASKS.length);
  const whole = await readJson(`${folder}/panoptic.json`);
  const seen: string[] = [];
  for (const split of ["train", "val"]) {
    const file = await readJson(`${folder}/panoptic_${split}.json`);
    assert.deepEqual(file.categories, whole.categories);
    const expected = [...splitOf].filter(([, name]) => name === split).map(([id]) => id);
    assert.deepEqual(file.images.map((image) => image.lab_task_id).sort(), expected.sort());
    // Ids from 1 in each file; each annotation names its image's mask, in the split's folder.
    assert.deepEqual(file.images.map((image) => image.id), expected.map((_, i) => i + 1));
    assert.deepEqual(file.annotations.map((a) => a.image_id), expected.map((_, i) => i + 1));
    for (const annotation of file.annotations) {
      assert(annotation.file_name.startsWith(`${split}/`), annotation.file_name);
      assert((await Deno.stat(`${folder}/${annotation.file_name}`)).isFile);
    }
    assert(file.images.every((image) => image.split === undefined));
    seen.push(...expected);
  }
  assert.deepEqual(seen.sort(), [...splitOf.keys()].sort());
  // Run twice: the same bytes.
  for (const name of ["panoptic.json", "panoptic_train.json", "panoptic_val.json"]) {
    assert.equal(
      await Deno.readTextFile(`${dir.path}/b/out/${name}`),
      await Deno.readTextFile(`${folder}/${name}`),
      name,
    );
  }

  const verified = await runCli(["verify", folder]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  // A panoptic file of a split the export does not have is unlisted.
  await Deno.writeTextFile(`${folder}/panoptic_test.json`, "{}");
  const planted = await runCli(["verify", folder]);
  assert.equal(planted.code, 1, planted.stderr);
  assert.match(planted.stdout, /unlisted: "panoptic_test\.json"/);
});
