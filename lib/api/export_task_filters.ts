import type { TaskFilters } from "./types.ts";

/**
 * The `optionalFields` every tasks request of an export sends, as the SDK's `export_tasks` does
 * (the lab API spec, "Tasks"): without `data` a task has no annotation data, and without
 * `data.mask` its masks are left out.
 */
export const EXPORT_OPTIONAL_FIELDS: readonly string[] = ["data", "data.mask", "jobs", "metrics"];

/**
 * The filters of an export's tasks requests: the user's, with `optionalFields` made of the
 * SDK's four ({@linkcode EXPORT_OPTIONAL_FIELDS}) and then the user's own, each once.
 *
 * @param filters The user's get-tasks filters.
 * @returns A copy of the filters with the export's optional fields.
 *
 * @example
 * ```ts
 * import { exportTaskFilters } from "@lab/masks/api";
 *
 * const filters = exportTaskFilters({ statusIn: ["complete"], optionalFields: ["data", "history"] });
 * console.log(filters.optionalFields); // ["data", "data.mask", "jobs", "metrics", "history"]
 * ```
 */
export function exportTaskFilters(filters: TaskFilters): TaskFilters {
  const fields = new Set([...EXPORT_OPTIONAL_FIELDS, ...filters.optionalFields ?? []]);
  return { ...filters, optionalFields: [...fields] };
}
