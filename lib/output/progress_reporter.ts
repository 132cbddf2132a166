import type { ExportEvent } from "../model/export_summary.ts";
import { hostPlatform, type Platform } from "../model/platform.ts";
import { ProgressBar } from "./progress_bar.ts";
import { inertLine, inertText } from "../inert_text.ts";
import { failureReason, type SettingHint } from "./failure_reason.ts";
import { plural } from "./plural.ts";

// Below this many tasks, plain logs get no progress lines: the summary says it all.
const PLAIN_PROGRESS_MIN = 20;

/** Options of {@linkcode progressReporter}. */
export interface ProgressReporterOptions {
  /** Writes to the progress stream (stderr). */
  write: (text: string) => void;
  /** Whether that stream is a terminal: a redrawn bar there, plain lines elsewhere. */
  isTerminal: boolean;
  /** The clock, in milliseconds. @default {performance.now} */
  now?: () => number;
  /** A dry run: its header says "Would export", and its plan goes to `writePlan`. @default {false} */
  dryRun?: boolean;
  /** Where a dry run's header and planned tasks go (stdout: the plan is the output). @default {write} */
  writePlan?: (text: string) => void;
  /** Whose path separator the files are shown with (`street\a.png` on Windows). @default {hostPlatform()} */
  platform?: Platform;
  /** How this surface names the setting that would let a failed task through. @default {none} */
  hintOf?: SettingHint;
}

/** Receives an export's events; `end()` closes the bar. */
export interface ProgressReporter {
  /** Handles one export event. */
  onProgress(event: ExportEvent): void;
  /** Ends the progress display. */
  end(): void;
}

/**
 * Shows an export's progress: on a terminal a bar with counts, rate and time left; elsewhere (CI
 * logs) a line at the start and, for 20 tasks or more, every 10%. Failed and renamed tasks get a line of their own, with
 * their id and name, as they happen.
 *
 * @param options Where to write, and whether it is a terminal.
 * @returns The reporter, whose `onProgress` goes to `exportMasks`.
 *
 * @example
 * ```ts
 * import { progressReporter } from "@lab/masks/output";
 *
 * const lines: string[] = [];
 * const reporter = progressReporter({ write: (text) => lines.push(text), isTerminal: false });
 * reporter.onProgress({ type: "start", total: 10, folder: "/tmp/out" });
 * console.log(lines[0]); // "Exporting 10 tasks to \"/tmp/out\"\n"
 * ```
 */
export function progressReporter(options: ProgressReporterOptions): ProgressReporter {
  const { write, isTerminal } = options;
  const bar = isTerminal ? new ProgressBar({ write, now: options.now }) : undefined;
  let nextTenth = 1;
  // Mask paths hold no `\` (they are made portable), so on Windows each `/` is a separator.
  const file = (path: string | undefined) =>
    (options.platform ?? hostPlatform()) === "windows"
      ? quote(path).replaceAll("/", "\\")
      : quote(path);
  const say = (line: string, to = write) => {
    bar?.end();
    to(`${line}\n`);
  };
  const plan = options.writePlan ?? write;
  return {
    onProgress(event) {
      if (event.type === "start") {
        say(startLine(event, options.dryRun), options.dryRun ? plan : write);
        return;
      }
      const { done, total } = event;
      const outcome = event.type === "task" ? event.outcome : undefined;
      if (outcome?.status === "failed") {
        say(
          `failed: ${quote(outcome.taskName)} (${inertText(outcome.taskId)}): ` +
            inertText(failureReason(outcome, options.hintOf)),
        );
      } else if (outcome?.status === "planned") {
        say(
          `would export: ${quote(outcome.taskName)} (${inertText(outcome.taskId)}) to ${
            file(outcome.file)
          }`,
          plan,
        );
      }
      if (outcome?.warning !== undefined) {
        say(
          `warning: ${quote(outcome.taskName)} (${inertText(outcome.taskId)}): ${outcome.warning}`,
        );
      }
      if (outcome?.renamedFrom !== undefined && outcome.status !== "planned") {
        say(
          `renamed: ${quote(outcome.taskName)} (${inertText(outcome.taskId)}): ` +
            `${outcome.renameReason ?? "its name is taken"}; written as ${file(outcome.file)}`,
        );
      }
      if (bar) bar.update(done, total);
      else if (total >= PLAIN_PROGRESS_MIN && done >= (total * nextTenth) / 10) {
        while (done >= (total * nextTenth) / 10) nextTenth++;
        write(`progress: ${done}/${total} tasks (${Math.round((done / total) * 100)}%)\n`);
      }
    },
    end() {
      bar?.end();
    },
  };
}

/** A task name or path as a JSON string: control characters and escapes cannot reach a terminal. */
/** A server or task string, quoted and made inert for the log. */
function quote(text: string | undefined): string {
  return inertText(JSON.stringify(text ?? ""));
}

/** The line that starts an export (or a dry run's plan): how many tasks, and where, inert. */
function startLine(event: { total: number; folder: string }, dryRun?: boolean): string {
  const tasks = plural(event.total, "task");
  const folder = inertLine(event.folder);
  return dryRun
    ? `Would export from ${tasks} to "${folder}":`
    : `Exporting ${tasks} to "${folder}"`;
}
