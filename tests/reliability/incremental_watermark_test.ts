import assert from "../_std/assert.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { expectedWatermark, startedAtOf } from "../_fixtures/watermark.ts";
import { envFor, runCli, variedMaskTasks } from "./_fixtures.ts";

// README, "Incremental exports": the update asks for the tasks updated at or after the earlier
// export's start less 10 minutes, in UTC whatever the machine's time zone.

for (const zone of ["UTC", "Pacific/Kiritimati", "America/St_Johns"]) {
  Deno.test(`--incremental asks the lab for the exact UTC updatedAt watermark, with TZ=${zone}`, async () => {
    await using dir = await tempDir();
    const tasks = variedMaskTasks(3).map((task) => ({
      ...task,
      updatedAt: "2024-12-01T00:00:00Z",
    }));
    await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
    const env = { ...envFor(lab), TZ: zone };
    const first = await withDeadline(
      runCli(["export", "--project-id", "p1", "--output-filename", "out"], { env, cwd: dir.path }),
      60_000,
      "the first export",
    );
    assert.equal(first.code, 0, first.stderr);
    const startedAt = await startedAtOf(`${dir.path}/out`);

    const update = await withDeadline(
      runCli(["export", "--project-id", "p1", "--incremental", "out"], { env, cwd: dir.path }),
      60_000,
      "the incremental export",
    );
    assert.equal(update.code, 0, update.stderr);
    const pages = lab.requests.filter((request) => request.path.endsWith("/tasks"));
    assert.deepEqual(pages.at(-1)?.query.getAll("updatedAt"), [expectedWatermark(startedAt)]);
  });
}
