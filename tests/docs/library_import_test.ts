/**
 * docs/library.md's way in for a script outside the clone, done as it says: its `deno.json`
 * import map in a folder of its own, its example script, run against a fake lab.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";
import { CLI_PERMISSIONS, labEnv } from "../_fixtures/run_cli.ts";
import { outputWithin } from "../_fixtures/deadline.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { demoProjects } from "../../testing/demo_projects.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { codeBlocks, ROOT } from "./_markdown.ts";

/** Where the page says the clone is: the test puts this clone there. */
const PLACEHOLDER = "/home/you/lab-masks";

Deno.test("docs/library.md's import map and example run from a folder outside the clone", async () => {
  const text = await Deno.readTextFile(new URL("docs/library.md", ROOT));
  const start = text.indexOf("## Importing it");
  const section = text.slice(start, text.indexOf("\n## ", start));
  const blocks = codeBlocks("docs/library.md", section);
  const json = blocks.find((block) => block.lang === "json")!;
  const script = blocks.find((block) => block.lang === "ts")!;
  assert.ok(json.code.includes(PLACEHOLDER) && script.code.includes('from "@lab/masks"'));

  await using dir = await tempDir();
  const clone = fromFileUrl(ROOT).replace(/\/$/, "");
  assert.ok(!dir.path.startsWith(clone), "the folder is outside the clone");
  await Deno.writeTextFile(`${dir.path}/deno.json`, json.code.replaceAll(PLACEHOLDER, clone));
  await Deno.writeTextFile(`${dir.path}/export.ts`, script.code);
  const [segmentation] = demoProjects();
  const project = {
    configuration: { ...segmentation.configuration, projectId: "proj_123" },
    tasks: segmentation.tasks,
  };
  await using lab = await startFakeLab({ projects: [project] });
  const output = await outputWithin(
    Deno.execPath(),
    {
      args: [
        "run",
        ...CLI_PERMISSIONS,
        "export.ts",
      ],
      cwd: dir.path,
      env: { NO_COLOR: "1", ...labEnv(lab) },
      clearEnv: true,
      stdin: "null",
    },
    120_000,
    "the library example",
  );
  const printed = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, printed + new TextDecoder().decode(output.stderr));
  assert.match(printed, new RegExp(`^Exported 7 masks to "${dir.path}/lab_mask_proj_123_`));
});
