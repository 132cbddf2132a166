import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { formatSummary } from "../../lib/output/format_summary.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { unzip } from "../formats/_fixtures.ts";

/** Task `i`: a 4×4 mask with a 2×2 block of bChannel `1 + i % 3`, and every fourth task a
 * second block of bChannel `1 + (i + 1) % 3`; every seventh task has no mask. */
function tasksOf(count: number): Task[] {
  return Array.from({ length: count }, (_, i) => {
    if (i % 7 === 6) return maskTask(`t${i}`, `f${i}.jpg`);
    const data = new Uint8Array(4 * 4 * 3);
    const block = (x0: number, y0: number, id: number, b: number) => {
      for (let y = y0; y < y0 + 2; y++) {
        for (let x = x0; x < x0 + 2; x++) data.set([id, id, b], (y * 4 + x) * 3);
      }
    };
    block(0, 0, 1, 1 + (i % 3));
    if (i % 4 === 0) block(2, 2, 2, 1 + ((i + 1) % 3));
    const png = writeMaskPng({ width: 4, height: 4, data }, { colourType: 2 });
    return maskTask(`t${i}`, `f${i}.jpg`, encodeDataUri(png));
  });
}

async function run(tasks: Task[], options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const exported = exportMasks({ client: clientOf(lab), projectId: "p1", ...options });
  return await withDeadline(exported, 60_000, "the export");
}

/** Per split, per label, how many tasks show it: counted from what the files hold. */
type Counts = Record<string, Record<string, number>>;

function add(counts: Counts, split: string, labels: Set<string>) {
  counts[split] ??= {};
  for (const label of labels) counts[split][label] = (counts[split][label] ?? 0) + 1;
}

const TASKS = tasksOf(30);
const SPLIT = "train=60,val=40";

Deno.test("split coco and yolo-seg exports count each split's tasks per label, as their files show; lab counts tasks only", async () => {
  await using dir = await tempDir();
  const options = { outputFolder: dir.path, split: SPLIT };

  const coco = await run(TASKS, { ...options, format: "coco", outputFilename: "c.json" });
  const fromCoco: Counts = {};
  for (const split of ["train", "val"]) {
    const json = JSON.parse(await Deno.readTextFile(`${dir.path}/c_${split}.json`));
    const name = new Map(json.categories.map((c: { id: number; name: string }) => [c.id, c.name]));
    for (const image of json.images) {
      const shown = json.annotations.filter((a: { image_id: number }) => a.image_id === image.id)
        .map((a: { category_id: number }) => name.get(a.category_id) as string);
      add(fromCoco, split, new Set(shown));
    }
  }
  assert.deepEqual(Object.keys(fromCoco.train).length, 3, "every label shows in train");
  for (const split of ["train", "val"]) {
    assert.deepEqual(coco.splits![split].labels, sorted(fromCoco[split]), split);
  }

  const yolo = await run(TASKS, { ...options, format: "yolo-seg", outputFilename: "y.zip" });
  // One zip holds both splits' label folders, as with format yolo.
  assert.equal(yolo.file, `${dir.path}/y.zip`);
  assert.equal(yolo.splitFiles, undefined);
  const zip = unzip(await Deno.readFile(yolo.file!));
  const names = /names: \[(.*)\]/.exec(zip.get("data.yaml")!)![1].split(",")
    .map((name) => name.replace(/^'|'$/g, ""));
  const fromYolo: Counts = {};

  for (const [path, text] of zip) {
    const split = /^labels\/([^/]+)\//.exec(path)?.[1];
    if (split === undefined) continue;
    const shown = text.split("\n").filter(Boolean).map((line) => names[Number(line.split(" ")[0])]);
    add(fromYolo, split, new Set(shown));
  }
  for (const split of ["train", "val"]) {
    assert.deepEqual(yolo.splits![split].labels, sorted(fromYolo[split]), split);
  }
  // The same tasks per label, whichever file holds them.
  assert.deepEqual(fromYolo, fromCoco);
  const printed = formatSummary(yolo).join("\n");
  const train = yolo.splits!.train;
  const [top] = Object.entries(train.labels).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  assert.match(
    printed,
    new RegExp(
      `train: ${train.tasks} tasks \\([\\d.]+%\\); ${top[0]} ${
        (top[1] / train.tasks * 100).toFixed(1)
      }%`,
    ),
  );

  // lab writes the tasks as the lab gives them and reads no mask: tasks only.
  const lab = await run(TASKS, { ...options, format: "lab", outputFilename: "l.json" });
  for (const split of ["train", "val"]) {
    assert.ok(lab.splits![split].tasks >= coco.splits![split].tasks, split);
    assert.deepEqual(lab.splits![split].labels, {});
  }
});

/** Keys sorted, as the summary sorts them. */
function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a < b ? -1 : 1));
}
