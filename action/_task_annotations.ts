import * as log from "./_log.ts";
import type { TaskOutcome } from "../lib/model/export_summary.ts";
import { inertText } from "../lib/inert_text.ts";
import { nativePath } from "../lib/model/platform.ts";
import { failureReason } from "../lib/output/failure_reason.ts";
import { inputHint } from "./_failure_message.ts";

/** How many tasks of each kind get an annotation, and a row in the job summary. */
export const MAX_LISTED = 50;

const KINDS = ["failed", "renamed", "skipped", "warned"] as const;

type Kind = typeof KINDS[number];

const TITLES: Record<Kind, string> = {
  failed: "Mask export failed",
  renamed: "Mask renamed",
  skipped: "Task skipped",
  warned: "Mask exported with a warning",
};

/**
 * Annotates tasks as they finish: a failed task is an error, a skipped task (no mask) or a
 * renamed one (its file name was taken, or not allowed on this system) a warning, and so is a task
 * exported with a warning (its mask's size is not the image's...). Only the first {@linkcode MAX_LISTED} of each
 * kind are annotated, so a large project cannot flood the run; `end()` says how many more there
 * were. The job summary lists them too.
 */
export class TaskAnnotations {
  #counts: Record<Kind, number> = { failed: 0, renamed: 0, skipped: 0, warned: 0 };

  /**
   * Annotates one finished task, if it needs it and its kind is under the limit.
   *
   * @param outcome What happened to the task.
   * @returns Whether an annotation was written (else the task goes to the plain log).
   */
  annotate(outcome: TaskOutcome): boolean {
    const kind = kindOf(outcome);
    if (kind === undefined || ++this.#counts[kind] > MAX_LISTED) return false;
    // Task names, ids and reasons come from the server: inert, they cannot end the line.
    const task = `Task ${inertText(JSON.stringify(outcome.taskName))} (${
      inertText(outcome.taskId)
    })`;
    if (kind === "failed") {
      const reason = failureReason(outcome, inputHint);
      log.error(`${task} failed: ${inertText(reason)}`, { title: TITLES.failed });
    } else if (kind === "renamed") {
      log.warning(`${task}: ${renameText(outcome)}`, { title: TITLES.renamed });
    } else if (kind === "warned") {
      log.warning(`${task}: ${inertText(outcome.warning)}`, { title: TITLES.warned });
    } else {
      log.warning(`${task} was skipped: ${inertText(outcome.reason)}`, { title: TITLES.skipped });
    }
    return true;
  }

  /** Writes one annotation per kind that went over the limit, with the count of the rest. */
  end(): void {
    for (const kind of KINDS) {
      const more = this.#counts[kind] - MAX_LISTED;
      if (more <= 0) continue;
      // Failed and renamed tasks past the limit still get a plain log line each.
      const where = kind === "skipped" ? "counted in the job summary" : "each named in the log";
      const text = `... and ${more} more ${kind} tasks, ${where}`;
      if (kind === "failed") log.error(text, { title: TITLES[kind] });
      else log.warning(text, { title: TITLES[kind] });
    }
  }
}

/** Which annotation a task deserves, if any. */
export function kindOf(outcome: TaskOutcome): Kind | undefined {
  if (outcome.status === "failed") return "failed";
  if (outcome.status === "skipped") return "skipped";
  if (outcome.renamedFrom !== undefined) return "renamed";
  return outcome.warning === undefined ? undefined : "warned";
}

/**
 * Why a renamed task's file has another name, and that name with the system's separator:
 * `"a.png" is taken by task t1; written as "a__t2.png"`.
 */
export function renameText(outcome: TaskOutcome): string {
  const reason = outcome.renameReason ?? `"${outcome.renamedFrom}" is taken by an earlier task`;
  return `${reason}; written as "${nativePath(outcome.file ?? "")}"`;
}
