import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { trianglePolygonProject } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import type { TaskSource } from "../../lib/api/task_source.ts";
import type { TaskFilters } from "../../lib/api/types.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import {
  DEMO_FORM_PROJECT,
  DEMO_SEGMENTATION_PROJECT,
  demoProjects,
} from "../../testing/demo_projects.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";

const TASKS = "/api/task-manager/tasks";
const SDK_FIELDS = ["data", "data.mask", "jobs", "metrics"];

/** The `optionalFields` of every tasks request the lab received, in order. */
function optionalFieldsSent(lab: FakeLab): string[][] {
  return lab.requests.filter((request) => request.path === TASKS)
    .map((request) => request.query.getAll("optionalFields"));
}

/** A task source that forwards to `client` but leaves `optionalFields` out of every request. */
function withoutOptionalFields(client: TaskSource): TaskSource {
  return {
    getProjectConfiguration: (projectId) => client.getProjectConfiguration(projectId),
    taskPages: (projectId, filters: TaskFilters = {}) =>
      client.taskPages(projectId, { ...filters, optionalFields: undefined }),
  };
}

Deno.test("exportMasks() against the strict fake lab exports every mask of both demo projects", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: demoProjects() });
  for (const [projectId, masks] of [[DEMO_SEGMENTATION_PROJECT, 7], [DEMO_FORM_PROJECT, 3]]) {
    const summary = await exportMasks({
      client: clientOf(lab),
      projectId: projectId as string,
      outputFolder: dir.path,
      outputFilename: projectId as string,
    });
    assert.equal(summary.exported, masks, `${projectId}`);
    assert.equal((await listPngs(`${dir.path}/${projectId}`)).length, masks);
  }
  assert.deepEqual(optionalFieldsSent(lab), [SDK_FIELDS, SDK_FIELDS]);
});

Deno.test("an export whose requests lose their optionalFields finds no mask in the strict fake lab", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: demoProjects() });
  for (const projectId of [DEMO_SEGMENTATION_PROJECT, DEMO_FORM_PROJECT]) {
    const summary = await exportMasks({
      client: withoutOptionalFields(clientOf(lab)),
      projectId,
      outputFolder: dir.path,
      outputFilename: projectId,
    });
    assert.equal(summary.exported, 0);
    assert.equal(summary.folderCreated, false);
  }
  assert.deepEqual(optionalFieldsSent(lab), [[], []]);
});

Deno.test("every tasks request of an export sends the SDK's optionalFields as repeated keys", async (t) => {
  await using dir = await tempDir();
  const polygon = trianglePolygonProject("poly1", "t1.jpg", { width: 4, height: 4 });
  await using lab = await startFakeLab({ projects: [...demoProjects(), polygon] });
  const exportWith = async (...args: string[]) => {
    lab.requests.length = 0;
    const ran = await runCli(
      ["export", "--json", ...args],
      labEnv(lab),
    );
    assert.equal(ran.code, 0, ran.stderr);
    return { summary: JSON.parse(ran.stdout), sent: optionalFieldsSent(lab), lab };
  };
  const seg = ["--project-id", DEMO_SEGMENTATION_PROJECT];
  const into = (name: string) => ["--output-folder", dir.path, "--output-filename", name];

  await t.step(
    "online, in the query string as optionalFields=data&optionalFields=...",
    async () => {
      const { summary, sent } = await exportWith(...seg, ...into("online"));
      assert.equal(summary.exported, 7);
      assert.deepEqual(sent, [SDK_FIELDS]);
      const query = lab.requests.find((request) => request.path === TASKS)!.query.toString();
      assert.match(
        query,
        /optionalFields=data&optionalFields=data\.mask&optionalFields=jobs&optionalFields=metrics/,
      );
    },
  );

  await t.step("a dry run", async () => {
    const { summary, sent } = await exportWith(...seg, "--dry-run", ...into("dry"));
    assert.equal(summary.planned, 7);
    assert.deepEqual(sent, [SDK_FIELDS]);
  });

  await t.step("a shard", async () => {
    const { sent } = await exportWith(...seg, "--shard", "1/2", ...into("shard"));
    assert.deepEqual(sent, [SDK_FIELDS]);
  });

  await t.step("the user's own fields after the SDK's, each once", async () => {
    const { summary, sent } = await exportWith(
      ...seg,
      "--optional-fields",
      "history,data.mask",
      "--optional-fields",
      "data",
      ...into("extra"),
    );
    assert.equal(summary.exported, 7);
    assert.deepEqual(sent, [[...SDK_FIELDS, "history"]]);
  });

  await t.step("a vector project", async () => {
    const { summary, sent } = await exportWith("--project-id", "poly1", ...into("v"));
    assert.equal(summary.exported, 1);
    assert.deepEqual(sent, [SDK_FIELDS]);
  });

  await t.step("an incremental update, and its query for removed tasks", async () => {
    await exportWith(...seg, "--status-in", "complete", ...into("inc"));
    const { summary, sent } = await exportWith(
      ...seg,
      "--status-in",
      "complete",
      "--incremental",
      `${dir.path}/inc`,
    );
    // Nothing was updated since: the 7 masks and the task without one are carried over.
    assert.deepEqual([summary.exported, summary.carried], [0, 8]);
    assert.deepEqual(sent, [SDK_FIELDS, SDK_FIELDS]);
  });

  await t.step("never the configuration request", () => {
    const configurations = lab.requests.filter((request) =>
      request.path.includes("project-configuration")
    );
    assert.ok(configurations.length > 0);
    assert.ok(configurations.every((request) => [...request.query].length === 0));
  });
});
