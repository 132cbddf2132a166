import type { TaskFilters } from "./types.ts";

/** The page to ask for: its number (from 1) and its size. */
export interface TaskQueryPage {
  /** The page number, from 1. */
  page: number;
  /** How many tasks per page; the SDK asks 100. */
  limit: number;
}

// The lab API spec, "Tasks": each list filter is a repeated key.
const LIST_KEYS = [
  ["batchIdIn", "batchIds"],
  ["statusIn", "statuses"],
  ["taskIdIn", "taskIds"],
  ["nameIn", "taskNames"],
] as const;

// Date filters become one repeated key with a comparison prefix: `createdAt=>=2024-12-25 00:00:00`.
const DATE_KEYS = [
  ["createdAtGt", "createdAt", ">"],
  ["createdAtGte", "createdAt", ">="],
  ["createdAtLt", "createdAt", "<"],
  ["createdAtLte", "createdAt", "<="],
  ["updatedAtGt", "updatedAt", ">"],
  ["updatedAtGte", "updatedAt", ">="],
  ["updatedAtLt", "updatedAt", "<"],
  ["updatedAtLte", "updatedAt", "<="],
] as const;

/**
 * Builds the query string of one `GET api/task-manager/tasks` request, as the lab API expects it
 * (the lab API spec, "Tasks"): the project id, the filters, then `pagination=true`, `page`
 * and `limit`. Values are passed through as given; validate them first with
 * {@linkcode validateTaskFilters}.
 *
 * @param projectId The project whose tasks to list.
 * @param filters The SDK's get-tasks filters.
 * @param page The page number and size.
 * @returns The query parameters, lists as repeated keys.
 *
 * @example Statuses and a date
 * ```ts
 * import { taskQuery } from "./task_query.ts";
 *
 * const query = taskQuery("p1", {
 *   statusIn: ["complete", "reviewed"],
 *   updatedAtGte: "2024-12-25 00:00:00",
 * }, { page: 1, limit: 100 });
 * console.log(query.getAll("statuses")); // ["complete", "reviewed"]
 * console.log(query.get("updatedAt")); // ">=2024-12-25 00:00:00"
 * ```
 */
export function taskQuery(
  projectId: string,
  filters: TaskFilters,
  page: TaskQueryPage,
): URLSearchParams {
  const query = new URLSearchParams({ projectId });
  for (const [filter, key] of LIST_KEYS) {
    for (const value of filters[filter] ?? []) query.append(key, value);
  }
  if (filters.nameLike !== undefined) query.append("nameLike", filters.nameLike);
  for (const [filter, key, prefix] of DATE_KEYS) {
    const value = filters[filter];
    if (value !== undefined) query.append(key, `${prefix}${value}`);
  }
  for (const [field, value] of Object.entries(filters.data ?? {})) {
    query.append(`data.${field}`, value);
  }
  for (const [name, value] of Object.entries(filters.properties ?? {})) {
    query.append(`properties.${name}`, value);
  }
  for (const field of filters.optionalFields ?? []) query.append("optionalFields", field);
  query.append("pagination", "true");
  query.append("page", String(page.page));
  query.append("limit", String(page.limit));
  return query;
}
