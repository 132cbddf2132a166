import { ConfigError } from "../errors.ts";
import { settingMessage, subject } from "../_setting_message.ts";
import { parseLabDate } from "./lab_date.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

// The SDK's form without seconds reaches the API with `:00` added (the lab API spec, "Tasks").
const NO_SECONDS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const FORMS = '"YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM", "YYYY-MM-DD" or ISO 8601 such as ' +
  '"2024-12-25T00:00:00Z"';

/**
 * Checks a date filter the way a user typed it and returns the value to send to the lab.
 *
 * Accepted: `YYYY-MM-DD HH:MM:SS` (as the SDK documents), `YYYY-MM-DD HH:MM` (sent with `:00`
 * seconds), `YYYY-MM-DD`, and ISO 8601 such as `2024-12-25T00:00:00Z`, with milliseconds or an
 * offset (`+02:00`). The calendar values must exist (no 31 April, no 29 February outside leap
 * years). A date without an offset is UTC (see {@linkcode parseLabDate}). Surrounding spaces are
 * dropped; the value is otherwise passed through unchanged, as the lab API spec ("Tasks") wants.
 *
 * @param value The date as the user wrote it.
 * @param setting The date filter that held it, by its key (e.g. `updatedAtGte`), named in the
 * error in each surface's words.
 * @returns The trimmed date, ready for the query string.
 * @throws {ConfigError} when the value is not one of the accepted forms or not a real date.
 * @throws {TypeError} when an argument is not of its type.
 *
 * @example
 * ```ts
 * import { parseDateFilter } from "@lab/masks/api";
 *
 * console.log(parseDateFilter(" 2024-12-25 00:00:00 ", "updatedAtGte")); // "2024-12-25 00:00:00"
 * console.log(parseDateFilter("2024-12-25 00:00", "updatedAtGte")); // "2024-12-25 00:00:00"
 * try {
 *   parseDateFilter("2024-13-01", "updatedAtGte");
 * } catch (error) {
 *   console.log((error as Error).message.startsWith("options.filters.updatedAtGte")); // true
 * }
 * ```
 */
export function parseDateFilter(value: string, setting: string): string {
  checkArgumentType(value, "value", TEXT);
  const date = value.trim();
  if (Number.isNaN(parseLabDate(date))) {
    throw new ConfigError(
      settingMessage`${subject(setting, `filters.${setting}`)} has an invalid date ${
        JSON.stringify(value)
      }: use ${FORMS}`,
      { setting },
    );
  }
  return NO_SECONDS.test(date) ? `${date}:00` : date;
}
