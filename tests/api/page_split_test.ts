/**
 * A page whose tasks would cost more than `maxPageParsedBytes` once parsed is asked again in
 * smaller pages, the same tasks in the same order; only a task past the limit alone is an error.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import {
  densePolygonTask,
  denseProject,
  documentedCost,
  pagesAsked,
} from "../_fixtures/dense_project.ts";
import { ApiError } from "../../lib/errors.ts";
import type { LabClientOptions } from "../../lib/api/lab_client_options.ts";
import type { Task } from "../../lib/api/types.ts";
import { type FakeProject, startFakeLab } from "../../testing/fake_lab.ts";

const FILTERS = { optionalFields: ["data"] };

/** Walks project `dense` with `options`: the task ids taken, the pages asked and the warnings. */
async function walk(project: FakeProject, options: Partial<LabClientOptions>) {
  await using lab = await startFakeLab({ projects: [project] });
  const warnings: string[] = [];
  const ids: string[] = [];
  const client = clientOf(lab, { ...options, onWarning: (message) => warnings.push(message) });
  let error: unknown;
  const all = async () => {
    for await (const task of client.tasks("dense", FILTERS)) ids.push(task._id);
  };
  await withDeadline(all(), 30_000, "the walk of every page").catch((thrown) => error = thrown);
  return { ids, asked: pagesAsked(lab.requests), warnings, error };
}

/** Tasks 0 to 9 of 3 vertices, then tasks 10 to 24 of 400: pages 1 light, 2 and 3 dense. */
function lightThenDense(): Task[] {
  return Array.from({ length: 25 }, (_, i) => densePolygonTask(i, i < 10 ? 3 : 400));
}

Deno.test("a page past maxPageParsedBytes is asked again in smaller pages: the same tasks, in order", async () => {
  const tasks = lightThenDense();
  // 5 dense tasks fit in a page, 10 do not; 10 light ones do.
  const maxPageParsedBytes = Math.round(5.5 * documentedCost(tasks[10]));
  assert.ok(10 * documentedCost(tasks[0]) < maxPageParsedBytes);

  const small = await walk(denseProject(tasks), { pageSize: 10, maxPageParsedBytes });
  assert.equal(small.error, undefined);
  assert.deepEqual(small.ids, tasks.map((task) => task._id));
  // Page 2 of 10 (tasks 11 to 20) is past the limit: pages of 5 from page 3 (tasks 11 to 15) on.
  assert.deepEqual(small.asked, [[1, 10], [2, 10], [3, 5], [4, 5], [5, 5]]);
  assert.equal(small.warnings.length, 1, small.warnings.join("\n"));
  assert.equal(
    small.warnings[0],
    `Page 2 of the tasks (10 tasks) would take more than ${maxPageParsedBytes} bytes of memory ` +
      "once parsed, the limit per page: its tasks and the ones after it are asked in smaller " +
      "pages (5 tasks, fewer if need be).",
  );

  // The same tasks as with a limit none of these pages reaches, which asks pages of 10 only.
  const big = await walk(denseProject(tasks), { pageSize: 10 });
  assert.deepEqual(big.asked, [[1, 10], [2, 10], [3, 10]]);
  assert.deepEqual(small.ids, big.ids);
  assert.deepEqual(big.warnings, []);
});

Deno.test("a first page past maxPageParsedBytes is halved down to a task a page if need be", async () => {
  const tasks = Array.from({ length: 5 }, (_, i) => densePolygonTask(i, 400));
  // One dense task fits, two do not.
  const maxPageParsedBytes = Math.round(1.5 * documentedCost(tasks[0]));
  const { ids, asked, warnings, error } = await walk(denseProject(tasks), {
    pageSize: 4,
    maxPageParsedBytes,
  });
  assert.equal(error, undefined);
  assert.deepEqual(ids, ["t00", "t01", "t02", "t03", "t04"]);
  assert.deepEqual(asked, [[1, 4], [1, 2], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1]]);
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(warnings[0], /^Page 1 of the tasks \(4 tasks\) .* \(2 tasks, fewer if need be\)\.$/);
});

Deno.test("a task past maxPageParsedBytes alone ends the walk with an error naming it", async () => {
  const tasks = Array.from({ length: 6 }, (_, i) => densePolygonTask(i, i === 3 ? 800 : 3));
  const maxPageParsedBytes = Math.round(documentedCost(tasks[3]) / 2);
  assert.ok(10 * documentedCost(tasks[0]) < maxPageParsedBytes);

  const { ids, asked, warnings, error } = await walk(denseProject(tasks), {
    pageSize: 10,
    maxPageParsedBytes,
  });
  // Page 1 of 10 is past the limit, then page 1 of 5; page 4 of 1 is task 4 alone.
  assert.deepEqual(asked, [[1, 10], [1, 5], [1, 1], [2, 1], [3, 1], [4, 1]]);
  assert.deepEqual(ids, ["t00", "t01", "t02"]);
  assert.equal(warnings.length, 1, warnings.join("\n"));
  errorWith(
    ApiError,
    new RegExp(
      String.raw`^The lab answered GET api/task-manager/tasks\?\S*page=4&limit=1\S* with task 4 ` +
        `of the tasks asked, which alone would take more than ${maxPageParsedBytes} bytes of ` +
        String.raw`memory once parsed, as estimated from its text: past the limit per page, ` +
        String.raw`options\.maxPageParsedBytes, even in a page of one task\.$`,
    ),
  )(error);
});
