/**
 * The documentation's examples cannot rot: every TypeScript block type-checks, the ones that talk
 * to the lab run against a fake lab, every `lab-masks` command runs, and every workflow step that
 * uses the Action passes only inputs `action.yml` declares.
 *
 * @module
 */
import { parse } from "yaml";
import assert from "../_std/assert.ts";
import { labEnv } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { type CodeBlock, documentationBlocks, labMasksCommands, ROOT } from "./_markdown.ts";
import { demoProjects } from "../../testing/demo_projects.ts";
import { type FakeProject, startFakeLab } from "../../testing/fake_lab.ts";
import { exportHelp } from "../../lib/cli/help.ts";

const CONFIG = new URL("deno.json", ROOT).pathname;
const CLI = new URL("cli.ts", ROOT).pathname;
const TS = new Set(["ts", "typescript"]);
const SHELL = new Set(["sh", "bash", "shell"]);

/**
 * The demo projects, also under the ids the documentation uses (the segmentation project stands in
 * for every single-type project: each format accepts it).
 */
function documentationProjects(): FakeProject[] {
  const [segmentation, form] = demoProjects();
  const alias = (project: FakeProject, projectId: string): FakeProject => ({
    configuration: { ...project.configuration, projectId },
    tasks: project.tasks.map((task) => ({ ...task, projectId })),
  });
  return [
    segmentation,
    form,
    ...["proj_123", "proj_seg", "proj_boxes"].map((id) => alias(segmentation, id)),
    alias(form, "proj_form"),
  ];
}

function where(block: CodeBlock): string {
  return `${block.file}:${block.line}`;
}

async function run(command: string, args: string[], cwd: string, env: Record<string, string>) {
  const output = await new Deno.Command(command, {
    args,
    cwd,
    env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", ...env },
    clearEnv: true,
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { code: output.code, output: text.decode(output.stdout) + text.decode(output.stderr) };
}

Deno.test("every TypeScript example of the README and docs/ type-checks", async () => {
  const blocks = (await documentationBlocks()).filter((block) => TS.has(block.lang));
  assert.ok(blocks.length >= 3, "the documentation has TypeScript examples");
  await using dir = await tempDir();
  const files = [];
  for (const [i, block] of blocks.entries()) {
    const file = `${dir.path}/example_${i}.ts`;
    await Deno.writeTextFile(file, block.code);
    files.push(file);
  }
  const checked = await run(Deno.execPath(), ["check", "--config", CONFIG, ...files], dir.path, {});
  const named = blocks.reduce(
    (text, block, i) => text.replaceAll(`example_${i}.ts`, where(block)),
    checked.output,
  );
  assert.equal(checked.code, 0, named);
});

Deno.test("every TypeScript example that reads the lab from the environment runs against a fake lab", async () => {
  const blocks = (await documentationBlocks())
    .filter((block) => TS.has(block.lang) && block.code.includes("LabClient.fromEnv()"));
  assert.ok(blocks.length >= 1, "the documentation has examples using LabClient.fromEnv()");
  await using lab = await startFakeLab({ projects: documentationProjects() });
  for (const block of blocks) {
    await using dir = await tempDir();
    await Deno.writeTextFile(`${dir.path}/example.ts`, block.code);
    const ran = await run(
      Deno.execPath(),
      [
        "run",
        "--config",
        CONFIG,
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "example.ts",
      ],
      dir.path,
      labEnv(lab),
    );
    assert.equal(ran.code, 0, `${where(block)}:\n${ran.output}`);
  }
});

Deno.test("every lab-masks command of the README and docs/ runs against a fake lab", async () => {
  const blocks = (await documentationBlocks())
    .filter((block) => SHELL.has(block.lang) && !block.attributes.includes("ignore"));
  const commands = blocks.flatMap((block) =>
    labMasksCommands(block.code).map((command) => ({ block, command }))
  );
  assert.ok(commands.length >= 5, "the documentation has lab-masks commands");
  await using lab = await startFakeLab({ projects: documentationProjects() });
  const define = `lab-masks() { "$DENO" run --allow-net=127.0.0.1 --allow-read --allow-write ` +
    `--allow-env "$CLI" "$@"; }`;
  const [sample] = documentationProjects();
  for (const { block, command } of commands) {
    await using dir = await tempDir();
    if (command.includes("--from-export")) {
      // The files the offline examples convert: a JSON export and its project's configuration.
      await Deno.writeTextFile(`${dir.path}/tasks.json`, JSON.stringify(sample.tasks));
      await Deno.writeTextFile(
        `${dir.path}/project-configuration.json`,
        JSON.stringify(sample.configuration),
      );
    }
    const ran = await run("bash", ["-c", `${define}\n${command}`], dir.path, {
      DENO: Deno.execPath(),
      CLI,
      ...labEnv(lab),
    });
    assert.equal(ran.code, 0, `${where(block)}: ${command}\n${ran.output}`);
  }
});

interface Action {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
}

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** The steps of a workflow, a job, or a bare list of steps. */
function stepsOf(document: unknown): Step[] {
  if (Array.isArray(document)) return document.filter((step) => typeof step === "object");
  if (typeof document !== "object" || document === null) return [];
  const record = document as Record<string, unknown>;
  if (Array.isArray(record.steps)) return stepsOf(record.steps);
  const jobs = record.jobs as Record<string, unknown> | undefined;
  return Object.values(jobs ?? {}).flatMap(stepsOf);
}

Deno.test("every workflow example uses only the Action's declared inputs and outputs", async () => {
  const action = parse(await Deno.readTextFile(new URL("action.yml", ROOT))) as Action;
  const required = Object.entries(action.inputs)
    .filter(([, input]) => input.required === true).map(([name]) => name);
  const blocks = (await documentationBlocks())
    .filter((block) => block.lang === "yaml" || block.lang === "yml");
  let uses = 0;
  for (const block of blocks) {
    const steps = stepsOf(parse(block.code));
    const ours = steps.filter((step) => /lab-masks@|^\.\/?$/.test(step.uses ?? ""));
    for (const step of ours) {
      uses++;
      const given = Object.keys(step.with ?? {});
      for (const input of given) {
        assert.ok(
          input in action.inputs,
          `${where(block)}: "${input}" is not an input of action.yml`,
        );
      }
      for (const input of required) {
        assert.ok(
          given.includes(input),
          `${where(block)}: the required input "${input}" is missing`,
        );
      }
    }
    const ids = new Set(ours.map((step) => step.id).filter((id) => id !== undefined));
    for (const [, id, output] of block.code.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (!ids.has(id)) continue;
      assert.ok(
        output in action.outputs,
        `${where(block)}: "${output}" is not an output of action.yml`,
      );
    }
  }
  assert.ok(uses >= 3, "the documentation has workflow examples of the Action");
});

Deno.test("the README links every page of docs/, and --help's closing lines point to them", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const help = exportHelp();
  const closing = help.slice(help.lastIndexOf("More:"));
  for await (const entry of Deno.readDir(new URL("docs/", ROOT))) {
    if (!entry.name.endsWith(".md")) continue;
    assert.ok(readme.includes(`](docs/${entry.name}`), `README links docs/${entry.name}`);
  }
  for (const page of closing.match(/[a-z-]+\.md/g) ?? []) {
    assert.ok(await Deno.stat(new URL(`docs/${page}`, ROOT)).catch(() => false), `docs/${page}`);
  }
  assert.match(closing, /command-line\.md/);
  assert.match(closing, /migrating-from-the-python-sdk\.md/);
});
