import assert from "../_std/assert.ts";
import { ExportFileSource } from "../../lib/api/export_file_source.ts";
import type { TaskFilters } from "../../lib/api/types.ts";
import type { TaskSource } from "../../lib/api/task_source.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const PROJECT = sampleProject("p1", 15);

// The fake lab and the offline source filter with separate code (each its own reading of the
// lab API spec), so where they disagree, one of them has a rule wrong.
const CASES: [string, TaskFilters, number[]][] = [
  ["batches", { batchIdIn: ["batch_b"] }, [1, 3, 5, 7, 9, 11, 13]],
  ["statuses", { statusIn: ["reviewed", "to-review"] }, [1, 2, 4, 5, 7, 8, 10, 11, 13, 14]],
  ["task ids", { taskIdIn: ["task_0003", "task_0000"] }, [0, 3]],
  ["names", { nameIn: ["street/frame_0004.jpg"] }, [4]],
  ["a name part", { nameLike: "frame_001" }, [10, 11, 12, 13, 14]],
  ["created after, SDK date", { createdAtGt: "2024-12-10 09:30:00" }, [10, 11, 12, 13, 14]],
  ["created from", { createdAtGte: "2024-12-10 09:30:00" }, [9, 10, 11, 12, 13, 14]],
  ["created before a day", { createdAtLt: "2024-12-03" }, [0, 1]],
  ["created by, ISO with offset", { createdAtLte: "2024-12-02T10:30:00+01:00" }, [0, 1]],
  ["updated in a range", { updatedAtGt: "2024-12-05", updatedAtLt: "2024-12-08" }, [3, 4, 5]],
  ["a data path", { data: { "body.image.width": "105" } }, [5]],
  ["a property and a status", { properties: { camera: "rear" }, statusIn: ["complete"] }, [3, 9]],
  ["nothing", {}, Array.from({ length: 15 }, (_, i) => i)],
];

Deno.test("the fake lab and the offline source select the same tasks for every filter", async (t) => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  await using dir = await tempDir();
  const offline = await offlineSource(PROJECT, dir.path, 4);
  for (const [name, filters, expected] of CASES) {
    await t.step(name, async () => {
      const wanted = expected.map((i) => `task_${String(i).padStart(4, "0")}`);
      assert.deepEqual(await idsOf(clientOf(lab), filters), wanted, "the fake lab");
      assert.deepEqual(await idsOf(offline, filters), wanted, "the offline source");
    });
  }
});

/** The project as the offline source reads it: its tasks and configuration written to files. */
async function offlineSource(project: typeof PROJECT, folder: string, pageSize: number) {
  const exportFile = `${folder}/tasks.json`;
  const configFile = `${folder}/config.json`;
  await Deno.writeTextFile(exportFile, JSON.stringify(project.tasks));
  await Deno.writeTextFile(configFile, JSON.stringify(project.configuration));
  return new ExportFileSource({ exportFile, configFile, pageSize });
}

async function idsOf(source: TaskSource, filters: TaskFilters, project = "p1"): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of source.taskPages(project, filters)) {
    ids.push(...page.docs.map((task) => task._id));
  }
  return ids;
}

Deno.test("the fake lab and the offline source leave out a task whose date is no date or whose name is no string, for every date filter and a name part", async (t) => {
  // Export files are edited by hand and by scripts: a number, an object, a word where a date is.
  const project = sampleProject("p2", 5);
  const dates: unknown[] = [1733000000000, { $date: "2024-12-05" }, "yesterday", null];
  project.tasks.forEach((task, i) => {
    if (i < dates.length) {
      Object.assign(task, { createdAt: dates[i], updatedAt: dates[i], name: dates[i] });
    }
  });
  await using lab = await startFakeLab({ projects: [project] });
  await using dir = await tempDir();
  const offline = await offlineSource(project, dir.path, 2);
  const filters: TaskFilters[] = [
    { createdAtGte: "2000-01-01" },
    { createdAtLt: "2100-01-01" },
    { updatedAtGt: "2000-01-01" },
    { updatedAtLte: "2100-01-01" },
    { nameLike: "frame" },
  ];
  for (const filter of filters) {
    await t.step(JSON.stringify(filter), async () => {
      assert.deepEqual(await idsOf(clientOf(lab), filter, "p2"), ["task_0004"], "the fake lab");
      assert.deepEqual(await idsOf(offline, filter, "p2"), ["task_0004"], "the offline source");
    });
  }
});
