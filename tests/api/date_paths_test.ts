/**
 * The date paths of an export (filters sent to the lab, the offline filter, the incremental
 * watermark), whose results must not depend on the machine's time zone: `time_zones_test.ts` runs
 * this file again under `TZ=America/New_York` and `TZ=Asia/Tokyo`.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { segmentationConfiguration } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { OFFSET_BY_TIME_ZONE } from "../_fixtures/time_zones.ts";
import { variedMaskTasks } from "../reliability/_fixtures.ts";
import type { Task } from "../../lib/api/types.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";

const DATES = [
  ["2024-12-20T09:00:00.000Z", "2024-12-25T09:50:00.000Z"],
  ["2024-12-20T11:00:00.000Z", "2024-12-25T09:57:00.000Z"],
  ["2024-12-21T00:30:00.000Z", "2024-12-25T10:00:00.000Z"],
  ["2024-12-21T23:30:00.000Z", "2024-12-26T00:00:00.000Z"],
];
const TASKS: Task[] = variedMaskTasks(DATES.length).map((task, i) => ({
  ...task,
  createdAt: DATES[i][0],
  updatedAt: DATES[i][1],
}));
const CONFIGURATION = segmentationConfiguration("p1");
// Zone-less dates, meant as UTC: created from 10:00 on the 20th to noon on the 21st (tasks 1, 2).
const CREATED = [
  "--created-at-gte",
  "2024-12-20T10:00:00",
  "--created-at-lt",
  "2024-12-21 12:00:00",
];

/** The flags that export into `<folder>/out`. */
function into(folder: string): string[] {
  return ["--output-folder", folder, "--output-filename", "out"];
}

function tasksSent(lab: FakeLab, key: string): string[][] {
  return lab.requests.filter((request) => request.path.endsWith("/api/task-manager/tasks"))
    .map((request) => request.query.getAll(key));
}

Deno.test("the machine's time zone is the one TZ names", () => {
  const zone = Deno.env.get("TZ");
  if (zone === undefined || !(zone in OFFSET_BY_TIME_ZONE)) return;
  assert.equal(new Date(2024, 11, 25).getTimezoneOffset(), OFFSET_BY_TIME_ZONE[zone]);
});

Deno.test("date filters reach the lab as given and select the same tasks in any time zone", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [{ configuration: CONFIGURATION, tasks: TASKS }],
  });
  const ran = await runCli(
    ["export", "--project-id", "p1", ...into(dir.path), ...CREATED],
    labEnv(lab),
  );
  assert.equal(ran.code, 0, ran.stderr);
  assert.deepEqual(tasksSent(lab, "createdAt"), [[
    ">=2024-12-20T10:00:00",
    "<2024-12-21 12:00:00",
  ]]);
  assert.deepEqual(await listPngs(`${dir.path}/out`), ["scene/1.jpg.png", "scene/2.jpg.png"]);
});

Deno.test("offline date filters read zone-less dates as UTC in any time zone", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(`${dir.path}/tasks.json`, JSON.stringify(TASKS));
  await Deno.writeTextFile(`${dir.path}/config.json`, JSON.stringify(CONFIGURATION));
  const source = ["--from-export", `${dir.path}/tasks.json`, "--config", `${dir.path}/config.json`];
  const ran = await runCli(["export", ...source, ...into(dir.path), ...CREATED]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.deepEqual(await listPngs(`${dir.path}/out`), ["scene/1.jpg.png", "scene/2.jpg.png"]);
});

Deno.test("an incremental export compares its watermark with the user's date in UTC", async (t) => {
  // The earlier export started at 10:05 UTC: the watermark is 09:55 UTC, ten minutes before.
  for (
    const [given, sent] of [
      ["2024-12-25T09:58:00", ">=2024-12-25T09:58:00"],
      ["2024-12-25T09:50:00", ">=2024-12-25 09:55:00"],
      ["2024-12-25 09:50:00", ">=2024-12-25 09:55:00"],
    ]
  ) {
    await t.step(`--updated-at-gte ${given} asks ${sent}`, async () => {
      await using dir = await tempDir();
      await using lab = await startFakeLab({
        projects: [{ configuration: CONFIGURATION, tasks: TASKS }],
      });
      const filter = ["--project-id", "p1", "--updated-at-gte", given];
      const first = await runCli(["export", ...filter, ...into(dir.path)], labEnv(lab));
      assert.equal(first.code, 0, first.stderr);
      const metadataFile = `${dir.path}/out/export.json`;
      const metadata = JSON.parse(await Deno.readTextFile(metadataFile));
      await Deno.writeTextFile(
        metadataFile,
        JSON.stringify({ ...metadata, startedAt: "2024-12-25T10:05:00.000Z" }),
      );
      lab.requests.length = 0;
      const update = await runCli(
        ["export", ...filter, "--incremental", `${dir.path}/out`],
        labEnv(lab),
      );
      assert.equal(update.code, 0, update.stderr);
      assert.deepEqual(tasksSent(lab, "updatedAt"), [[sent]]);
    });
  }
});
