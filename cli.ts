/**
 * The `lab-masks` command line: `export` a lab project's masks, `verify` an export folder, `diff`
 * two exports, or run the `demo`.
 *
 * ```sh
 * deno install -g -A -n lab-masks jsr:@lab/masks
 * lab-masks export --project-id proj_123 --status-in complete
 * ```
 *
 * Tests and scripts call {@linkcode run}, which returns the exit code instead of exiting.
 *
 * @module
 */
import denoJson from "./deno.json" with { type: "json" };
import { exportHelp, programHelp } from "./lib/cli/help.ts";
import { programWords } from "./lib/cli/program_words.ts";
import { CONFIG_HELP, runConfig } from "./lib/cli/run_config.ts";
import { closestWord } from "./lib/cli/closest_word.ts";
import { reportError } from "./lib/cli/report_error.ts";
import { DEMO_HELP, runDemo } from "./testing/run_demo.ts";
import { type ClientSettings, runExport } from "./lib/cli/run_export.ts";
import { ConfigError } from "./lib/errors.ts";
import { runVerify, VERIFY_HELP } from "./lib/cli/run_verify.ts";
import { DIFF_HELP, runDiff } from "./lib/cli/run_diff.ts";

export type { ClientSettings };

/** The package version, from `deno.json`. */
export const VERSION: string = denoJson.version;

/** Where {@linkcode run} reads and writes; every field defaults to the real process's. */
export interface RunOptions {
  /** Looks up an environment variable. @default {Deno.env.get} */
  env?: (name: string) => string | undefined;
  /** Writes to standard output. @default {Deno.stdout} */
  stdout?: (text: string) => void;
  /** Writes to standard error. @default {Deno.stderr} */
  stderr?: (text: string) => void;
  /** Whether standard error is a terminal (progress bar, colours). @default {Deno.stderr.isTerminal()} */
  isTerminal?: boolean;
  /**
   * Stops the export between tasks, e.g. on Ctrl-C; the exit code is then 130, or 143 when the
   * abort reason's message names `SIGTERM`.
   */
  signal?: AbortSignal;
  /**
   * The words that start this program, for the resume command it prints.
   *
   * @default {"deno run -A jsr:@lab/masks"}
   */
  program?: string;
  /**
   * Settings of the lab client the `export` command makes, e.g. short retry delays so a test of
   * an unreachable lab does not wait out the real backoff.
   *
   * @default {{}} (the client's own defaults)
   */
  client?: ClientSettings;
}

/**
 * Runs the command line with `args` and returns the exit code: 0 all exported, 1 some tasks
 * failed (or an unexpected failure), 2 usage or configuration error, 3 API error, 130 interrupted
 * (143 by SIGTERM).
 *
 * @param args The arguments, e.g. `["export", "--project-id", "p1"]`.
 * @param options Where to read the environment and write output.
 * @returns The exit code.
 *
 * @example
 * ```ts
 * import { run } from "@lab/masks/cli";
 *
 * const code = await run(["--version"], { stdout: () => {} });
 * console.log(code); // 0
 * ```
 */
export async function run(args: readonly string[], options: RunOptions = {}): Promise<number> {
  const stdout = options.stdout ?? writerOf(Deno.stdout);
  const stderr = options.stderr ?? writerOf(Deno.stderr);
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const isTerminal = options.isTerminal ?? Deno.stderr.isTerminal();
  const [command, ...rest] = args;
  let colour = false;
  try {
    // Inside the try: without --allow-env, reading NO_COLOR is the first permission error.
    colour = isTerminal && !env("NO_COLOR");
    const program = options.program ?? "deno run -A jsr:@lab/masks";
    // `help export` is `export --help`, as in git and deno.
    const helps: Record<string, string> = {
      export: exportHelp(program),
      demo: DEMO_HELP,
      config: CONFIG_HELP,
      verify: VERIFY_HELP,
      diff: DIFF_HELP,
    };
    if (command === "help" && Object.hasOwn(helps, rest[0] ?? "")) {
      stdout(helps[rest[0]]);
      return 0;
    }
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      // No command at all is a usage error: the help goes to stderr and the exit code is 2.
      (command === undefined ? stderr : stdout)(programHelp(VERSION));
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-V") {
      stdout(`lab-masks ${VERSION} (Deno ${Deno.version.deno})\n`);
      return 0;
    }
    if (command === "export") {
      return await runExport(rest, {
        stdout,
        stderr,
        env,
        isTerminal,
        program,
        signal: options.signal,
        client: options.client,
      });
    }
    if (command === "config") {
      return await runConfig(rest, { env, stdout, stderr, client: options.client });
    }
    if (command === "demo") {
      return await runDemo(rest, { run, stdout, stderr, isTerminal, program });
    }
    if (command === "verify") return await runVerify(rest, { stdout });
    if (command === "diff") return await runDiff(rest, { stdout });
    const nearest = closestWord(command, ["export", "config", "verify", "diff", "demo", "help"]);
    throw new ConfigError(
      `Unknown command "${command}"` + (nearest ? `; did you mean "${nearest}"?` : "") +
        ` Commands: export, config, verify, diff, demo. See "--help"`,
    );
  } catch (error) {
    return reportError(error, { stderr, colour });
  }
}

/** A writer that falls silent once its reader has gone (`| head`): that is no failure. */
function writerOf(stream: { writeSync(bytes: Uint8Array): number }): (text: string) => void {
  const encoder = new TextEncoder();
  let closed = false;
  return (text) => {
    const bytes = encoder.encode(text);
    let written = 0;
    try {
      while (!closed && written < bytes.length) {
        written += stream.writeSync(bytes.subarray(written));
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
      closed = true;
    }
  };
}

/**
 * Runs the command line as a program: with `Deno.args`, Ctrl-C handled (the first stops between
 * tasks, a second at once), and the process exiting with {@linkcode run}'s exit code. Both `cli.ts`
 * and `mod.ts` call it when run as a program.
 *
 * @returns Never: the process exits.
 *
 * @example
 * ```ts ignore
 * import { main } from "@lab/masks/cli";
 *
 * if (import.meta.main) await main();
 * ```
 */
export async function main(): Promise<never> {
  const controller = new AbortController();
  let interrupted = 0;
  const stop = (signal: "SIGINT" | "SIGTERM", code: number) => () => {
    // The first signal lets the masks being written finish; a second one stops at once.
    if (++interrupted > 1) Deno.exit(code);
    controller.abort(new DOMException(`Stopped by ${signal}`, "AbortError"));
  };
  Deno.addSignalListener("SIGINT", stop("SIGINT", 130));
  Deno.addSignalListener("SIGTERM", stop("SIGTERM", 143));
  Deno.exit(await run(Deno.args, { signal: controller.signal, program: thisProgram() }));
}

/** The words that start this program as it was started, read without failing on a permission. */
function thisProgram(): string {
  // Only what is already granted is read: a permission prompt for a hint would be absurd.
  const granted = (descriptor: Deno.PermissionDescriptor) =>
    Deno.permissions.querySync(descriptor).state === "granted";
  const attempt = <T>(descriptor: Deno.PermissionDescriptor, read: () => T): T | undefined => {
    try {
      return granted(descriptor) ? read() : undefined;
    } catch {
      return undefined;
    }
  };
  return programWords({
    mainModule: Deno.mainModule,
    execPath: attempt({ name: "read" }, () => Deno.execPath()) ?? "deno",
    denoVersion: Deno.version.deno,
    cwd: attempt({ name: "read" }, () => Deno.cwd()) ?? "",
    path: attempt({ name: "env", variable: "PATH" }, () => Deno.env.get("PATH")),
    readTextFile: (path) => attempt({ name: "read", path }, () => Deno.readTextFileSync(path)),
    pathDelimiter: Deno.build.os === "windows" ? ";" : ":",
  });
}

if (import.meta.main) await main();
