/**
 * Runs the command line in this process, as `run()` lets tests do, and collects what it printed.
 *
 * @module
 */
import { run, type RunOptions } from "../../cli.ts";
import type { FakeLab } from "../../testing/fake_lab.ts";
import { outputWithin, withDeadline } from "./deadline.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";
import { CLI_PERMISSIONS } from "../../testing/cli_permissions.ts";

/** How long one run of the command line may take before the test fails (a hang is a failure). */
const RUN_DEADLINE_MS = 120_000;

/** What a run printed, and its exit code. */
export interface Ran {
  /** The exit code. */
  code: number;
  /** Everything written to standard output. */
  stdout: string;
  /** Everything written to standard error. */
  stderr: string;
}

/**
 * Runs `args` with only `env` as the environment, on a non-terminal; `client` sets the lab
 * client's retries (e.g. short delays, so a test of failures does not wait out the backoff).
 */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  client?: RunOptions["client"],
): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const code = await withDeadline(
    run(args, {
      env: (name) => env[name],
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      isTerminal: false,
      client,
    }),
    RUN_DEADLINE_MS,
    `lab-masks ${args.join(" ")}`,
  );
  return { code, stdout, stderr };
}

/** The command line's entry file. */
export const CLI = fromFileUrl(new URL("../../cli.ts", import.meta.url));

/** The permissions the README gives the command line. */
export { CLI_PERMISSIONS };

/**
 * Runs the command line in a child process, as a user would, with only `env` (and `NO_COLOR`) as
 * its environment and the permissions the README gives (or `permissions`); `entry` is the module
 * run (default `cli.ts`).
 */
export async function runCliProcess(
  args: string[],
  options: { env?: Record<string, string>; cwd: string; permissions?: string[]; entry?: string },
): Promise<Ran> {
  const output = await outputWithin(
    Deno.execPath(),
    {
      args: ["run", ...options.permissions ?? CLI_PERMISSIONS, options.entry ?? CLI, ...args],
      cwd: options.cwd,
      env: { NO_COLOR: "1", ...options.env },
      clearEnv: true,
      stdin: "null",
    },
    RUN_DEADLINE_MS,
    `lab-masks ${args.join(" ")}`,
  );
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** The flags that write an export to `folder/name`: `--output-folder` and `--output-filename`. */
export function outputFlags(folder: string, name: string): string[] {
  return ["--output-folder", folder, "--output-filename", name];
}

/** The environment that points the command line at a fake lab. */
export function labEnv(lab: FakeLab): Record<string, string> {
  return {
    ISAHIT_LAB_API_ACCESS_ID: lab.accessId,
    ISAHIT_LAB_API_SECRET_KEY: lab.secretKey,
    ISAHIT_LAB_API_ENDPOINT: lab.url,
  };
}
