/**
 * Ratio 4: how long the Action's bundle (`action/dist/main.js`), or the CLI when there is no
 * bundle yet, takes from process start to its first request to the lab, against an in-process
 * fake lab that is polled every millisecond. The start-up of `deno` itself on an empty script is
 * measured alongside, as the floor.
 *
 * @module
 */

import { parse } from "yaml";
import { CLI_PERMISSIONS } from "../testing/cli_permissions.ts";
import { startFakeLab } from "../testing/fake_lab.ts";
import { median } from "./_figures.ts";

/** Start-up times in milliseconds (medians). */
export interface StartupTimes {
  /** What was started: the bundle or the CLI. */
  entry: "action/dist/main.js" | "cli.ts";
  /** From spawning `deno` to the lab seeing the first request. */
  toFirstRequest: number;
  /** From spawning `deno` on an empty script to its exit. */
  emptyScript: number;
}

const ROOT = new URL("../", import.meta.url);

/**
 * Measures both start-ups `runs` times and keeps the medians.
 *
 * @param runs How many times each.
 * @returns The times, and which entry was measured.
 */
export async function startupTimes(runs: number): Promise<StartupTimes> {
  const bundle = new URL("action/dist/main.js", ROOT);
  const entry = await Deno.stat(bundle).then(
    () => "action/dist/main.js" as const,
    () => "cli.ts" as const,
  );
  await using lab = await startFakeLab({
    projects: [{
      configuration: { projectId: "startup", projectType: "iat-segmentation" },
      tasks: [],
    }],
  });
  const folder = await Deno.makeTempDir({ prefix: "lab-masks-startup-" });
  try {
    const defaults = entry === "cli.ts" ? {} : await actionDefaults();
    const toFirstRequest: number[] = [];
    const emptyScript: number[] = [];
    for (let run = 0; run < runs; run++) {
      lab.requests.splice(0);
      const started = performance.now();
      const child = spawn(entry, {
        url: lab.url,
        accessId: lab.accessId,
        secretKey: lab.secretKey,
        folder,
        run,
        defaults,
      });
      const exited = child.status.then((status) => status.code);
      const code = await Promise.race([until(() => lab.requests.length > 0), exited]);
      if (code !== undefined) throw new Error(`${entry} exited (code ${code}) before any request`);
      toFirstRequest.push(performance.now() - started);
      await exited;
      const empty = performance.now();
      await new Deno.Command(Deno.execPath(), {
        args: ["eval", ""],
        stdout: "null",
        stderr: "null",
      }).output();
      emptyScript.push(performance.now() - empty);
    }
    return { entry, toFirstRequest: median(toFirstRequest), emptyScript: median(emptyScript) };
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

interface Target {
  url: string;
  accessId: string;
  secretKey: string;
  folder: string;
  run: number;
  /** `INPUT_*` variables with action.yml's defaults, as the runner sets them. */
  defaults: Record<string, string>;
}

/** Every input's default from action.yml, as the `INPUT_*` variable the runner would set. */
async function actionDefaults(): Promise<Record<string, string>> {
  const action = parse(await Deno.readTextFile(new URL("action.yml", ROOT))) as {
    inputs: Record<string, { default?: string }>;
  };
  const variables: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    variables[`INPUT_${name.toUpperCase()}`] = input.default ?? "";
  }
  return variables;
}

function spawn(entry: StartupTimes["entry"], target: Target): Deno.ChildProcess {
  const host = new URL(target.url).host;
  if (entry === "cli.ts") {
    return new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        ...CLI_PERMISSIONS,
        "cli.ts",
        "export",
        "--project-id",
        "startup",
        "--output-folder",
        target.folder,
        "--output-filename",
        `cli-${target.run}`,
      ],
      cwd: ROOT,
      env: {
        ISAHIT_LAB_API_ENDPOINT: target.url,
        ISAHIT_LAB_API_ACCESS_ID: target.accessId,
        ISAHIT_LAB_API_SECRET_KEY: target.secretKey,
        NO_COLOR: "1",
      },
      stdout: "null",
      stderr: "null",
    }).spawn();
  }
  const outputs = `${target.folder}/outputs-${target.run}`;
  // The same flags as action.yml's export step.
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--no-lock",
      "--no-remote",
      "--no-npm",
      "--no-prompt",
      `--allow-net=${host}`,
      "--allow-read",
      `--allow-write=${target.folder}`,
      "--allow-env",
      "--allow-sys=uid,gid",
      "action/dist/main.js",
    ],
    cwd: ROOT,
    env: {
      ...target.defaults,
      "INPUT_ACCESS-ID": target.accessId,
      "INPUT_SECRET-KEY": target.secretKey,
      "INPUT_ENDPOINT": target.url,
      "INPUT_PROJECT-ID": "startup",
      "INPUT_OUTPUT-FOLDER": target.folder,
      "INPUT_OUTPUT-FILENAME": `action-${target.run}`,
      "INPUT_UPLOAD": "false",
      "INPUT_FAIL-ON-ERROR": "true",
      "INPUT_REPLACE-EXTENSION": "false",
      "GITHUB_OUTPUT": `${outputs}.txt`,
      "GITHUB_STEP_SUMMARY": `${outputs}.md`,
    },
    stdout: "null",
    stderr: "null",
  }).spawn();
}

async function until(condition: () => boolean): Promise<undefined> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
