import type { Task } from "../lib/api/types.ts";

// The fake lab's own reading of the lab API spec's "Tasks" query keys, written apart from the
// library's offline source (lib/api/_filter_tasks.ts) so a test can catch a wrong rule in either.

/** Repeated keys: a task matches when its field equals one of the values. */
const ONE_OF: Record<string, keyof Task> = {
  batchIds: "batchId",
  statuses: "status",
  taskIds: "_id",
  taskNames: "name",
};

/** Keys the endpoint knows that select no task. */
const PAGING_KEYS = ["projectId", "pagination", "page", "limit", "optionalFields"];

/**
 * The tasks matching every filter of the query, in their order, or the message of a 400 answer.
 *
 * @param tasks The project's tasks.
 * @param query The request's query.
 * @returns The matching tasks, or the reason the query is refused.
 */
export function filterTasks(
  tasks: Task[],
  query: URLSearchParams,
): { tasks: Task[] } | { error: string } {
  const checks: ((task: Task) => boolean)[] = [];
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    if (key in ONE_OF) {
      checks.push((task) => values.includes(String(task[ONE_OF[key]])));
    } else if (key === "nameLike") {
      checks.push((task) => typeof task.name === "string" && task.name.includes(values[0]));
    } else if (key === "createdAt" || key === "updatedAt") {
      for (const value of values) {
        const check = dateCheck(key, value);
        if (check === undefined) {
          return {
            error: `Invalid ${key} filter ${JSON.stringify(value)}: use >, >=, < or <= and a date.`,
          };
        }
        checks.push(check);
      }
    } else if (key.startsWith("data.") || key.startsWith("properties.")) {
      const [root, ...path] = key.split(".");
      checks.push((task) => textAt(task[root as "data" | "properties"], path) === values[0]);
    } else if (!PAGING_KEYS.includes(key)) {
      return { error: `Unknown query parameter ${JSON.stringify(key)}.` };
    }
  }
  // No filter: the project's own list, not a copy of it per page (projects of 100,000 tasks).
  if (checks.length === 0) return { tasks };
  return { tasks: tasks.filter((task) => checks.every((check) => check(task))) };
}

/** `>=2024-12-25 00:00:00` and the like, as a check of the task's date. */
function dateCheck(
  key: "createdAt" | "updatedAt",
  value: string,
): ((task: Task) => boolean) | undefined {
  const [, operator, date] = /^(>=|<=|>|<)(.*)$/.exec(value) ?? [];
  const bound = operator === undefined ? NaN : instant(date);
  if (Number.isNaN(bound)) return undefined;
  // Projects of 100,000 tasks share few dates: each is read once per request.
  const instants = new Map<string, number>();
  return (task) => {
    const text: unknown = task[key];
    if (typeof text !== "string") return false;
    let at = instants.get(text);
    if (at === undefined) instants.set(text, at = instant(text));
    if (Number.isNaN(at)) return false;
    if (operator === ">=") return at >= bound;
    if (operator === "<=") return at <= bound;
    return operator === ">" ? at > bound : at < bound;
  };
}

/** A date as the lab reads it: ISO 8601 or the SDK's `YYYY-MM-DD HH:MM:SS`, UTC unless zoned. */
function instant(text: string): number {
  const iso = text.trim().replace(" ", "T");
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/i.test(iso)) {
    return NaN;
  }
  const zoned = !iso.includes("T") || /(Z|[+-]\d{2}:\d{2})$/i.test(iso);
  return Date.parse(zoned ? iso : `${iso}Z`);
}

/** The value at a path of a document, as a string, or `undefined` where there is none. */
function textAt(document: unknown, path: string[]): string | undefined {
  const value = path.reduce<unknown>(
    (node, part) =>
      typeof node === "object" && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined,
    document,
  );
  return value === undefined || value === null ? undefined : String(value);
}
