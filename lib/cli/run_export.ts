import { ExportFileSource } from "../api/export_file_source.ts";
import { readJsonFile } from "../api/json_array_stream.ts";
import { LabClient } from "../api/lab_client.ts";
import type { LabClientOptions } from "../api/lab_client_options.ts";
import type { TaskSource } from "../api/task_source.ts";
import { ConfigError } from "../errors.ts";
import { exportMasks } from "../export/export_masks.ts";
import type { ExportEvent, ExportSummary } from "../model/export_summary.ts";
import { formatSummary } from "../output/format_summary.ts";
import { progressReporter } from "../output/progress_reporter.ts";
import { exists } from "../_std/fs.ts";
import { credentialsFromEnv } from "../api/credentials_from_env.ts";
import { insecureEndpointWarning } from "../api/insecure_endpoint_warning.ts";
import { emptySummary } from "../model/empty_summary.ts";
import { type ExportCommand, parseExportFlags } from "./export_flags.ts";
import { flagName } from "./_flag_name.ts";
import { exportHelp } from "./help.ts";
import { loadSemanticMapping } from "../detect/load_semantic_mapping.ts";
import { requestLog } from "./request_log.ts";
import { resumeCommand } from "./resume_command.ts";
import { projectIdFault } from "../api/project_id.ts";

/** What the `export` command reads and writes. */
export interface ExportIo {
  /** Looks up an environment variable. */
  env: (name: string) => string | undefined;
  /** Writes to standard output. */
  stdout: (text: string) => void;
  /** Writes to standard error. */
  stderr: (text: string) => void;
  /** Whether standard error is a terminal. */
  isTerminal: boolean;
  /** The words that start the program, for the resume command: `deno run -A jsr:@lab/masks`. */
  program: string;
  /** Stops the export between tasks; a reason naming `SIGTERM` makes the exit code 143. */
  signal?: AbortSignal;
  /** Settings of the lab client the command makes (retries, timeouts). */
  client?: ClientSettings;
}

/** The lab client's settings a caller of the command line may choose: how patiently it retries. */
export type ClientSettings = Pick<
  LabClientOptions,
  "maxRetries" | "retryDelayMs" | "timeoutMs" | "retryBudgetMs"
>;

/** The `--json` summary's format version, raised when a field changes meaning or goes. */
const JSON_VERSION = 1;

/**
 * The `export` command: reads its flags (all checked before credentials), exports, prints the
 * summary, and returns the exit code: 0, 1 (some tasks failed), 130 or 143 (interrupted, with the
 * command that resumes). Errors are thrown for the caller to report.
 *
 * @param args The arguments after `export`.
 * @param io The environment and output streams.
 * @returns The exit code.
 * @throws {ConfigError} on a bad flag or setting; {ApiError} when the lab fails.
 */
export async function runExport(args: readonly string[], io: ExportIo): Promise<number> {
  const command = parseExportFlags(args);
  if (command.help) {
    io.stdout(exportHelp(io.program));
    return 0;
  }
  const { settings, semanticMappingSource } = command;
  const semanticMapping = semanticMappingSource === undefined
    ? undefined
    : await loadSemanticMapping(semanticMappingSource);
  const { client, projectId } = await taskSourceOf(command, io);
  // The plan is the output of a dry run: it goes to stdout; progress and errors to stderr.
  const reporter = command.json ? undefined : progressReporter({
    write: command.quiet ? (text) => text.startsWith("failed: ") && io.stderr(text) : io.stderr,
    isTerminal: io.isTerminal && !command.quiet,
    dryRun: settings.dryRun ?? false,
    writePlan: io.stdout,
    hintOf: flagHint,
  });
  const progress = progressSummary(projectId, command);
  let summary: ExportSummary;
  try {
    summary = await exportMasks({
      ...settings,
      client,
      projectId,
      semanticMapping,
      signal: io.signal,
      onProgress: (event) => {
        progress.onProgress(event);
        reporter?.onProgress(event);
      },
    });
  } catch (error) {
    reporter?.end();
    if (!io.signal?.aborted) throw error;
    return await interrupted(progress.summary, { args, command, io });
  }
  reporter?.end();
  if (command.json) io.stdout(jsonSummary(summary, false));
  else {
    const lines = formatSummary(summary, { hintOf: flagHint });
    io.stdout(lines.map((line) => `${line}\n`).join(""));
  }
  const statuses = settings.filters?.statusIn;
  if (summary.total === 0 && statuses !== undefined) {
    io.stderr(
      `note: no task has the status ${statuses.join(" or ")}; statuses are ` +
        `case-sensitive (the lab's are lower-case, like "complete" and "reviewed")\n`,
    );
  }
  return summary.failed > 0 ? 1 : 0;
}

/** The flag that sets a setting, for a failed task's reason: `--memory-budget`. */
function flagHint(setting: string): string {
  return flagName(setting, "mention");
}

/** Says how far an interrupted export got and how to finish it; returns 130, or 143 for SIGTERM. */
async function interrupted(
  summary: ExportSummary | undefined,
  { args, command, io }: { args: readonly string[]; command: ExportCommand; io: ExportIo },
): Promise<number> {
  const reason = io.signal?.reason;
  const code = String(reason instanceof Error ? reason.message : reason).includes("SIGTERM")
    ? 143
    : 130;
  if (command.json && summary) io.stdout(jsonSummary(summary, true));
  const written = summary !== undefined && !command.settings.dryRun &&
    await exists(summary.folder);
  if (!written) {
    io.stderr("interrupted before any mask was written; run the same command again to export\n");
    return code;
  }
  io.stderr(
    `interrupted: the ${summary.exported} masks written are complete. To finish the export, ` +
      `run:\n  ${resumeCommand(io.program, args, summary.folder)}\n`,
  );
  return code;
}

function jsonSummary(summary: ExportSummary, interrupted: boolean): string {
  const json = {
    version: JSON_VERSION,
    interrupted,
    ...summary,
    durationMs: Math.round(summary.durationMs),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Counts an export's events, so an interrupted export can still say what it did. */
function progressSummary(projectId: string, command: ExportCommand) {
  const started = performance.now();
  let summary: ExportSummary | undefined;
  return {
    get summary() {
      if (summary) summary.durationMs = performance.now() - started;
      return summary;
    },
    onProgress(event: ExportEvent) {
      if (event.type === "start") {
        summary = emptySummary(
          projectId,
          event.folder,
          command.settings.maskFormat ?? "rgb",
          command.settings.dryRun ?? false,
        );
        summary.total = event.total;
        return;
      }
      if (event.type !== "task" || !summary) return;
      const { outcome } = event;
      const count = outcome.status === "exported" || outcome.status === "kept" ||
          outcome.status === "planned" || outcome.status === "skipped" ||
          outcome.status === "failed" || outcome.status === "removed"
        ? outcome.status
        : undefined;
      if (count) summary[count]++;
      if (outcome.status === "skipped") summary.skippedTasks.push(outcome);
      if (outcome.status === "planned") summary.plannedTasks.push(outcome);
      if (outcome.status === "failed") summary.failures.push(outcome);
      if (outcome.renamedFrom !== undefined) summary.renamed.push(outcome);
    },
  };
}

/** The lab API, or an export file with `--from-export` (then no credentials are needed). */
async function taskSourceOf(
  command: ExportCommand,
  io: ExportIo,
): Promise<{ client: TaskSource; projectId: string }> {
  if (command.fromExport === undefined) {
    if (command.config !== undefined) {
      throw new ConfigError('Option "--config" goes with --from-export', { setting: "configFile" });
    }
    const { endpointSetting, ...credentials } = credentialsFromEnv(io.env, command.endpoint);
    const warning = insecureEndpointWarning(credentials.endpoint);
    if (warning !== undefined && command.allowInsecureHttp) io.stderr(`warning: ${warning}\n`);
    return {
      client: new LabClient({
        ...io.client,
        ...credentials,
        endpointSetting,
        allowInsecureHttp: command.allowInsecureHttp,
        maxPageParsedBytes: command.maxPageParsedBytes,
        maxTaskBytes: command.maxTaskBytes,
        signal: io.signal,
        onWarning: (message) => io.stderr(`warning: ${message}\n`),
        onRequest: command.quiet ? undefined : requestLog({
          write: io.stderr,
          verbose: command.verbose,
        }),
      }),
      projectId: command.settings.projectId,
    };
  }
  if (command.config === undefined) {
    throw new ConfigError(
      'Option "--from-export" needs --config <file>: the project configuration JSON, as the API\'s ' +
        "project-configuration returns it; save it with: lab-masks config --project-id <id> > " +
        "config.json",
      { setting: "configFile" },
    );
  }
  const configuration = await readJsonFile(command.config, "configFile") as { projectId?: unknown };
  const projectId = command.settings.projectId ||
    (typeof configuration?.projectId === "string" ? configuration.projectId : "");
  const fault = command.settings.projectId ? undefined : projectIdFault(projectId);
  if (projectId !== "" && fault !== undefined) {
    // The configuration names the project: a bad id is the file's fault.
    throw new ConfigError(
      `The configuration "${command.config}" has a projectId that cannot be a lab project's: ` +
        `${JSON.stringify(projectId)} ${fault}`,
      { setting: "configFile" },
    );
  }
  return {
    client: new ExportFileSource({
      exportFile: command.fromExport,
      configFile: command.config,
      configuration,
    }),
    projectId,
  };
}
