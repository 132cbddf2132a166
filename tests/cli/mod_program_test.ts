import assert from "../_std/assert.ts";
import { CLI, labEnv, type Ran, runCliProcess } from "../_fixtures/run_cli.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { DEMO_SEGMENTATION_PROJECT, demoProjects } from "../../testing/demo_projects.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";

const MOD = fromFileUrl(new URL("../../mod.ts", import.meta.url));

/** What `mod.ts` and `cli.ts` print and return for the same arguments, in fresh folders. */
async function bothRun(args: string[], env: Record<string, string> = {}) {
  await using modDir = await tempDir();
  await using cliDir = await tempDir();
  const mod = await runCliProcess(args, { env, cwd: modDir.path, entry: MOD });
  const cli = await runCliProcess(args, { env, cwd: cliDir.path });
  // The help's examples name the entry that was run, as it was run.
  const inFolder = (ran: Ran, folder: string) => ({
    code: ran.code,
    stdout: ran.stdout.replaceAll(folder, "<cwd>").replaceAll(MOD, "<entry>").replaceAll(
      CLI,
      "<entry>",
    ),
    stderr: ran.stderr.replaceAll(folder, "<cwd>"),
  });
  return {
    mod: inFolder(mod, modDir.path),
    cli: inFolder(cli, cliDir.path),
    files: [await listFiles(modDir.path), await listFiles(cliDir.path)],
  };
}

Deno.test("mod.ts run as a program answers like cli.ts", async (t) => {
  for (
    const [name, args, code] of [
      ["--help", ["--help"], 0],
      ["export --help", ["export", "--help"], 0],
      ["--version", ["--version"], 0],
      ["no command, a usage error", [], 2],
      ["an unknown command", ["exprot"], 2],
      ["an unknown flag", ["export", "--project", "p1"], 2],
      ["missing credentials", ["export", "--project-id", "p1"], 2],
    ] as const
  ) {
    await t.step(name, async () => {
      const { mod, cli } = await bothRun([...args]);
      assert.deepEqual(mod, cli);
      assert.equal(mod.code, code);
      assert.ok(mod.stdout.length + mod.stderr.length > 0);
    });
  }
});

Deno.test("mod.ts run as a program exports like cli.ts, with the same output and files", async () => {
  await using lab = await startFakeLab({ projects: demoProjects() });
  const { mod, cli, files } = await bothRun(
    ["export", "--project-id", DEMO_SEGMENTATION_PROJECT, "--output-filename", "out"],
    labEnv(lab),
  );
  assert.deepEqual(mod, cli);
  assert.equal(mod.code, 0, mod.stderr);
  assert.match(mod.stdout, /Exported 7 masks to "<cwd>\/out"/);
  assert.deepEqual(files[0], files[1]);
  assert.equal(files[0].filter((file) => file.endsWith(".png")).length, 7);
});

Deno.test("importing mod.ts as a library runs no command line", async () => {
  await using dir = await tempDir();
  const script = `${dir.path}/use_library.ts`;
  await Deno.writeTextFile(
    script,
    `import * as masks from ${JSON.stringify(new URL("../../mod.ts", import.meta.url).href)};\n` +
      `console.log(typeof masks.exportMasks, "main" in masks);\n`,
  );
  // Arguments the command line would answer with its help and exit code 0 or 2.
  for (const args of [["--help"], []]) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", script, ...args],
      stdin: "null",
    }).output();
    assert.equal(output.code, 0);
    assert.equal(new TextDecoder().decode(output.stdout), "function false\n");
  }
});
