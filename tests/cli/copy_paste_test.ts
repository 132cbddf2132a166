/**
 * What the command line prints to be pasted works when pasted: the help's examples name the
 * program as it was started, the demo's closing hint too, and every command has its help.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { run } from "../../cli.ts";
import { programWords } from "../../lib/cli/program_words.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";
import { CLI, runCli, runCliProcess } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { withDeadline } from "../_fixtures/deadline.ts";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));
const NPX_DENO = "/home/ana/.npm/_npx/5f2a0c/node_modules/deno/deno";

/** Runs the command line with these words as the program, collecting what it prints. */
async function runAs(program: string, args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await withDeadline(
    run(args, {
      env: () => undefined,
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      isTerminal: false,
      program,
    }),
    120_000,
    `lab-masks ${args.join(" ")}`,
  );
  return { code, stdout, stderr };
}

/** The commands of the help's examples: the lines under "Examples:" that are not comments. */
function exampleCommands(help: string): string[] {
  const examples = help.slice(
    help.indexOf("Examples:"),
    help.indexOf("\n\n", help.indexOf("Examples:")),
  );
  return examples.split("\n").slice(1).filter((line) =>
    /^ {2}\S/.test(line) && !line.startsWith("  #")
  )
    .map((line) => line.trim());
}

Deno.test("programWords() names the program as it was started", () => {
  const base = {
    mainModule: "file:///home/ana/lab-masks/cli.ts",
    execPath: "/usr/local/bin/deno",
    denoVersion: "2.9.6",
    cwd: "/home/ana/lab-masks",
    readTextFile: () => undefined,
  };
  assert.strictEqual(programWords(base), "deno run -A cli.ts");
  assert.strictEqual(
    programWords({ ...base, execPath: NPX_DENO }),
    "npx -y deno@2.9.6 run -A cli.ts",
  );
  assert.strictEqual(
    programWords({ ...base, cwd: "/tmp" }),
    "deno run -A /home/ana/lab-masks/cli.ts",
  );
  assert.strictEqual(
    programWords({ ...base, mainModule: "file:///home/ana/my%20tools/cli.ts", cwd: "/" }),
    "deno run -A 'home/ana/my tools/cli.ts'",
  );
  assert.strictEqual(
    programWords({ ...base, mainModule: "jsr:@lab/masks/cli" }),
    "deno run -A jsr:@lab/masks/cli",
  );
  // `deno install -g -n lab-masks` writes a script on the PATH that runs this very entry.
  const scripts: Record<string, string> = {
    "/home/ana/.deno/bin/lab-masks":
      `#!/bin/sh\nexec deno run --allow-all 'file:///home/ana/lab-masks/cli.ts' "$@"\n`,
    "/opt/bin/lab-masks": `#!/bin/sh\nexec deno run 'file:///elsewhere/cli.ts' "$@"\n`,
  };
  const lookup = { ...base, readTextFile: (path: string) => scripts[path] };
  assert.strictEqual(
    programWords({ ...lookup, path: "/usr/bin:/home/ana/.deno/bin" }),
    "lab-masks",
  );
  assert.strictEqual(programWords({ ...lookup, path: "/usr/bin:/opt/bin" }), "deno run -A cli.ts");
});

Deno.test("export --help's examples start with the program's words, and help export prints them", async () => {
  const program = "npx -y deno@2.9.6 run -A cli.ts";
  const help = await runAs(program, ["export", "--help"]);
  assert.strictEqual(help.code, 0);
  const commands = exampleCommands(help.stdout);
  assert.strictEqual(commands.length, 3, help.stdout);
  for (const command of commands) {
    assert.ok(command.startsWith(`${program} export --project-id `), command);
  }
  const viaHelp = await runAs(program, ["help", "export"]);
  assert.deepStrictEqual([viaHelp.code, viaHelp.stdout], [0, help.stdout]);
});

Deno.test("demo -h, demo --help and help demo print the demo's help", async () => {
  const outputs = [];
  for (const args of [["demo", "-h"], ["demo", "--help"], ["help", "demo"]]) {
    const ran = await runCli(args);
    assert.strictEqual(ran.code, 0, ran.stderr);
    outputs.push(ran.stdout);
  }
  assert.ok(outputs[0].startsWith("Export the embedded sample projects"), outputs[0]);
  assert.ok(outputs[0].includes("-h, --help"), outputs[0]);
  assert.deepStrictEqual(outputs, [outputs[0], outputs[0], outputs[0]]);
});

Deno.test("the demo shows its export commands and its closing hint as the program was started", async () => {
  await using dir = await tempDir();
  const program = "npx -y deno@2.9.6 run -A cli.ts";
  const ran = await runAs(program, ["demo", "--output-folder", dir.path]);
  assert.strictEqual(ran.code, 0, ran.stderr);
  assert.ok(
    ran.stdout.trimEnd().endsWith(`then run: ${program} export --project-id <id>`),
    ran.stdout,
  );
  const shown = ran.stdout.split("\n").filter((line) => line.startsWith("$ "));
  assert.strictEqual(shown.length, 2, ran.stdout);
  for (const line of shown) assert.ok(line.startsWith(`$ ${program} export `), line);
});

Deno.test("run as a program, the help names it as it was started: by its path, or as the installed lab-masks", async () => {
  await using dir = await tempDir();
  const fromClone = await runCliProcess(["export", "--help"], {
    cwd: ROOT,
    env: { PATH: dir.path },
  });
  assert.strictEqual(fromClone.code, 0, fromClone.stderr);
  // The Deno running this test runs the child too: npx's, in a clone set up as the README says.
  const deno = Deno.execPath().includes("/_npx/") ? `npx -y deno@${Deno.version.deno}` : "deno";
  for (const command of exampleCommands(fromClone.stdout)) {
    assert.ok(command.startsWith(`${deno} run -A cli.ts export `), command);
  }
  // A `lab-masks` on the PATH that runs this entry, as `deno install` writes it.
  const module = new URL(`file://${CLI}`).href;
  await Deno.writeTextFile(
    `${dir.path}/lab-masks`,
    `#!/bin/sh\nexec deno run -A '${module}' "$@"\n`,
  );
  const installed = await runCliProcess(["export", "--help"], {
    cwd: dir.path,
    env: { PATH: dir.path },
  });
  assert.strictEqual(installed.code, 0, installed.stderr);
  for (const command of exampleCommands(installed.stdout)) {
    assert.ok(command.startsWith("lab-masks export "), command);
  }
});
