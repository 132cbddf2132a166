import { ConfigError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import { checkOptionTypes, type OptionType, TEXT, TEXTS } from "../option_types.ts";
import { settingMessage, type SettingRef, subject } from "../_setting_message.ts";
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

/** An object of strings: `{ camera: "front" }`. */
const FIELDS: OptionType = {
  expects: "an object of strings",
  is: (value) =>
    typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.values(value).every((field) => typeof field === "string"),
};

/** Every filter's type: the lists, the strings (the dates and `nameLike`) and the records. */
const FILTER_TYPES: Readonly<Record<keyof TaskFilters, OptionType>> = {
  ...Object.fromEntries(LIST_FILTERS.map((key) => [key, TEXTS])),
  ...Object.fromEntries(DATE_FILTERS.map((key) => [key, TEXT])),
  ...Object.fromEntries(RECORD_FILTERS.map((key) => [key, FIELDS])),
  nameLike: TEXT,
} as Record<keyof TaskFilters, OptionType>;

/**
 * Checks task filters before any request: every date must be valid (see
 * {@linkcode parseDateFilter}), lists must not be empty, and no value may be an empty string (an
 * empty filter would silently match everything or nothing) or hold a lone surrogate (the query
 * would carry another value).
 *
 * @param filters The filters as the user gave them.
 * @returns A copy of the filters with dates trimmed.
 * @throws {ConfigError} when a date is invalid, a list is empty, or a value is empty or not
 * well-formed Unicode (a lone surrogate); its `setting` is the filter's key, e.g. `"statusIn"`.
 * @throws {TypeError} when the filters are not an object, one is not a filter the lab knows (a
 * misspelt filter would match every task), or a value is of the wrong type (a string for a list).
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
 *   console.log((error as Error).message); // "options.filters.statusIn is empty: give at least one value"
 * }
 * ```
 */
export function validateTaskFilters(filters: TaskFilters): TaskFilters {
  checkTaskFilterTypes(filters);
  const valid: TaskFilters = { ...filters };
  for (const key of LIST_FILTERS) {
    const values = filters[key];
    if (values === undefined) continue;
    if (values.length === 0) {
      throw new ConfigError(settingMessage`${filter(key)} is empty: give at least one value`, {
        setting: key,
      });
    }
    if (values.some(isBlank)) {
      throw new ConfigError(settingMessage`${filter(key)} has an empty value: remove it`, {
        setting: key,
      });
    }
    const illFormed = values.find(isIllFormed);
    if (illFormed !== undefined) throw illFormedError(key, illFormed);
    valid[key] = [...values];
  }
  if (filters.nameLike !== undefined && isIllFormed(filters.nameLike)) {
    throw illFormedError("nameLike", filters.nameLike);
  }
  if (filters.nameLike !== undefined && isBlank(filters.nameLike)) {
    throw new ConfigError(
      settingMessage`${filter("nameLike")} is empty: give a part of a task name`,
      {
        setting: "nameLike",
      },
    );
  }
  for (const key of DATE_FILTERS) {
    const value = filters[key];
    if (value !== undefined) valid[key] = parseDateFilter(value, key);
  }
  for (const key of RECORD_FILTERS) {
    const record = filters[key];
    if (record === undefined) continue;
    for (const [field, value] of Object.entries(record)) {
      if (isBlank(field) || isBlank(value)) {
        throw new ConfigError(
          settingMessage`${filter(key)} has an empty field name or value (${quote(field)}=${
            quote(value)
          }): write it as "field=value"`,
          { setting: key },
        );
      }
      if (isIllFormed(field) || isIllFormed(value)) throw illFormedError(key, `${field}=${value}`);
    }
    valid[key] = { ...record };
  }
  return valid;
}

/**
 * Checks that task filters are an object of known filters, each of its type (a list of strings, a
 * string, an object of strings); their values are the lab's to judge (see
 * {@linkcode validateTaskFilters} for the checks an export adds).
 *
 * @param filters The filters as the caller gave them.
 * @throws {TypeError} when the filters are not an object, one is not a filter the lab knows (a
 * misspelt filter would match every task), or a value is of the wrong type (a string for a list).
 *
 * @example
 * ```ts
 * import { checkTaskFilterTypes } from "@lab/masks/api";
 *
 * try {
 *   checkTaskFilterTypes({ statusIn: "complete" } as never);
 * } catch (error) {
 *   console.log((error as Error).message); // 'options.filters.statusIn must be a list of strings; got the string "complete"'
 * }
 * ```
 */
export function checkTaskFilterTypes(filters: TaskFilters): void {
  checkOptionTypes(filters, FILTER_TYPES, "options.filters");
  const unknown = Object.keys(filters).find((key) => !Object.hasOwn(FILTER_TYPES, key));
  if (unknown !== undefined) {
    throw new TypeError(
      `options.filters.${inertText(unknown)} is not a task filter; the filters are ${
        Object.keys(FILTER_TYPES).join(", ")
      }`,
    );
  }
}

/** A task filter as the subject of a message: `options.filters.statusIn` in the library's words. */
function filter(key: keyof TaskFilters): SettingRef {
  return subject(key, `filters.${key}`);
}

/**
 * Whether a value holds a lone surrogate: the query would carry U+FFFD in its place, and the lab
 * match another value than the one given.
 */
function isIllFormed(value: string): boolean {
  return !value.isWellFormed();
}

function illFormedError(key: keyof TaskFilters, value: string): ConfigError {
  return new ConfigError(
    settingMessage`${filter(key)} has a value that is not well-formed Unicode (${
      quote(value)
    } holds a lone surrogate): give the value as the lab writes it`,
    { setting: key },
  );
}

function isBlank(value: string): boolean {
  return value.trim() === "";
}

function quote(value: string): string {
  return JSON.stringify(value);
}
