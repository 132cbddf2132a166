import type { ExportEvent, ExportSummary, TaskOutcome } from "../model/export_summary.ts";
import { countInSplit } from "../model/split_counts.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import type { FormatTaskResult, FormatWriter } from "../formats/format_writer.ts";
import { eachTask, type TaskLoop, type TaskTurn } from "./_task_loop.ts";
import { taskIdsOf } from "../model/task_ids.ts";

/**
 * Hands every task to the writer in the source's order and counts each result in the summary; a
 * writer that reads ahead (COCO's masks, on workers) is given `writer.ahead` tasks to prepare
 * before it takes the first. Returns how many tasks came.
 */
export async function writeTasks(
  writer: FormatWriter,
  summary: ExportSummary,
  loop: TaskLoop,
  options: { split?: SplitPlan; onProgress?: (event: ExportEvent) => void },
): Promise<number> {
  const { split, onProgress } = options;
  const ahead: TaskTurn[] = [];
  let done = 0;
  const takeOldest = async () => {
    const { task, mine } = ahead.shift()!;
    const ids = taskIdsOf(task);
    const result = await writer.take(task, mine);
    done++;
    if (result === undefined) {
      onProgress?.({ type: "advance", done, total: summary.total });
      return;
    }
    const outcome = addOutcome(summary, ids, result);
    if (summary.splits && result.status === "exported") {
      countInSplit(summary.splits, { split: splitOf(ids.taskId, split!), labels: result.labels });
    }
    onProgress?.({ type: "task", outcome, done, total: summary.total });
  };
  for await (const turn of eachTask(loop)) {
    writer.prepare?.(turn.task, turn.mine);
    ahead.push(turn);
    if (ahead.length > (writer.ahead ?? 0)) await takeOldest();
  }
  while (ahead.length > 0) {
    loop.signal?.throwIfAborted();
    await takeOldest();
  }
  return done;
}

/** Counts a task's result in the summary, and lists it where it belongs. */
function addOutcome(
  summary: ExportSummary,
  ids: { taskId: string; taskName: string },
  result: FormatTaskResult,
): TaskOutcome {
  const status = result.status === "exported" && summary.dryRun ? "planned" : result.status;
  const outcome: TaskOutcome = { ...ids, status };
  if (result.file !== undefined) outcome.file = result.file;
  if (result.reason !== undefined) outcome.reason = result.reason;
  if (result.setting !== undefined) outcome.setting = result.setting;
  if (result.renamedFrom !== undefined) {
    Object.assign(outcome, {
      renamedFrom: result.renamedFrom,
      renameReason: result.renameReason,
    });
    summary.renamed.push(outcome);
  }
  if (result.leftOut) {
    // Said once per task, as a mask export says it of the annotations it cannot draw.
    outcome.warning = result.leftOut === 1
      ? "1 annotation has no label with a class, so it was left out"
      : `${result.leftOut} annotations have no label with a class, so they were left out`;
    (summary.warnings ??= []).push(outcome);
  }
  summary[status]++;
  summary.annotationsLeftOut! += result.leftOut ?? 0;
  if (status === "planned") summary.plannedTasks.push(outcome);
  if (status === "skipped") summary.skippedTasks.push(outcome);
  if (status === "failed") summary.failures.push(outcome);
  return outcome;
}
