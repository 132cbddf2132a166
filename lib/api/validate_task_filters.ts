import { ConfigError } from "../errors.ts";
import { parseDateFilter } from "./parse_date_filter.ts";
import type { TaskFilters } from "./types.ts";

const LIST_FILTERS = ["batchIdIn", "statusIn", "taskIdIn", "nameIn", "optionalFields"] as const;
const DATE_FILTERS = [
  "createdAtGt",
  "createdAtGte",
  "createdAtLt",
  "createdAtLte",
  "updatedAtGt",
  "updatedAtGte",
  "updatedAtLt",
  "updatedAtLte",
] as const;
const RECORD_FILTERS = ["data", "properties"] as const;

/**
 * Checks task filters before any request: every date must be valid (see
 * {@linkcode parseDateFilter}), lists must not be empty, and no value may be an empty string (an
 * empty filter would silently match everything or nothing).
 *
 * @param filters The filters as the user gave them.
 * @param settingName How to name a filter in errors; defaults to its CLI flag, e.g.
 * `updatedAtGte` → `--updated-at-gte`.
 * @returns A copy of the filters with dates trimmed.
 * @throws {ConfigError} when a date is invalid, a list is empty, or a value is empty.
 *
 * @example
 * ```ts
 * import { validateTaskFilters } from "@lab/masks/api";
 *
 * const filters = validateTaskFilters({ statusIn: ["complete"], updatedAtGte: "2024-12-25" });
 * console.log(filters.updatedAtGte); // "2024-12-25"
 * try {
 *   validateTaskFilters({ statusIn: [] });
 * } catch (error) {
 *   console.log((error as Error).message); // 'Option "--status-in" is empty: give at least one value.'
 * }
 * ```
 */
export function validateTaskFilters(
  filters: TaskFilters,
  settingName: (key: keyof TaskFilters) => string = flagName,
): TaskFilters {
  const valid: TaskFilters = { ...filters };
  for (const key of LIST_FILTERS) {
    const values = filters[key];
    if (values === undefined) continue;
    const setting = settingName(key);
    if (values.length === 0) {
      throw new ConfigError(`Option ${quote(setting)} is empty: give at least one value.`, {
        setting,
      });
    }
    if (values.some(isBlank)) {
      throw new ConfigError(`Option ${quote(setting)} has an empty value: remove it.`, { setting });
    }
    valid[key] = [...values];
  }
  if (filters.nameLike !== undefined && isBlank(filters.nameLike)) {
    const setting = settingName("nameLike");
    throw new ConfigError(`Option ${quote(setting)} is empty: give a part of a task name.`, {
      setting,
    });
  }
  for (const key of DATE_FILTERS) {
    const value = filters[key];
    if (value !== undefined) valid[key] = parseDateFilter(value, settingName(key));
  }
  for (const key of RECORD_FILTERS) {
    const record = filters[key];
    if (record === undefined) continue;
    const setting = settingName(key);
    for (const [field, value] of Object.entries(record)) {
      if (isBlank(field) || isBlank(value)) {
        throw new ConfigError(
          `Option ${quote(setting)} has an empty field name or value ` +
            `(${quote(field)}=${quote(value)}): write it as "field=value".`,
          { setting },
        );
      }
    }
    valid[key] = { ...record };
  }
  return valid;
}

/** The CLI flag of a filter: `updatedAtGte` → `--updated-at-gte`. */
function flagName(key: keyof TaskFilters): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function isBlank(value: string): boolean {
  return value.trim() === "";
}

function quote(value: string): string {
  return JSON.stringify(value);
}
