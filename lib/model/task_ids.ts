/**
 * A task's id and name as outcomes, messages and manifest lines give them, whatever the lab or an
 * export file sent: a name that is missing is given as `""`, not as the word `undefined`.
 *
 * @module
 */

import type { Task } from "../api/types.ts";

/** A task's id and name, as text. */
export interface TaskIds {
  /** The task id. */
  taskId: string;
  /** The task name; `""` when the task has none. */
  taskName: string;
}

/**
 * The task's id and name, as text.
 *
 * @param task The task, as the lab or an export file sent it.
 * @returns Its id and name.
 *
 * @example
 * ```ts
 * import { taskIdsOf } from "./task_ids.ts";
 *
 * console.log(taskIdsOf({ _id: "t1", name: "a.jpg" })); // { taskId: "t1", taskName: "a.jpg" }
 * console.log(taskIdsOf({ _id: "#3" } as never).taskName); // ""
 * ```
 */
export function taskIdsOf(task: Pick<Task, "_id" | "name">): TaskIds {
  const name: unknown = task.name;
  return {
    taskId: String(task._id),
    taskName: name === undefined || name === null ? "" : String(name),
  };
}
