import assert from "../_std/assert.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { runCli, variedMaskTasks } from "./_fixtures.ts";
import { hostileEnv, json, labBasics, serveHostile } from "./_hostile_server.ts";

/** A lab whose every task page holds `tasks`, whatever was asked. */
function labAnswering(tasks: Record<string, unknown>[]) {
  return serveHostile((_request, path) =>
    labBasics(path) ?? json({
      docs: tasks,
      totalDocs: tasks.length,
      limit: 100,
      totalPages: 1,
      page: 1,
      hasNextPage: false,
      nextPage: null,
    })
  );
}

/**
 * Runs `export --project-id p1 --status-in rejected` in a new folder against a lab whose every
 * page holds `tasks`: what it printed, and the masks it wrote there.
 */
async function exportRejected(tasks: Record<string, unknown>[]) {
  await using lab = labAnswering(tasks);
  await using dir = await tempDir();
  const ran = await runCli(["export", "--project-id", "p1", "--status-in", "rejected"], {
    env: hostileEnv(lab),
    cwd: dir.path,
  });
  const pngs = (await listFiles(dir.path)).filter((file) => file.endsWith(".png"));
  return { ran, pngs };
}

Deno.test("a page holding a task of another project is refused, naming it; no mask is written (exit 3)", async () => {
  const [mine, theirs] = variedMaskTasks(2);
  const { ran, pngs } = await exportRejected([
    { ...mine, projectId: "p1" },
    { ...theirs, _id: "t-other", projectId: "other\n::error::x", status: "complete" },
  ]);
  assert.equal(ran.code, 3, ran.stderr);
  assert.match(
    ran.stderr,
    /with task t-other of project "other\\n::error::x", not of p1: nothing of this answer is exported/,
  );
  assert.deepEqual(pngs, []);
});

Deno.test("tasks that do not match the filters asked for are exported, with a warning saying so (exit 0)", async () => {
  const tasks = variedMaskTasks(3).map((task, i) => ({
    ...task,
    projectId: "p1",
    status: i === 0 ? "rejected" : "complete",
  }));
  const { ran, pngs } = await exportRejected(tasks);
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(
    ran.stderr,
    /^warning: The lab's page 1 of project p1 holds 2 tasks that do not match the filters asked for \(task t1 has status "complete"\); they are exported as the lab sent them$/m,
  );
  assert.equal(pngs.length, 3);
});
