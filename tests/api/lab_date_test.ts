import assert from "../_std/assert.ts";
import { formatLabDate, parseLabDate } from "../../lib/api/lab_date.ts";

const TEN_UTC = Date.UTC(2024, 11, 25, 10, 0, 0);

Deno.test("parseLabDate() reads every form as an instant, zone-less dates as UTC", () => {
  for (
    const [date, instant] of [
      ["2024-12-25 10:00:00", TEN_UTC],
      ["2024-12-25", Date.UTC(2024, 11, 25)],
      ["2024-12-25T10:00:00", TEN_UTC],
      ["2024-12-25T10:00", TEN_UTC],
      ["2024-12-25 10:00", TEN_UTC],
      ["2024-12-25t10:00:00z", TEN_UTC],
      ["2024-12-25T10:00:00.120Z", TEN_UTC + 120],
      ["2024-12-25T10:00:00.123456789Z", TEN_UTC + 123],
      ["2024-12-25T12:00:00+02:00", TEN_UTC],
      ["2024-12-25T04:30:00-0530", TEN_UTC],
      [" 2024-12-25 10:00:00\n", TEN_UTC],
      ["2024-02-29 00:00:00", Date.UTC(2024, 1, 29)],
    ] as const
  ) {
    assert.equal(parseLabDate(date), instant, date);
  }
});

Deno.test("parseLabDate() gives NaN for other forms and days or times that do not exist", () => {
  for (
    const date of [
      "",
      "2024-04-31",
      "2023-02-29",
      "2024-13-01",
      "2024-12-25 24:00:00",
      "2024-12-25T10:60",
      "2024-12-25T10:00:00+24:00",
      "2024-12-25 10",
      "25/12/2024",
      "1735084800",
    ]
  ) {
    assert.ok(Number.isNaN(parseLabDate(date)), date);
  }
});

Deno.test("formatLabDate() writes the SDK's form in UTC and reads back the same instant", () => {
  assert.equal(formatLabDate(TEN_UTC + 999), "2024-12-25 10:00:00");
  assert.equal(formatLabDate(new Date(TEN_UTC)), "2024-12-25 10:00:00");
  assert.equal(parseLabDate(formatLabDate(TEN_UTC)), TEN_UTC);
});
