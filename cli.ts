/**
 * The `lab-masks` command line: `export` a lab project's masks, or run the `demo`.
 *
 * ```sh
 * deno run -A jsr:@lab/masks export --project-id proj_123 --status-in complete
 * ```
 *
 * Tests and scripts call {@linkcode run}, which returns the exit code instead of exiting.
 *
 * @module
 */
import denoJson from "./deno.json" with { type: "json" };
import { ExportFileSource } from "./lib/api/export_file_source.ts";
import { readJsonFile } from "./lib/api/json_array_stream.ts";
import { LabClient } from "./lib/api/lab_client.ts";
import type { TaskSource } from "./lib/api/task_source.ts";
import { credentialsFromEnv } from "./lib/cli/credentials_from_env.ts";
import { parseExportFlags } from "./lib/cli/export_flags.ts";
import { exportHelp, programHelp } from "./lib/cli/help.ts";
import { loadSemanticMapping } from "./lib/cli/load_semantic_mapping.ts";
import { closestWord } from "./lib/cli/closest_word.ts";
import { runDemo } from "./lib/cli/run_demo.ts";
import { ConfigError, exitCodeOf, MasksError } from "./lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "./lib/export/export_masks.ts";
import type { SemanticMapping } from "./lib/detect/resolve_semantic_mapping.ts";
import { formatSummary } from "./lib/output/format_summary.ts";
import { progressReporter } from "./lib/output/progress_reporter.ts";

export { closestWord, credentialsFromEnv, exportHelp, loadSemanticMapping, parseExportFlags };
import type { ExportCommand } from "./lib/cli/export_flags.ts";
export type { ExportCommand, ExportFlag, FlagKind } from "./lib/cli/export_flags.ts";
export type { LabCredentials } from "./lib/cli/credentials_from_env.ts";
export { DEFAULT_ENDPOINT } from "./lib/cli/credentials_from_env.ts";
export { EXPORT_FLAGS } from "./lib/cli/export_flags.ts";
export { programHelp } from "./lib/cli/help.ts";

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
  /** Stops the export between tasks, e.g. on Ctrl-C. */
  signal?: AbortSignal;
}

/**
 * Runs the command line with `args` and returns the exit code: 0 all exported, 1 some tasks
 * failed, 2 usage or configuration error, 3 API error, 130 interrupted.
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
  const colour = isTerminal && !env("NO_COLOR");
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      // No command at all is a usage error: the help goes to stderr and the exit code is 2.
      (command === undefined ? stderr : stdout)(programHelp(VERSION));
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-V") {
      stdout(`lab-masks ${VERSION}\n`);
      return 0;
    }
    if (command === "export") {
      return await runExport(rest, { ...options, stdout, stderr, env, isTerminal });
    }
    if (command === "demo") return await runDemo(rest, { run, stdout, stderr, isTerminal });
    const nearest = closestWord(command, ["export", "demo", "help"]);
    throw new ConfigError(
      `Unknown command "${command}"` + (nearest ? `; did you mean "${nearest}"?` : "") +
        ` Commands: export, demo. See "--help"`,
    );
  } catch (error) {
    return report(error, { stderr, colour, signal: options.signal });
  }
}

type Io = Required<Pick<RunOptions, "stdout" | "stderr" | "env" | "isTerminal">> & RunOptions;

async function runExport(args: readonly string[], io: Io): Promise<number> {
  const command = parseExportFlags(args);
  if (command.help) {
    io.stdout(exportHelp());
    return 0;
  }
  const { client, projectId } = await taskSourceOf(command, io);
  const semanticMapping = command.semanticMapping === undefined
    ? undefined
    : await loadSemanticMapping(command.semanticMapping, (path) => Deno.readTextFile(path));
  const reporter = command.json ? undefined : progressReporter({
    write: io.stderr,
    isTerminal: io.isTerminal,
  });
  try {
    const summary = await exportMasks({
      client,
      projectId,
      inputId: command.inputId,
      filters: command.filters,
      outputFolder: command.outputFolder,
      outputFilename: command.outputFilename,
      replaceExtension: command.replaceExtension,
      semanticMapping: semanticMapping as SemanticMapping | undefined,
      maskFormat: command.maskFormat as ExportMasksOptions["maskFormat"],
      ignoreIndex: command.ignoreIndex,
      dryRun: command.dryRun,
      shard: command.shard,
      resume: command.resume,
      incremental: command.incremental,
      overwrite: command.overwrite,
      concurrency: command.concurrency,
      maxPixels: command.maxPixels,
      memoryBudgetBytes: command.memoryBudget === undefined
        ? undefined
        : command.memoryBudget * 2 ** 20,
      signal: io.signal,
      onProgress: reporter?.onProgress,
    });
    reporter?.end();
    if (command.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout(formatSummary(summary).map((line) => `${line}\n`).join(""));
    return summary.failed > 0 ? 1 : 0;
  } finally {
    reporter?.end();
  }
}

/** The lab API, or an export file with `--from-export` (then no credentials are needed). */
async function taskSourceOf(
  command: ExportCommand,
  io: Io,
): Promise<{ client: TaskSource; projectId: string }> {
  if (command.fromExport === undefined) {
    if (command.config !== undefined) {
      throw new ConfigError('Option "--config" goes with --from-export', { setting: "config" });
    }
    const credentials = credentialsFromEnv(io.env, command.endpoint);
    return {
      client: new LabClient({ ...credentials, signal: io.signal }),
      projectId: command.projectId,
    };
  }
  if (command.config === undefined) {
    throw new ConfigError(
      'Option "--from-export" needs --config <file>: the project configuration JSON, as the API\'s ' +
        "project-configuration returns it",
      { setting: "config" },
    );
  }
  const configuration = await readJsonFile(command.config, "config") as { projectId?: unknown };
  const projectId = command.projectId ||
    (typeof configuration?.projectId === "string" ? configuration.projectId : "");
  return {
    client: new ExportFileSource({ exportFile: command.fromExport, configFile: command.config }),
    projectId,
  };
}

function report(
  error: unknown,
  options: { stderr: (text: string) => void; colour: boolean; signal?: AbortSignal },
): number {
  const label = options.colour ? "\x1b[31merror\x1b[0m" : "error";
  if (options.signal?.aborted && !(error instanceof MasksError)) {
    options.stderr(`${label}: interrupted; the masks written so far are complete\n`);
    return 130;
  }
  if (error instanceof MasksError) {
    options.stderr(`${label}: ${error.message}\n`);
    return exitCodeOf(error);
  }
  options.stderr(
    `${label}: unexpected failure, please report it: ${(error as Error)?.stack ?? error}\n`,
  );
  return 1;
}

function writerOf(stream: { writeSync(bytes: Uint8Array): number }): (text: string) => void {
  const encoder = new TextEncoder();
  return (text) => {
    const bytes = encoder.encode(text);
    let written = 0;
    while (written < bytes.length) written += stream.writeSync(bytes.subarray(written));
  };
}

if (import.meta.main) {
  const controller = new AbortController();
  let interrupted = 0;
  Deno.addSignalListener("SIGINT", () => {
    // The first Ctrl-C lets the masks being written finish; a second one stops at once.
    if (++interrupted > 1) Deno.exit(130);
    controller.abort();
  });
  Deno.exit(await run(Deno.args, { signal: controller.signal }));
}
