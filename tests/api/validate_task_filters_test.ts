import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import type { TaskFilters } from "../../lib/api/types.ts";
import { validateTaskFilters } from "../../lib/api/validate_task_filters.ts";

function refusal(filters: TaskFilters) {
  try {
    validateTaskFilters(filters);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail(`validateTaskFilters() accepted ${JSON.stringify(filters)}`);
}

Deno.test("validateTaskFilters()", async (t) => {
  await t.step("returns valid filters with their dates trimmed", () => {
    const filters: TaskFilters = {
      batchIdIn: ["b1"],
      statusIn: ["complete", "reviewed"],
      taskIdIn: ["t1"],
      nameIn: ["a b.jpg"],
      nameLike: "frame",
      createdAtGt: " 2024-12-01 ",
      updatedAtLte: "2024-12-25T00:00:00Z",
      data: { type: "default" },
      properties: { camera: "front" },
      optionalFields: ["data"],
    };
    assert.deepEqual(validateTaskFilters(filters), { ...filters, createdAtGt: "2024-12-01" });
    assert.equal(filters.createdAtGt, " 2024-12-01 ");
  });

  await t.step("accepts no filters at all", () => {
    assert.deepEqual(validateTaskFilters({}), {});
  });

  await t.step("refuses an invalid date, naming its option", () => {
    const error = refusal({ updatedAtGte: "2024-13-01" });
    assert.equal(error.setting, "updatedAtGte");
    assert.match(
      error.message,
      /^options\.filters\.updatedAtGte has an invalid date "2024-13-01"/,
    );
  });

  await t.step("refuses an empty list, naming its option", () => {
    const error = refusal({ statusIn: [] });
    assert.equal(error.setting, "statusIn");
    assert.equal(error.message, "options.filters.statusIn is empty: give at least one value");
  });

  await t.step("refuses an empty value in a list", () => {
    assert.equal(refusal({ batchIdIn: ["b1", " "] }).setting, "batchIdIn");
    assert.equal(refusal({ optionalFields: [""] }).setting, "optionalFields");
  });

  await t.step("refuses an empty name substring", () => {
    assert.equal(refusal({ nameLike: "" }).setting, "nameLike");
  });

  await t.step("refuses an empty data or property field or value", () => {
    const error = refusal({ data: { type: "" } });
    assert.equal(error.setting, "data");
    assert.match(error.message, /"type"=""/);
    assert.equal(refusal({ properties: { "": "front" } }).setting, "properties");
  });

  await t.step("refuses a value that holds a lone surrogate, which the query would change", () => {
    const error = refusal({ statusIn: ["complete", "re\udc00viewed"] });
    assert.equal(error.setting, "statusIn");
    assert.equal(
      error.message,
      'options.filters.statusIn has a value that is not well-formed Unicode ("re\\udc00viewed" ' +
        "holds a lone surrogate): give the value as the lab writes it",
    );
    assert.equal(refusal({ nameLike: "\ud800" }).setting, "nameLike");
    assert.match(refusal({ data: { type: "a\ud83d" } }).message, /"type=a\\ud83d"/);
    assert.equal(refusal({ properties: { "\udfff": "front" } }).setting, "properties");
    // A pair is one character, and well-formed.
    assert.deepEqual(validateTaskFilters({ nameLike: "\ud83d\ude42" }), { nameLike: "🙂" });
  });

  await t.step("names settings the caller's way when rendered", () => {
    const inputName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c}`).toLowerCase();
    const error = refusal({ createdAtLt: "tomorrow" });
    assert.equal(error.setting, "createdAtLt");
    assert.match(error.render((key) => `Option "${inputName(key)}"`), /^Option "created_at_lt"/);
  });
});
