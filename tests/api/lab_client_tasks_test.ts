import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { ApiError } from "../../lib/errors.ts";
import { taskQuery } from "../../lib/api/task_query.ts";
import type { Task, TaskFilters } from "../../lib/api/types.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";
import { withDeadline } from "../_fixtures/deadline.ts";

/** How long a test waits for one page or request before it fails. */
const PAGE_DEADLINE_MS = 10_000;

const TASKS_PATH = "/api/task-manager/tasks";

/** Every item, within a deadline: a walk of pages that never ends fails instead of hanging. */
function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const walk = async () => {
    const all: T[] = [];
    for await (const item of items) all.push(item);
    return all;
  };
  return withDeadline(walk(), PAGE_DEADLINE_MS * 3, "the walk of every page");
}

function taskRequests(lab: FakeLab) {
  return lab.requests.filter((request) => request.path === TASKS_PATH);
}

Deno.test("LabClient.tasks() walks every page in the lab's order", async () => {
  const project = sampleProject("p1", 250);
  await using lab = await startFakeLab({ projects: [project] });
  const client = clientOf(lab);

  // The sample tasks carry data, which the lab serves only when asked.
  const filters = { optionalFields: ["data"] };
  assert.deepEqual(await collect(client.tasks("p1", filters)), project.tasks);

  const requests = taskRequests(lab);
  assert.deepEqual(
    requests.map((request) => request.query.toString()),
    [1, 2, 3].map((page) => taskQuery("p1", filters, { page, limit: 100 }).toString()),
  );
  assert.ok(requests.every((request) => request.authorized && request.status === 200));
});

Deno.test("LabClient.taskPages() yields the lab's pages with the page size asked", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 25)] });
  const pages = await collect(clientOf(lab, { pageSize: 10 }).taskPages("p1"));
  assert.deepEqual(
    pages.map((page) => [page.page, page.docs.length, page.hasNextPage, page.nextPage]),
    [[1, 10, true, 2], [2, 10, true, 3], [3, 5, false, null]],
  );
});

Deno.test("LabClient.taskPages() fetches one page ahead of the caller, never two", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 30)] });
  const asked: string[] = [];
  const started = new Map<string, PromiseWithResolvers<void>>();
  const whenAsked = (page: string) =>
    started.get(page) ?? started.set(page, Promise.withResolvers()).get(page)!;
  const watching: typeof fetch = (input, init) => {
    const page = new URL(String(input)).searchParams.get("page");
    if (page !== null) {
      asked.push(page);
      whenAsked(page).resolve();
    }
    return fetch(input, init);
  };
  const pages = clientOf(lab, { fetch: watching, pageSize: 10 }).taskPages("p1");

  // Each wait has a deadline: a pagination regression fails here in seconds, never hangs.
  const next = () => withDeadline(pages.next(), PAGE_DEADLINE_MS, "the next page");
  const asking = (page: string) =>
    withDeadline(whenAsked(page).promise, PAGE_DEADLINE_MS, `the request for page ${page}`);
  assert.equal((await next()).value?.page, 1);
  await asking("2");
  assert.deepEqual(asked, ["1", "2"]);

  assert.equal((await next()).value?.page, 2);
  await asking("3");
  assert.deepEqual(asked, ["1", "2", "3"]);

  assert.equal((await next()).value?.page, 3);
  assert.equal((await next()).done, true);
  assert.deepEqual(asked, ["1", "2", "3"]);
});

Deno.test("LabClient.tasks() stops fetching when the caller stops reading", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 50)] });
  for await (const task of clientOf(lab, { pageSize: 10 }).tasks("p1")) {
    assert.equal(task._id, "task_0000");
    break;
  }
  assert.ok(taskRequests(lab).length <= 2);
});

Deno.test("LabClient.tasks() sends the filters, and the lab applies them", async () => {
  const project = sampleProject("p1", 60);
  await using lab = await startFakeLab({ projects: [project] });
  const filters: TaskFilters = {
    statusIn: ["complete", "reviewed"],
    batchIdIn: ["batch_a"],
    createdAtGte: "2024-12-05",
    updatedAtLt: "2025-01-10T00:00:00Z",
    nameLike: "frame_00",
    properties: { camera: "front" },
    data: { type: "default" },
  };
  const created = (task: Task) => Date.parse(task.createdAt ?? "");
  const expected = project.tasks.filter((task) =>
    task.status !== "to-review" && task.batchId === "batch_a" &&
    created(task) >= Date.UTC(2024, 11, 5) &&
    Date.parse(task.updatedAt ?? "") < Date.UTC(2025, 0, 10)
  );
  assert.ok(expected.length > 3 && expected.length < 20);

  const tasks = await collect(clientOf(lab, { pageSize: 3 }).tasks("p1", filters));

  assert.deepEqual(tasks.map((task) => task._id), expected.map((task) => task._id));
  assert.equal(
    taskRequests(lab)[0].query.toString(),
    taskQuery("p1", filters, { page: 1, limit: 3 }).toString(),
  );
});

Deno.test("LabClient.tasks() lists nothing for a project without matching tasks", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 5)] });
  assert.deepEqual(await collect(clientOf(lab).tasks("p1", { taskIdIn: ["nope"] })), []);
  assert.equal(taskRequests(lab).length, 1);
});

Deno.test("LabClient reaches a project whose id needs encoding", async () => {
  const project = sampleProject("proj/ü x", 2);
  await using lab = await startFakeLab({ projects: [project] });
  const client = clientOf(lab);
  assert.deepEqual(await client.getProjectConfiguration("proj/ü x"), project.configuration);
  const tasks = await collect(client.tasks("proj/ü x", { optionalFields: ["data"] }));
  assert.deepEqual(tasks, project.tasks);
  assert.equal(
    lab.requests[1].path,
    "/api/project-configuration-manager/projects/proj%2F%C3%BC%20x/project-configuration",
  );
});

Deno.test("LabClient reports a project it cannot see", async (t) => {
  await using lab = await startFakeLab({
    projects: [sampleProject("p1", 2)],
    forbiddenProjects: ["p_hidden"],
  });
  const client = clientOf(lab);
  const check = (status: number, pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, status);
    assert.equal(error.method, "GET");
    assert.match(error.message, pattern);
    assert.deepEqual(lab.findSecrets(error), []);
    return true;
  };

  await t.step("as unknown on 404, naming the project id, without retrying", async () => {
    const before = lab.requests.length;
    await assert.rejects(
      client.getProjectConfiguration("p_typo"),
      check(404, /^Unknown project "p_typo" \(404 Not Found on GET api\/project-config/),
    );
    await assert.rejects(collect(client.tasks("p_typo")), check(404, /"p_typo"/));
    assert.equal(lab.requests.slice(before).filter((r) => r.status === 404).length, 2);
  });

  await t.step("as no access on 403, naming the project id, without retrying", async () => {
    const before = lab.requests.length;
    await assert.rejects(
      client.getProjectConfiguration("p_hidden"),
      check(403, /^No access to project "p_hidden" \(403 Forbidden on GET /),
    );
    await assert.rejects(collect(client.tasks("p_hidden")), check(403, /"p_hidden"/));
    assert.equal(lab.requests.slice(before).length, 2);
  });
});
