import { FlagValueError, parseFlags, UnknownFlagError } from "../lib/_std/cli.ts";
import { demoProjects } from "./demo_projects.ts";
import { startFakeLab } from "./fake_lab.ts";

const HELP = `Serve the demo projects from a fake lab on 127.0.0.1 until Ctrl-C.

Usage:
  deno run -A jsr:@lab/masks/testing [--port <n>]

It first prints the three "export ISAHIT_LAB_API_..." lines that point the lab-masks command at it
(eval them in another shell), then one "#" line per project: its id, type and task count.

Options:
  --port <n>   the port to listen on (default 0: any free port)
  --help       show this help
`;

/** Where {@linkcode serveDemoLab} writes, and what stops it. */
export interface ServeDemoLabOptions {
  /** Writes to standard output. */
  stdout: (text: string) => void;
  /** Writes to standard error. */
  stderr: (text: string) => void;
  /** Stops the lab; it serves until then. */
  signal: AbortSignal;
}

/**
 * `testing/mod.ts` as a program: serves the demo projects on `127.0.0.1` until `signal` aborts,
 * after printing the shell lines that point the command line at it. Returns the exit code: 0 once
 * stopped, 2 for a bad flag, 1 when the port cannot be listened on.
 */
export async function serveDemoLab(
  args: readonly string[],
  options: ServeDemoLabOptions,
): Promise<number> {
  const port = portOf(args, options);
  if (typeof port === "string") return port === "help" ? 0 : 2;
  const projects = demoProjects();
  let lab;
  try {
    lab = await startFakeLab({ projects, port });
  } catch (error) {
    options.stderr(`error: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}\n`);
    return 1;
  }
  const lines = [
    `export ISAHIT_LAB_API_ENDPOINT=${shellWord(lab.url)}`,
    `export ISAHIT_LAB_API_ACCESS_ID=${shellWord(lab.accessId)}`,
    `export ISAHIT_LAB_API_SECRET_KEY=${shellWord(lab.secretKey)}`,
    ...projects.map(({ configuration, tasks }) =>
      `# ${configuration.projectId}  ${configuration.projectType}  ${tasks.length} tasks`
    ),
  ];
  // One write, so a reader never sees half of the lines.
  options.stdout(`${lines.join("\n")}\n`);
  options.stderr(`The fake lab serves at ${lab.url} until Ctrl-C.\n`);
  if (!options.signal.aborted) {
    await new Promise((resolve) => options.signal.addEventListener("abort", resolve));
  }
  await lab.close();
  return 0;
}

/** The port asked for, or `"help"`/`"error"` once the help or the error is written. */
function portOf(args: readonly string[], options: ServeDemoLabOptions): number | string {
  let flags;
  try {
    flags = parseFlags(args, { string: ["port"], boolean: ["help"] });
  } catch (error) {
    if (error instanceof FlagValueError) {
      options.stderr(`error: ${error.message}\n`);
      return "error";
    }
    if (!(error instanceof UnknownFlagError)) throw error;
    options.stderr(`error: Unknown option "${error.flag}"; it takes --port <n> and --help\n`);
    return "error";
  }
  if (flags.help) {
    options.stdout(HELP);
    return "help";
  }
  if (flags._.length > 0) {
    options.stderr(`error: Unexpected argument "${flags._[0]}"; it takes --port <n> and --help\n`);
    return "error";
  }
  const text = (flags.port as string | undefined) ?? "0";
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    options.stderr(`error: Option "--port" has an invalid port "${text}": give 0 to 65535\n`);
    return "error";
  }
  return port;
}

/** The value as one shell word: as is when it is safe, else in single quotes. */
function shellWord(value: string): string {
  return /^[\w.:/@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
