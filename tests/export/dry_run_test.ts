import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { basename, dirname } from "node:path";
import { clientOf } from "../_fixtures/lab_client.ts";
import type { Task } from "../../lib/api/types.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import type { TaskOutcome } from "../../lib/model/export_summary.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type RecordedRequest, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { folderState, tempDir } from "../_fixtures/temp_dir.ts";
import { expectedWatermark, startedAtOf } from "../_fixtures/watermark.ts";

function maskOf(id: number, bChannel: number): string {
  const data = new Uint8Array([id, id % 255, bChannel, 0, 0, 0]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 1, data }, { colourType: 2 }));
}

const EARLIER = "2024-12-01T00:00:00.000Z";

/** 20 complete tasks, each with a mask and its own name. */
function earlierTasks(): Task[] {
  return Array.from({ length: 20 }, (_, i) => ({
    ...maskTask(`t${i}`, `f${i}.jpg`, maskOf(1 + i, 1)),
    status: "complete",
    updatedAt: EARLIER,
  }));
}

/** The tasks after some changes: new masks, one leaves the filter, one loses its mask, one new. */
function updatedTasks(): Task[] {
  const tasks = earlierTasks();
  const now = new Date().toISOString();
  tasks[2] = { ...tasks[2], updatedAt: now, data: { body: { mask: maskOf(9, 2) } } };
  tasks[3] = { ...tasks[3], updatedAt: now, data: { body: { mask: maskOf(8, 3) } } };
  tasks[4] = { ...tasks[4], updatedAt: now, status: "to-review" };
  tasks[5] = { ...tasks[5], updatedAt: now, data: undefined };
  // A new task whose name an earlier task's file has: the plan must know the earlier names.
  tasks.push({ ...maskTask("t20", "f2.jpg", maskOf(4, 1)), status: "complete", updatedAt: now });
  return tasks;
}

/** Runs an export against a fake lab serving `tasks`; collects each task's outcome. */
async function run(tasks: Task[], options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const outcomes: TaskOutcome[] = [];
  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: "p1",
    filters: { statusIn: ["complete"] },
    ...options,
    onProgress: (event) => event.type === "task" && outcomes.push(event.outcome),
  });
  return { summary, outcomes, requests: lab.requests as RecordedRequest[] };
}

/** Task id → the file a task was planned to, or written to. */
function filesByTask(outcomes: TaskOutcome[], status: TaskOutcome["status"]) {
  return new Map(
    outcomes.filter((outcome) => outcome.status === status).map((o) => [o.taskId, o.file]),
  );
}

Deno.test("an incremental dry run reads the earlier export, plans what the real update does, and changes nothing", async () => {
  await using dir = await tempDir();
  const out = `${dir.path}/out`;
  await run(earlierTasks(), { outputFolder: dir.path, outputFilename: "out" });
  const before = await folderState(dir.path);
  const tasks = updatedTasks();

  const dry = await run(tasks, { incremental: out, dryRun: true });
  assert.deepEqual(await folderState(dir.path), before, "the dry run changed the folder");
  const pages = dry.requests.filter((request) => request.path.endsWith("/tasks"));
  assert.deepEqual(pages[0].query.getAll("updatedAt"), [expectedWatermark(await startedAtOf(out))]);
  const { summary } = dry;
  assert.equal(summary.dryRun, true);
  assert.equal(summary.folderCreated, false);
  assert.deepEqual(
    [summary.total, summary.planned, summary.skipped, summary.removed, summary.carried],
    [4, 3, 1, 1, 16],
  );
  const planned = filesByTask(dry.outcomes, "planned");
  assert.deepEqual(
    planned,
    new Map([["t2", "f2.jpg.png"], ["t3", "f3.jpg.png"], ["t20", "f2.jpg__t20.png"]]),
  );

  const real = await run(tasks, { incremental: out });
  assert.deepEqual(filesByTask(real.outcomes, "exported"), planned, "the plan was the real run's");
  assert.deepEqual(
    [real.summary.skipped, real.summary.removed, real.summary.carried],
    [summary.skipped, summary.removed, summary.carried],
  );
});

Deno.test("a resumed dry run plans the earlier export's file names, as the real resume keeps them, and changes nothing", async () => {
  await using dir = await tempDir();
  await run(earlierTasks(), { outputFolder: dir.path, outputFilename: "out" });
  const before = await folderState(dir.path);
  // The earlier file names hold: t1's file keeps its name, and a new task may not take it.
  const tasks = earlierTasks();
  tasks[1] = { ...tasks[1], name: "renamed.jpg" };
  tasks.push({
    ...maskTask("t20", "f1.jpg", maskOf(4, 1)),
    status: "complete",
    updatedAt: EARLIER,
  });
  const options = { outputFolder: dir.path, outputFilename: "out", resume: true };

  const dry = await run(tasks, { ...options, dryRun: true });
  assert.deepEqual(await folderState(dir.path), before, "the dry run changed the folder");
  assert.equal(dry.summary.planned, 21);
  const planned = filesByTask(dry.outcomes, "planned");
  assert.equal(planned.get("t1"), "f1.jpg.png");
  assert.equal(planned.get("t20"), "f1.jpg__t20.png");

  const real = await run(tasks, options);
  const written = new Map([
    ...filesByTask(real.outcomes, "kept"),
    ...filesByTask(real.outcomes, "exported"),
  ]);
  assert.deepEqual([real.summary.kept, real.summary.exported], [20, 1]);
  assert.deepEqual(written, planned, "the plan was the real run's");
});

Deno.test("a dry run of an update refuses a folder without an export as the real run does, writing nothing", async () => {
  await using dir = await tempDir();
  const before = await folderState(dir.path);
  const refusals: string[] = [];
  for (const dryRun of [true, false]) {
    await assert.rejects(
      run(earlierTasks(), { incremental: dir.path, dryRun }),
      (error: unknown) => {
        refusals.push(String(error));
        return error instanceof ConfigError && error.setting === "incremental";
      },
    );
    if (dryRun) assert.deepEqual(await folderState(dir.path), before);
  }
  assert.match(refusals[0], /holds no complete export \(no manifest\.jsonl\)/);
  assert.equal(refusals[0], refusals[1]);
});

Deno.test("a resume or an update of a folder that is not there is refused as such, dry run or not, making nothing", async (t) => {
  await using dir = await tempDir();
  const gone = `${dir.path}/gone`;
  const before = await folderState(dir.path);
  const cases: [string, Partial<ExportMasksOptions>, RegExp][] = [
    [
      "resume",
      { outputFolder: dir.path, outputFilename: "gone", resume: true },
      /^Cannot resume ".*gone": there is no such folder; give the options\.outputFolder and options\.outputFilename of the interrupted export$/,
    ],
    [
      "incremental",
      { incremental: gone },
      /^Cannot update ".*gone" incrementally: there is no such folder; give options\.incremental the folder of an earlier export or its manifest\.jsonl$/,
    ],
  ];
  for (const [setting, options, reason] of cases) {
    await t.step(setting, async () => {
      for (const dryRun of [true, false]) {
        await assert.rejects(run(earlierTasks(), { ...options, dryRun }), (error: unknown) => {
          assert.ok(error instanceof ConfigError && error.setting === setting, String(error));
          assert.match(error.message, reason);
          return true;
        });
        assert.deepEqual(await folderState(dir.path), before);
      }
    });
  }
});

Deno.test(
  "a folder without an earlier export is refused as such before it is walked (a link in it is not the reason)",
  {
    ignore: Deno.build.os === "windows",
  },
  async () => {
    await using dir = await tempDir();
    await Deno.symlink("/etc/hostname", `${dir.path}/link.png`);
    const cases: [Partial<ExportMasksOptions>, string][] = [
      [{ incremental: dir.path }, "incrementally: it holds no complete export (no manifest.jsonl)"],
      [
        { outputFolder: dirname(dir.path), outputFilename: basename(dir.path), resume: true },
        ": it holds no export manifest",
      ],
    ];
    for (const [options, reason] of cases) {
      await assert.rejects(run(earlierTasks(), options), errorWith(ConfigError, reason));
    }
  },
);

Deno.test("a dry run with overwrite refuses the folders the real run refuses, changing nothing", async (t) => {
  const cases: [string, (folder: string) => Promise<void>, RegExp][] = [
    [
      "a file",
      (folder) => Deno.writeTextFile(folder, "notes\n"),
      /^Refusing the path ".*out": it is a file, where the export folder should be$/,
    ],
    [
      "a folder that holds no export",
      async (folder) => {
        await Deno.mkdir(folder);
        await Deno.writeTextFile(`${folder}/notes.txt`, "notes\n");
      },
      /^Will not overwrite ".*out": it is not an export folder of this tool/,
    ],
  ];
  for (const [what, make, reason] of cases) {
    await t.step(what, async () => {
      await using dir = await tempDir();
      await make(`${dir.path}/out`);
      const before = await folderState(dir.path);
      const refusals: string[] = [];
      for (const dryRun of [true, false]) {
        const options = { outputFolder: dir.path, outputFilename: "out", overwrite: true, dryRun };
        await assert.rejects(run(earlierTasks(), options), (error: unknown) => {
          assert.ok(error instanceof ConfigError, String(error));
          assert.match(error.message, reason);
          refusals.push(error.message);
          return true;
        });
        // The real run's probe touches the folder above (its time), never what it refuses.
        const below = (state: Map<string, string>) => [...state].filter(([path]) => path !== ".");
        const after = await folderState(dir.path);
        if (dryRun) assert.deepEqual(after, before);
        else assert.deepEqual(below(after), below(before));
      }
      assert.equal(refusals[0], refusals[1]);
    });
  }
});
