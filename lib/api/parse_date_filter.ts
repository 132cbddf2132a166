import { ConfigError } from "../errors.ts";

// The SDK's own forms (`YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`), the same without seconds, and ISO
// 8601 with optional seconds, fraction and offset. The lab API spec, "Tasks": the value reaches the
// API as typed, but for the seconds added to `YYYY-MM-DD HH:MM`, the SDK's form.
const SDK_DATE = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const NO_SECONDS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?$/i;

/**
 * Checks a date filter the way a user typed it and returns the value to send to the lab.
 *
 * Accepted: `YYYY-MM-DD HH:MM:SS` (as the SDK documents), `YYYY-MM-DD HH:MM` (sent with `:00`
 * seconds), `YYYY-MM-DD`, and ISO 8601 such as `2024-12-25T00:00:00Z`, with milliseconds or an
 * offset (`+02:00`). The calendar values must exist (no 31 April, no 29 February outside leap
 * years). Surrounding spaces are dropped; the value is otherwise passed through unchanged.
 *
 * @param value The date as the user wrote it.
 * @param setting The option or input that held it, named in the error (e.g. `--updated-at-gte`).
 * @returns The trimmed date, ready for the query string.
 * @throws {ConfigError} when the value is not one of the accepted forms or not a real date.
 *
 * @example
 * ```ts
 * import { parseDateFilter } from "@lab/masks";
 *
 * console.log(parseDateFilter(" 2024-12-25 00:00:00 ", "--updated-at-gte")); // "2024-12-25 00:00:00"
 * console.log(parseDateFilter("2024-12-25 00:00", "--updated-at-gte")); // "2024-12-25 00:00:00"
 * try {
 *   parseDateFilter("2024-13-01", "--updated-at-gte");
 * } catch (error) {
 *   console.log((error as Error).message.startsWith('Option "--updated-at-gte"')); // true
 * }
 * ```
 */
export function parseDateFilter(value: string, setting: string): string {
  const date = value.trim();
  const parts = SDK_DATE.exec(date) ?? ISO_DATE.exec(date);
  if (parts === null || !isRealDate(parts)) {
    throw new ConfigError(
      `Option ${JSON.stringify(setting)} has an invalid date ${JSON.stringify(value)}: use ` +
        `"YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM", "YYYY-MM-DD" or ISO 8601 such as ` +
        `"2024-12-25T00:00:00Z".`,
      { setting },
    );
  }
  return NO_SECONDS.test(date) ? `${date}:00` : date;
}

/** Whether the matched year, month, day, time and offset fields name a moment that exists. */
function isRealDate(parts: RegExpExecArray): boolean {
  // Absent fields (time, offset) count as 0; the SDK form has no offset groups at all.
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHour = 0, offsetMinute = 0] =
    parts.slice(1).map((part) => part === undefined ? 0 : Number(part));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth &&
    hour <= 23 && minute <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59;
}
