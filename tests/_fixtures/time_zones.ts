/**
 * The time zones the date paths are tested in, far from UTC on both sides.
 *
 * @module
 */

/** Each zone's local offset in December, as `Date.prototype.getTimezoneOffset` gives it. */
export const OFFSET_BY_TIME_ZONE: Record<string, number> = {
  "America/New_York": 300,
  "Asia/Tokyo": -540,
};
