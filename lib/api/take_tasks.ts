import type { Task, TaskPage } from "./types.ts";

/**
 * A page's tasks, one at a time, each let go by the page as it is taken. A caller's loop keeps
 * its page while the next one is fetched and parsed, which is when most young collections
 * happen: tasks still in the page then survive them and pile up in V8's old generation until a
 * full collection. Emptied slot by slot, the page holds only the tasks not taken yet.
 *
 * @param page A page from `LabClient.taskPages`; its `docs` are emptied as they are taken.
 * @returns Its tasks, in order.
 *
 * @example
 * ```ts
 * import { takeTasks } from "./take_tasks.ts";
 *
 * const page = { docs: [{ _id: "t1", name: "a.jpg" }, { _id: "t2", name: "b.jpg" }] };
 * for (const task of takeTasks(page)) console.log(task._id, page.docs.includes(task)); // t1 false
 * ```
 */
export function* takeTasks(page: Pick<TaskPage, "docs">): Generator<Task> {
  const docs: (Task | undefined)[] = page.docs;
  for (let i = 0; i < docs.length; i++) {
    const task = docs[i]!;
    docs[i] = undefined;
    yield task;
  }
}
