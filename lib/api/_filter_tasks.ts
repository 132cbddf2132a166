import { parseLabDate } from "./lab_date.ts";
import type { Task } from "./types.ts";

/** The matching tasks, or why the query is malformed (the fake lab answers 400). */
export type FilterResult = { tasks: Task[] } | { error: string };

const LIST_FIELDS = {
  batchIds: "batchId",
  statuses: "status",
  taskIds: "_id",
  taskNames: "name",
} as const;
const DATE_FIELDS = ["createdAt", "updatedAt"] as const;
const KNOWN_KEYS = new Set<string>([
  ...Object.keys(LIST_FIELDS),
  ...DATE_FIELDS,
  "nameLike",
  // Known to the endpoint, but they do not select tasks.
  "projectId",
  "pagination",
  "page",
  "limit",
  "optionalFields",
]);
const COMPARISONS = [
  [">=", (a: number, b: number) => a >= b],
  ["<=", (a: number, b: number) => a <= b],
  [">", (a: number, b: number) => a > b],
  ["<", (a: number, b: number) => a < b],
] as const;

type Test = (task: Task) => boolean;

/**
 * Keeps the tasks matching every filter of a `GET api/task-manager/tasks` query, in their order
 * (the lab API spec, "Tasks"). `nameLike` is a case-sensitive substring; dates compare as
 * instants, `YYYY-MM-DD HH:MM:SS` and zone-less ISO read as UTC; `data.<path>` and
 * `properties.<path>` compare the value at that dotted path of `task.data` or `task.properties`,
 * as a string, with the query value.
 */
export function filterTasks(tasks: Task[], query: URLSearchParams): FilterResult {
  const tests: Test[] = [];
  for (const [key, field] of Object.entries(LIST_FIELDS)) {
    const wanted = query.getAll(key);
    if (wanted.length) tests.push((task) => wanted.includes(String(task[field])));
  }
  const nameLike = query.get("nameLike");
  if (nameLike !== null) {
    tests.push((task) => typeof task.name === "string" && task.name.includes(nameLike));
  }
  for (const field of DATE_FIELDS) {
    for (const value of query.getAll(field)) {
      const test = dateTest(field, value);
      if (typeof test === "string") return { error: test };
      tests.push(test);
    }
  }
  for (const [key, value] of query) {
    if (key.startsWith("data.")) {
      tests.push((task) => valueAt(task.data, key.slice(5)) === value);
    } else if (key.startsWith("properties.")) {
      tests.push((task) => valueAt(task.properties, key.slice(11)) === value);
    } else if (!KNOWN_KEYS.has(key)) {
      return { error: `Unknown query parameter ${JSON.stringify(key)}.` };
    }
  }
  return { tasks: tasks.filter((task) => tests.every((test) => test(task))) };
}

function dateTest(field: "createdAt" | "updatedAt", value: string): Test | string {
  const comparison = COMPARISONS.find(([prefix]) => value.startsWith(prefix));
  const instant = comparison ? parseLabDate(value.slice(comparison[0].length)) : NaN;
  if (comparison === undefined || Number.isNaN(instant)) {
    return `Invalid ${field} filter ${JSON.stringify(value)}: use >, >=, < or <= and a date.`;
  }
  const compare = comparison[1];
  return (task) => {
    // A date that is no string (an export file's, edited) is no date: the task does not match.
    const value: unknown = task[field];
    const date = typeof value === "string" ? parseLabDate(value) : NaN;
    return !Number.isNaN(date) && compare(date, instant);
  };
}

/** The value at a dotted path of a document, as a string; `undefined` when it is missing. */
function valueAt(document: unknown, path: string): string | undefined {
  let value: unknown = document;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value === undefined || value === null ? undefined : String(value);
}
