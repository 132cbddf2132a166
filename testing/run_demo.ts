/**
 * The `demo` command: a fake lab on this machine serving the demo projects, exported through the
 * CLI's own `run` as a user would type the commands. The CLI imports it; it is no part of the
 * library.
 *
 * @module
 */

import { ConfigError } from "../lib/errors.ts";
import { FlagValueError, parseFlags, UnknownFlagError } from "../lib/_std/cli.ts";
import { resolve } from "../lib/_std/path.ts";
import { DEMO_FORM_PROJECT, DEMO_SEGMENTATION_PROJECT, demoProjects } from "./demo_projects.ts";
import { startFakeLab } from "./fake_lab.ts";

/** What the demo needs from the CLI: its `run` and where to write. */
export interface DemoOptions {
  /** The CLI's `run`, which the demo calls for each export, as a user would type it. */
  run: (
    args: readonly string[],
    options: {
      env: (name: string) => string | undefined;
      stdout: (text: string) => void;
      stderr: (text: string) => void;
      isTerminal: boolean;
    },
  ) => Promise<number>;
  /** Writes to standard output. */
  stdout: (text: string) => void;
  /** Writes to standard error. */
  stderr: (text: string) => void;
  /** Whether standard error is a terminal. */
  isTerminal: boolean;
  /** The words that started the program, for the commands the demo shows. @default {"lab-masks"} */
  program?: string;
}

/** The `demo` command's `--help`. */
export const DEMO_HELP =
  `Export the embedded sample projects through a fake lab on 127.0.0.1: no account needed.

Usage:
  lab-masks demo [--output-folder <dir>]

Options:
  --output-folder <dir>   where the export folders are made (default "lab-masks-demo")
  -h, --help              show this help
`;

/**
 * The `demo` command: starts a fake lab on `127.0.0.1` serving two sample projects, exports both
 * with the real `export` command, and says where the masks are.
 *
 * @param args The arguments after `demo`.
 * @param options The CLI's `run` and output writers.
 * @returns The exit code of the worst export.
 * @throws {ConfigError} on an unknown flag.
 *
 * @example
 * ```ts ignore
 * import { run } from "@lab/masks/cli";
 *
 * await run(["demo", "--output-folder", "/tmp/demo"]);
 * ```
 */
export async function runDemo(args: readonly string[], options: DemoOptions): Promise<number> {
  let flags;
  try {
    flags = parseFlags(args, {
      string: ["output-folder"],
      boolean: ["help"],
      short: { h: "help" },
    });
  } catch (error) {
    if (error instanceof FlagValueError) {
      throw new ConfigError(`${error.message}; see "demo --help"`);
    }
    if (!(error instanceof UnknownFlagError)) throw error;
    throw new ConfigError(`Unknown option "${error.flag}" for "demo"; it takes --output-folder`);
  }
  if (flags.help) {
    options.stdout(DEMO_HELP);
    return 0;
  }
  if (flags._.length > 0) {
    throw new ConfigError(
      `Unexpected argument "${flags._[0]}" for "demo"; it takes --output-folder`,
    );
  }
  const outputFolder = resolve((flags["output-folder"] as string | undefined) ?? "lab-masks-demo");
  await using lab = await startFakeLab({ projects: demoProjects() });
  const variables: Record<string, string> = {
    ISAHIT_LAB_API_ACCESS_ID: lab.accessId,
    ISAHIT_LAB_API_SECRET_KEY: lab.secretKey,
    ISAHIT_LAB_API_ENDPOINT: lab.url,
  };
  options.stdout(
    `A fake lab is serving two sample projects at ${lab.url}\n` +
      `(the export below talks to it over HTTP exactly as it would to the real lab).\n`,
  );
  const exports = [
    ["--project-id", DEMO_SEGMENTATION_PROJECT, "--replace-extension", "--report"],
    [
      "--project-id",
      DEMO_FORM_PROJECT,
      "--semantic-mapping",
      '{"lane": [255, 255, 255], "sign": [255, 128, 0]}',
    ],
  ];
  const program = options.program ?? "lab-masks";
  let worst = 0;
  for (const exportArgs of exports) {
    const shown = exportArgs.map((arg) => (/^[\w./-]+$/.test(arg) ? arg : `'${arg}'`)).join(" ");
    options.stdout(`\n$ ${program} export ${shown} --output-folder ${outputFolder}\n`);
    const code = await options.run(["export", ...exportArgs, "--output-folder", outputFolder], {
      env: (name) => variables[name],
      stdout: options.stdout,
      stderr: options.stderr,
      isTerminal: options.isTerminal,
    });
    worst = Math.max(worst, code);
  }
  options.stdout(
    `\nThe masks are in "${outputFolder}". To export a real project, set ISAHIT_LAB_API_ACCESS_ID ` +
      `and ISAHIT_LAB_API_SECRET_KEY, then run: ${program} export --project-id <id>\n`,
  );
  return worst;
}
