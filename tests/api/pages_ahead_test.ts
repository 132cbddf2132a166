import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { PageRequests } from "../../lib/api/_page_requests.ts";
import type { TaskPage } from "../../lib/api/types.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";
import { withDeadline } from "../_fixtures/deadline.ts";

/** How long a test waits for one page or request before it fails. */
const PAGE_DEADLINE_MS = 10_000;

/** A fetch that records each page asked, and tells when one is. */
function watchingFetch() {
  const asked: string[] = [];
  const started = new Map<string, PromiseWithResolvers<void>>();
  const whenAsked = (page: string) =>
    started.get(page) ?? started.set(page, Promise.withResolvers()).get(page)!;
  const fetching: typeof fetch = (input, init) => {
    const page = new URL(String(input)).searchParams.get("page");
    if (page !== null) {
      asked.push(page);
      whenAsked(page).resolve();
    }
    return fetch(input, init);
  };
  const asking = (page: string) =>
    withDeadline(whenAsked(page).promise, PAGE_DEADLINE_MS, `the request for page ${page}`);
  return { asked, fetching, asking };
}

function idsOf(pages: TaskPage[]): string[] {
  return pages.flatMap((page) => page.docs.map((task) => String(task._id)));
}

Deno.test("LabClient.taskPages() keeps `pagesAhead` pages asked while the caller holds one, yields the pages of a walk one ahead, and asks none past the last task", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 65)] });
  const { asked, fetching, asking } = watchingFetch();
  let ahead = 3;
  const pages = clientOf(lab, { fetch: fetching, pageSize: 10 })
    .taskPages("p1", {}, { pagesAhead: () => ahead });
  const next = () => withDeadline(pages.next(), PAGE_DEADLINE_MS, "the next page");
  const taken: TaskPage[] = [];

  taken.push((await next()).value!);
  await Promise.all(["2", "3", "4"].map(asking));
  assert.deepEqual(asked, ["1", "2", "3", "4"], "three pages asked while the caller holds page 1");
  taken.push((await next()).value!);
  await asking("5");
  assert.deepEqual(asked, ["1", "2", "3", "4", "5"]);
  // The caller wants one ahead again: the pages asked are taken, and no more than one is asked.
  ahead = 1;
  for (let page = 3; page <= 7; page++) taken.push((await next()).value!);
  assert.equal((await next()).done, true);
  assert.deepEqual(asked, ["1", "2", "3", "4", "5", "6", "7"], "each page once, none past the 7th");

  const oneAhead = [];
  for await (const page of clientOf(lab, { pageSize: 10 }).taskPages("p1")) oneAhead.push(page);
  assert.deepEqual(taken.map((page) => page.page), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(idsOf(taken), idsOf(oneAhead));
  assert.equal(idsOf(taken).length, 65);
});

Deno.test("PageRequests takes a page asked ahead only at its size, drops the others then, and asks no more than 16 MiB of tasks ahead", () => {
  const asked: string[] = [];
  const requests = new PageRequests((page, limit) => {
    asked.push(`${page}/${limit}`);
    return { page, limit };
  });
  requests.take(1, 100);
  requests.askAhead(1, 100, { pages: 3, pageBytes: 1024, totalDocs: 10_000 });
  assert.deepEqual(asked, ["1/100", "2/100", "3/100", "4/100"]);
  // Page 2 came back too costly: the walk goes on in pages of 50, asked anew.
  requests.clear();
  assert.deepEqual(requests.take(3, 50), { page: 3, limit: 50 });
  assert.deepEqual(asked.slice(4), ["3/50"]);
  // Pages of 6 MiB: two ahead at most, whatever the caller wants.
  requests.askAhead(3, 50, { pages: 4, pageBytes: 6 * 1024 * 1024, totalDocs: 10_000 });
  assert.deepEqual(asked.slice(5), ["4/50", "5/50"]);
  // A next page other than the one asked ahead (the lab's `nextPage` skipped one): asked anew.
  assert.deepEqual(requests.take(5, 50), { page: 5, limit: 50 });
  assert.deepEqual(asked.slice(7), ["5/50"]);
  // Pages of more than 16 MiB: none ahead.
  requests.askAhead(5, 50, { pages: 4, pageBytes: 17 * 1024 * 1024, totalDocs: 10_000 });
  assert.equal(asked.length, 8);
});

Deno.test("LabClient.taskPages() abandons the request under way when its signal aborts, rejecting with the signal's reason", async () => {
  await using lab = await startFakeLab({ projects: [sampleProject("p1", 5)] });
  let heard: AbortSignal | undefined;
  const asked = Promise.withResolvers<void>();
  // A lab that never answers a page: only the request's signal ends it.
  const hanging: typeof fetch = (input, init) => {
    if (new URL(String(input)).searchParams.get("page") === null) return fetch(input, init);
    heard = init?.signal ?? undefined;
    asked.resolve();
    return new Promise((_, reject) =>
      heard?.addEventListener("abort", () => reject(heard?.reason))
    );
  };
  const stop = new AbortController();
  const pages = clientOf(lab, { fetch: hanging }).taskPages("p1", {}, { signal: stop.signal });
  const first = pages.next();
  await withDeadline(asked.promise, PAGE_DEADLINE_MS, "the request for page 1");
  const reason = new Error("the caller stopped");
  stop.abort(reason);
  await assert.rejects(
    () => withDeadline(first, PAGE_DEADLINE_MS, "the page"),
    (error) => error === reason,
  );
  assert.equal(heard?.aborted, true, "the request's own signal aborted");
});
