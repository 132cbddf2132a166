import assert from "../_std/assert.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { envFor, runCli, variedMaskTasks } from "./_fixtures.ts";

Deno.test("lab-masks export refuses an existing export folder without touching it (exit 2)", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(`${dir.path}/out/scene`, { recursive: true });
  await Deno.writeTextFile(`${dir.path}/out/scene/0.jpg.png`, "an older export's file");
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", variedMaskTasks(3))],
  });

  const ran = await runCli(["export", "--project-id", "p1", "--output-filename", "out"], {
    env: envFor(lab),
    cwd: dir.path,
  });
  assert.equal(ran.code, 2, ran.stderr);
  assert.match(ran.stderr, /^error: The export folder ".*\/out" already exists/m);
  assert.doesNotMatch(ran.stderr, /^\s+at /m);
  assert.equal(lab.requests.length, 0, "refused before any request");
  assert.deepEqual(await listFiles(dir.path), ["out/scene/0.jpg.png"]);
  assert.equal(
    await Deno.readTextFile(`${dir.path}/out/scene/0.jpg.png`),
    "an older export's file",
  );
});
