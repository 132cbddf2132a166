import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { exportFormat } from "../../lib/export/export_format.ts";
import { segmentationConfiguration } from "../_fixtures/project.ts";
import { runCli } from "../_fixtures/run_cli.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

Deno.test("a project id that cannot be a lab project's is refused naming it, before any request or folder", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 3)] });
  await using dir = await tempDir();
  const client = clientOf(lab);
  const refused: [string, string][] = [
    ["  ", "is empty"],
    ["p\ud8001", "is not well-formed Unicode (it holds a lone surrogate)"],
    ["p\u00001", "holds a control character"],
    ["p\n1", "holds a control character"],
    ["..", "names a folder, not a project"],
    [".", "names a folder, not a project"],
  ];
  for (const [projectId, fault] of refused) {
    const message = `The project id ${
      JSON.stringify(projectId)
    } ${fault}: give the id of a lab project.`;
    const isRefusal = (error: unknown) =>
      error instanceof ConfigError && error.setting === "projectId" && error.message === message;
    await assert.rejects(() => client.getProjectConfiguration(projectId), isRefusal);
    await assert.rejects(() => client.taskPages(projectId).next(), isRefusal);
    if (projectId.trim() === "") continue;
    // (A blank one the exports refuse as missing.)
    await assert.rejects(
      () => exportMasks({ client, projectId, outputFolder: dir.path }),
      isRefusal,
    );
    await assert.rejects(
      () => exportFormat({ client, projectId, format: "coco", outputFolder: dir.path }),
      isRefusal,
    );
  }
  assert.deepEqual(lab.requests, []);
  assert.deepEqual(await Array.fromAsync(Deno.readDir(dir.path)), []);
});

Deno.test("--from-export refuses a configuration whose projectId cannot be a lab project's, naming the file, writing nothing", async () => {
  await using dir = await tempDir();
  const config = `${dir.path}/config.json`;
  await Deno.writeTextFile(config, JSON.stringify(segmentationConfiguration("p\u0000")));
  await Deno.writeTextFile(`${dir.path}/tasks.json`, "[]");
  const out = `${dir.path}/out`;
  for (const format of [[], ["--format", "coco"]]) {
    const ran = await runCli([
      "export",
      "--from-export",
      `${dir.path}/tasks.json`,
      "--config",
      config,
      "--output-folder",
      out,
      ...format,
    ]);
    assert.equal(ran.code, 2, ran.stderr);
    assert.ok(
      ran.stderr.includes(
        `The configuration "${config}" has a projectId that cannot be a lab project's: ` +
          '"p\\u0000" holds a control character',
      ),
      ran.stderr,
    );
  }
  await assert.rejects(() => Deno.lstat(out), Deno.errors.NotFound);
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
