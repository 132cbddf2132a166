import { checkArgumentType, TEXT } from "../option_types.ts";

// The dates a user may give a filter, and the lab's own: the SDK's `YYYY-MM-DD HH:MM:SS` and
// `YYYY-MM-DD`, and ISO 8601 with optional seconds, fraction and offset (the lab API spec,
// "Tasks").
const SDK_DATE = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))?$/i;

/**
 * Reads a lab date as an instant, the same in every time zone: `YYYY-MM-DD HH:MM:SS` and
 * `YYYY-MM-DD` (the SDK's forms) and ISO 8601 such as `2024-12-25T10:00:00.120Z` or
 * `2024-12-25T10:00+02:00`. A date without an offset is UTC, never the machine's local time.
 * Surrounding spaces are dropped.
 *
 * @param value The date.
 * @returns Milliseconds since the epoch, or `NaN` when the value is not one of these forms or
 * names a day or time that does not exist (31 April, 29 February outside leap years, 24:00).
 * @throws {TypeError} when the value is not a string.
 *
 * @example
 * ```ts
 * import { parseLabDate } from "@lab/masks/api";
 *
 * console.log(parseLabDate("2024-12-25 10:00:00") === Date.UTC(2024, 11, 25, 10)); // true
 * console.log(parseLabDate("2024-12-25T10:00:00") === Date.UTC(2024, 11, 25, 10)); // true
 * console.log(parseLabDate("2024-12-25T12:00:00+02:00") === Date.UTC(2024, 11, 25, 10)); // true
 * console.log(Number.isNaN(parseLabDate("2024-04-31"))); // true
 * ```
 */
export function parseLabDate(value: string): number {
  checkArgumentType(value, "value", TEXT);
  const text = value.trim();
  const sdk = SDK_DATE.exec(text);
  const iso = sdk ? null : ISO_DATE.exec(text);
  if (!sdk && !iso) return NaN;
  const [year, month, day, hour, minute, second] = (sdk ?? iso!).slice(1, 7).map(Number);
  const fraction = Number(`0.${iso?.[7] ?? 0}`);
  const sign = iso?.[8] === "-" ? -1 : 1;
  const [offsetHour, offsetMinute] = [Number(iso?.[9] ?? 0), Number(iso?.[10] ?? 0)];
  const time = [hour, minute, second].map((part) => Number.isNaN(part) ? 0 : part);
  const instant = Date.UTC(year, month - 1, day, time[0], time[1], time[2]);
  // Date.UTC rolls 31 April over to 1 May: a date that does not come back whole does not exist.
  const date = new Date(instant);
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day && time[0] <= 23 && time[1] <= 59 && time[2] <= 59 &&
    offsetHour <= 23 && offsetMinute <= 59;
  if (!exists) return NaN;
  return instant + Math.floor(fraction * 1000) - sign * (offsetHour * 60 + offsetMinute) * 60_000;
}

/**
 * Writes an instant as the SDK writes filter dates, `YYYY-MM-DD HH:MM:SS`, in UTC whatever the
 * machine's time zone (milliseconds are dropped).
 *
 * @param instant The instant, as a `Date` or milliseconds since the epoch.
 * @returns The date in UTC.
 *
 * @example
 * ```ts
 * import { formatLabDate } from "@lab/masks/api";
 *
 * console.log(formatLabDate(Date.UTC(2024, 11, 25, 9, 55, 0, 500))); // "2024-12-25 09:55:00"
 * ```
 */
export function formatLabDate(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 19).replace("T", " ");
}
