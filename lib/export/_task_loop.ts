/**
 * The one loop over a project's tasks that every export shares (masks, `lab`, `yolo`, `coco`,
 * `maskFiles()`, and the incremental run's removal query): the pages in order, the first page's
 * total, a stop between tasks, whether a task is this shard's, and each task let go by its page
 * as it is taken.
 *
 * @module
 */

import { takeTasks } from "../api/take_tasks.ts";
import type { TaskSource } from "../api/task_source.ts";
import type { Task, TaskFilters } from "../api/types.ts";
import { inShard, type Shard } from "../model/shard.ts";

/** Which tasks {@linkcode eachTask} reads, and what it tells on the way. */
export interface TaskLoop {
  /** Where the tasks come from. */
  client: TaskSource;
  /** The project. */
  projectId: string;
  /** The filters sent to the source. */
  filters: TaskFilters;
  /** This job's part of the tasks, stable by task id; every task is read either way. */
  shard?: Shard;
  /** Stops the loop between tasks. */
  signal?: AbortSignal;
  /** Called with each task as soon as it is read (see `TaskPagesOptions.onTask`). */
  onTask?: (task: Task) => void;
  /** How many pages to keep asked ahead (see `TaskPagesOptions.pagesAhead`). Default: 1. */
  pagesAhead?: () => number;
  /** Called once, before the first task, with the first page's total. */
  onStart?: (total: number) => void;
  /** Abandons the requests under way when it aborts (see `TaskPagesOptions.signal`). */
  requests?: AbortSignal;
}

/** One task of the loop. */
export interface TaskTurn {
  /** The task, no longer held by its page. */
  task: Task;
  /** Whether it is this shard's (always, without a shard). */
  mine: boolean;
}

/**
 * The project's tasks in the source's order, page by page.
 *
 * @param loop The source, project, filters, shard and stop signal.
 * @returns Each task, with whether it is this shard's.
 * @throws {DOMException} the signal's reason when it is aborted, before the next task.
 */
export async function* eachTask(loop: TaskLoop): AsyncGenerator<TaskTurn> {
  const { client, shard, signal } = loop;
  const { projectId, filters, onTask, pagesAhead, requests } = loop;
  const pages = onTask || pagesAhead || requests
    ? client.taskPages(projectId, filters, {
      ...onTask && { onTask },
      ...pagesAhead && { pagesAhead },
      ...requests && { signal: requests },
    })
    : client.taskPages(projectId, filters);
  let first = true;
  for await (const page of pages) {
    if (first) {
      loop.onStart?.(page.totalDocs);
      first = false;
    }
    for (const task of takeTasks(page)) {
      signal?.throwIfAborted();
      yield { task, mine: !shard || inShard(String(task._id), shard) };
    }
  }
}
