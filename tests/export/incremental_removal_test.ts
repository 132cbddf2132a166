import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import type { Task } from "../../lib/api/types.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import type { ExportSummary } from "../../lib/model/export_summary.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

const COUNT = 5;
const FILTERS = { statusIn: ["complete"] };

function tasksOf(updatedAt: string): Task[] {
  const mask = encodeDataUri(
    writeMaskPng({ width: 1, height: 1, data: new Uint8Array([1, 0, 1]) }, { colourType: 2 }),
  );
  return Array.from({ length: COUNT }, (_, i) => ({
    ...maskTask(`t${i}`, `f${i}.jpg`, mask),
    status: "complete",
    updatedAt,
  }));
}

async function run(tasks: Task[], options: Partial<ExportMasksOptions>): Promise<ExportSummary> {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const exported = exportMasks({ client: clientOf(lab), projectId: "p1", ...options });
  return await withDeadline(exported, 30_000, "the export");
}

// Every other task comes back updated, so the one that left is the only entry not taken back:
// whichever place it has in the earlier manifest, it must be found and removed.
for (const [place, left] of [["the first", 0], ["a middle", 2], ["the last", COUNT - 1]] as const) {
  Deno.test(`an incremental export removes the task of ${place} entry of the earlier manifest when it alone leaves the filters`, async () => {
    await using dir = await tempDir();
    const folder = `${dir.path}/out`;
    await run(tasksOf("2024-12-01T00:00:00.000Z"), {
      outputFolder: dir.path,
      outputFilename: "out",
      filters: FILTERS,
    });
    const tasks = tasksOf(new Date().toISOString());
    tasks[left] = { ...tasks[left], status: "to-review" };
    const summary = await run(tasks, { incremental: folder, filters: FILTERS });
    assert.equal(summary.removed, 1);
    assert.deepEqual(
      (await listPngs(folder)).sort(),
      tasks.map((_, i) => `f${i}.jpg.png`).filter((file) => file !== `f${left}.jpg.png`),
    );
    const entries = (await Deno.readTextFile(`${folder}/manifest.jsonl`)).trim().split("\n")
      .map((line) => JSON.parse(line));
    assert.equal(entries.length, COUNT);
    assert.deepEqual(
      entries.filter((entry) => entry.outcome.startsWith("removed")).map((entry) => entry.taskId),
      [`t${left}`],
    );
  });
}
