import assert from "../_std/assert.ts";
import { taskQuery } from "../../lib/api/task_query.ts";

const FIRST_PAGE = { page: 1, limit: 100 };

Deno.test("taskQuery()", async (t) => {
  await t.step("always sends the project id, pagination, page and limit", () => {
    assert.equal(
      taskQuery("proj_1", {}, { page: 3, limit: 50 }).toString(),
      "projectId=proj_1&pagination=true&page=3&limit=50",
    );
  });

  await t.step("repeats a key for each value of a list filter", () => {
    const query = taskQuery("p", {
      batchIdIn: ["b1", "b2"],
      statusIn: ["complete", "reviewed"],
      taskIdIn: ["t1", "t2"],
      nameIn: ["a.jpg", "dir/b c.jpg"],
      optionalFields: ["data", "metrics"],
    }, FIRST_PAGE);
    assert.deepEqual([...query], [
      ["projectId", "p"],
      ["batchIds", "b1"],
      ["batchIds", "b2"],
      ["statuses", "complete"],
      ["statuses", "reviewed"],
      ["taskIds", "t1"],
      ["taskIds", "t2"],
      ["taskNames", "a.jpg"],
      ["taskNames", "dir/b c.jpg"],
      ["optionalFields", "data"],
      ["optionalFields", "metrics"],
      ["pagination", "true"],
      ["page", "1"],
      ["limit", "100"],
    ]);
  });

  await t.step("prefixes each date bound with its comparison under one repeated key", () => {
    const query = taskQuery("p", {
      createdAtGt: "2024-12-01",
      createdAtGte: "2024-12-02 00:00:00",
      createdAtLt: "2024-12-03T00:00:00Z",
      createdAtLte: "2024-12-04T00:00:00.000+02:00",
      updatedAtGt: "2025-01-01",
      updatedAtGte: "2025-01-02",
      updatedAtLt: "2025-01-03",
      updatedAtLte: "2025-01-04",
    }, FIRST_PAGE);
    assert.deepEqual(query.getAll("createdAt"), [
      ">2024-12-01",
      ">=2024-12-02 00:00:00",
      "<2024-12-03T00:00:00Z",
      "<=2024-12-04T00:00:00.000+02:00",
    ]);
    assert.deepEqual(query.getAll("updatedAt"), [
      ">2025-01-01",
      ">=2025-01-02",
      "<2025-01-03",
      "<=2025-01-04",
    ]);
  });

  await t.step("encodes the SDK's example date filter as the lab expects", () => {
    const query = taskQuery("p", { updatedAtGte: "2024-12-25 00:00:00" }, FIRST_PAGE);
    assert.equal(
      query.toString(),
      "projectId=p&updatedAt=%3E%3D2024-12-25+00%3A00%3A00&pagination=true&page=1&limit=100",
    );
  });

  await t.step("sends nameLike once and data and properties as dotted keys", () => {
    const query = taskQuery("p", {
      nameLike: "frame_00",
      data: { type: "default", "body.image.width": "1920" },
      properties: { camera: "front" },
    }, FIRST_PAGE);
    assert.deepEqual([...query].slice(1, -3), [
      ["nameLike", "frame_00"],
      ["data.type", "default"],
      ["data.body.image.width", "1920"],
      ["properties.camera", "front"],
    ]);
  });
});
