import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { parseDateFilter } from "../../lib/api/parse_date_filter.ts";

Deno.test("parseDateFilter()", async (t) => {
  await t.step("accepts the SDK's forms and ISO 8601, passing them through unchanged", () => {
    for (
      const date of [
        "2024-12-25 00:00:00",
        "2024-12-25",
        "2024-12-25T00:00:00Z",
        "2024-12-25T23:59:59.999Z",
        "2024-12-25T10:00:00+02:00",
        "2024-12-25T10:00:00-0530",
        "2024-12-25T10:00",
        "2024-02-29 12:00:00",
        "2000-02-29",
      ]
    ) {
      assert.equal(parseDateFilter(date, "updatedAtGte"), date);
    }
  });

  await t.step("drops surrounding spaces", () => {
    assert.equal(parseDateFilter("  2024-12-25\n", "createdAtLt"), "2024-12-25");
    // Without seconds, sent in the SDK's form.
    assert.equal(parseDateFilter("2024-12-25 00:00", "createdAtLt"), "2024-12-25 00:00:00");
  });

  await t.step("refuses other forms and impossible dates, naming the option", () => {
    for (
      const date of [
        "",
        "2024-13-01",
        "2024-00-10",
        "2024-04-31",
        "2023-02-29",
        "1900-02-29",
        "2024-12-25 24:00:00",
        "2024-12-25 12:60:00",
        "2024-12-25T12:00:00+25:00",
        "25/12/2024",
        "2024-12-25T00:00:00Zjunk",
        "yesterday",
        "1735084800",
      ]
    ) {
      assert.throws(
        () => parseDateFilter(date, "updatedAtGte"),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.setting, "updatedAtGte");
          assert.match(error.message, /^options\.filters\.updatedAtGte has an invalid date /);
          assert.ok(error.message.includes(JSON.stringify(date)));
          assert.match(error.message, /YYYY-MM-DD HH:MM:SS.*ISO 8601/);
          return true;
        },
        date,
      );
    }
  });
});
