/**
 * A task's id and name as outcomes, messages and manifest lines give them, whatever the lab or an
 * export file sent: a name that is missing is given as `""`, not as the word `undefined`, and one
 * that is not text as its JSON, not as `[object Object]`.
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
 * console.log(taskIdsOf({ _id: "t2", name: { a: 1 } } as never).taskName); // '{"a":1}'
 * ```
 */
export function taskIdsOf(task: Pick<Task, "_id" | "name">): TaskIds {
  return { taskId: String(task._id), taskName: textOf(task.name) };
}

/** A name as text: a string as it is, nothing as `""`, any other value as its JSON. */
function textOf(name: unknown): string {
  if (typeof name === "string") return name;
  if (name === undefined || name === null) return "";
  return JSON.stringify(name) ?? String(name);
}
