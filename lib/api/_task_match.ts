import { inertText } from "../inert_text.ts";
import { type CallContext, isJsonObject, unexpectedAnswer } from "./_http_error.ts";
import type { TaskFilters } from "./types.ts";

// The filters a task's own fields show, each with the field it tests.
const FIELD_FILTERS = [
  ["statusIn", "status"],
  ["batchIdIn", "batchId"],
  ["taskIdIn", "_id"],
  ["nameIn", "name"],
] as const;

/**
 * Checks a page's tasks against the request: a task of another project is refused (the whole
 * answer is then wrong: nothing of it is exported as this project's); a task that does not match
 * a filter asked for (its status, batch, id or name; dates and data fields are the lab's to judge)
 * is exported as sent, and said.
 *
 * @param docs The page's tasks.
 * @param request The project and the filters asked for, the page's number and the call.
 * @returns A warning about the tasks that do not match the filters, if any.
 * @throws {ApiError} when a task carries another `projectId`.
 */
export function checkPageTasks(
  docs: readonly unknown[],
  request: { projectId: string; filters: TaskFilters; page: number; context: CallContext },
): string | undefined {
  const { projectId, filters, context } = request;
  let unmatched = 0;
  let example: string | undefined;
  for (const task of docs) {
    if (!isJsonObject(task)) continue;
    if (typeof task.projectId === "string" && task.projectId !== projectId) {
      throw unexpectedAnswer(context, {
        what: `task ${inertText(String(task._id))} of project ${inertText(task.projectId)}, ` +
          `not of ${inertText(projectId)}: nothing of this answer is exported`,
      });
    }
    const miss = mismatch(task, filters);
    if (miss === undefined) continue;
    unmatched++;
    example ??= `task ${inertText(String(task._id))} has ${miss}`;
  }
  if (unmatched === 0) return undefined;
  const tasks = unmatched === 1 ? "1 task" : `${unmatched} tasks`;
  return `The lab's page ${request.page} of project ${inertText(projectId)} holds ${tasks} ` +
    `that ${
      unmatched === 1 ? "does" : "do"
    } not match the filters asked for (${example}); they are exported as the lab sent them`;
}

/** The first filter `task` does not match, as `status "complete"`; `undefined`: it matches. */
function mismatch(task: Record<string, unknown>, filters: TaskFilters): string | undefined {
  for (const [filter, field] of FIELD_FILTERS) {
    const wanted = filters[filter];
    const value = task[field];
    if (wanted === undefined || wanted.length === 0 || typeof value !== "string") continue;
    if (!wanted.includes(value)) return `${field} ${inertText(JSON.stringify(value))}`;
  }
  const like = filters.nameLike;
  if (like !== undefined && typeof task.name === "string" && !task.name.includes(like)) {
    return `name ${inertText(JSON.stringify(task.name))}`;
  }
  return undefined;
}
