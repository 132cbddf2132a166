import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

Deno.test("a blank project id, or one that is not well-formed Unicode, is refused naming it before any request or folder", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 3)] });
  await using dir = await tempDir();
  const client = clientOf(lab);
  const refused: [string, string][] = [
    ["  ", 'The project id "  " is empty: give the id of a lab project.'],
    [
      "p\ud8001",
      'The project id "p\\ud8001" is not well-formed Unicode (it holds a lone surrogate): give ' +
      "the id of a lab project.",
    ],
  ];
  for (const [projectId, message] of refused) {
    const isRefusal = (error: unknown) =>
      error instanceof ConfigError && error.setting === "projectId" && error.message === message;
    await assert.rejects(() => client.getProjectConfiguration(projectId), isRefusal);
    await assert.rejects(() => client.taskPages(projectId).next(), isRefusal);
    if (projectId.trim() === "") continue;
    // (A blank one the export refuses as missing, before it makes a client.)
    await assert.rejects(
      () => exportMasks({ client, projectId, outputFolder: dir.path }),
      isRefusal,
    );
  }
  assert.deepEqual(lab.requests, []);
  assert.deepEqual(await Array.fromAsync(Deno.readDir(dir.path)), []);
});

Deno.test("a project id with characters a URL reserves reaches the lab as it is, in the path and in the query", async () => {
  const projectId = "p/1?x=é#🙂 %2F";
  await using lab = await startFakeLab({ projects: [sampleProject(projectId, 3)] });
  const client = clientOf(lab);
  const configuration = await client.getProjectConfiguration(projectId);
  // The lab found the project by the id it decoded from the path, and its tasks by the query's.
  assert.equal(configuration.projectId, projectId);
  const pages = await Array.fromAsync(client.taskPages(projectId));
  assert.equal(pages.flatMap((page) => page.docs).length, 3);
});
