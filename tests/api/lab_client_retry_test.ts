import assert from "../_std/assert.ts";
import { clientOf as clientWith } from "../_fixtures/lab_client.ts";
import { ApiError } from "../../lib/errors.ts";
import type { LabClient } from "../../lib/api/lab_client.ts";
import type { LabClientOptions } from "../../lib/api/lab_client_options.ts";
import { MAX_RETRY_DELAY_MS, retryDelay } from "../../lib/api/_retry.ts";
import type { Task } from "../../lib/api/types.ts";
import { type FakeLab, type FakeLabOptions, startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";

const PROJECT = sampleProject("p1", 120);

function clientOf(lab: FakeLab, options: Partial<LabClientOptions> = {}): LabClient {
  return clientWith(lab, { pageSize: 10, ...options });
}

async function tasksFrom(
  labOptions: Partial<FakeLabOptions>,
  clientOptions: Partial<LabClientOptions> = {},
): Promise<{ tasks: Task[]; lab: FakeLab }> {
  await using lab = await startFakeLab({ projects: [PROJECT], ...labOptions });
  const tasks: Task[] = [];
  // The sample tasks carry data, which the lab serves only when asked.
  const filters = { optionalFields: ["data"] };
  for await (const task of clientOf(lab, clientOptions).tasks("p1", filters)) tasks.push(task);
  return { tasks, lab };
}

Deno.test("LabClient retries 429, 500 and 503 answers until it gets every task", async () => {
  const { tasks: expected } = await tasksFrom({});
  const { tasks, lab } = await tasksFrom({ faults: { rate: 0.3, seed: 42 } });

  assert.deepEqual(tasks, expected);
  assert.deepEqual(tasks, PROJECT.tasks);
  const faults = new Set(lab.requests.map((request) => request.fault));
  assert.deepEqual([...faults].sort(), ["429", "500", "503", undefined]);
  assert.ok(lab.requests.some((r) => r.status === 429 && r.fault === "429"));
});

Deno.test("LabClient retries cut connections and answers too slow to wait for", async () => {
  const { tasks, lab } = await tasksFrom(
    { faults: { rate: 0.3, seed: 42, kinds: ["reset", "delay"], delayMs: 250 } },
    { timeoutMs: 100 },
  );
  assert.deepEqual(tasks, PROJECT.tasks);
  const faults = new Set(lab.requests.map((request) => request.fault));
  assert.ok(faults.has("reset") && faults.has("delay"));
});

Deno.test("LabClient gives up after maxRetries and reports the last answer", async () => {
  await using lab = await startFakeLab({
    projects: [PROJECT],
    faults: { rate: 1, seed: 1, kinds: ["503"] },
  });
  await assert.rejects(clientOf(lab, { maxRetries: 2 }).getProjectConfiguration("p1"), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 503);
    assert.match(
      error.message,
      /503 Service Unavailable on GET api\/project-configuration-manager\/projects\/p1\//,
    );
    assert.match(error.message, /The lab said: Service Unavailable/);
    assert.deepEqual(lab.findSecrets(error), []);
    return true;
  });
  assert.deepEqual(lab.requests.map((request) => request.status), [201, 503, 503, 503]);
});

Deno.test("LabClient does not retry a 400 answer", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  // The client passes dates through; the lab refuses one it cannot read.
  const tasks = clientOf(lab).tasks("p1", { createdAtGt: "not a date" });
  await assert.rejects(tasks.next(), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.match(
      error.message,
      /^The lab refused the request \(400 Bad Request on GET api\/task-manager\/tasks\?/,
    );
    assert.match(error.message, /The lab said: Invalid createdAt filter/);
    assert.deepEqual(lab.findSecrets(error), []);
    return true;
  });
  assert.deepEqual(lab.requests.map((request) => request.status), [201, 400]);
});

Deno.test("LabClient reports an unreachable lab with status 0 and its URL", async () => {
  const lab = await startFakeLab({ projects: [PROJECT] });
  await lab.close();
  let attempts = 0;
  const counting: typeof fetch = (input, init) => {
    attempts++;
    return fetch(input, init);
  };
  const client = clientOf(lab, { fetch: counting, maxRetries: 2, secretKey: "s3cr3t-key" });

  await assert.rejects(client.getProjectConfiguration("p1"), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 0);
    assert.equal(error.method, "POST");
    assert.match(error.message, /^Cannot reach the lab at /);
    assert.ok(error.message.includes(`${lab.url}api/user-manager/auth/login`));
    assert.match(error.message, /after 3 attempts.*options\.endpoint/);
    assert.ok(!Deno.inspect(error, { depth: 10 }).includes("s3cr3t-key"));
    return true;
  });
  assert.equal(attempts, 3);
});

Deno.test("LabClient stops at once when its signal aborts", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const controller = new AbortController();
  const reason = new Error("the user cancelled");
  controller.abort(reason);
  const client = clientOf(lab, { signal: controller.signal });
  await assert.rejects(client.getProjectConfiguration("p1"), (error) => error === reason);
  assert.equal(lab.requests.length, 0);
});

/** A fetch that logs in through the real fake lab and answers every other call with `answer`. */
function stubbedCalls(
  lab: FakeLab,
  answer: (call: number, init?: RequestInit) => Promise<Response>,
) {
  let calls = 0;
  const fetch: typeof globalThis.fetch = (input, init) => {
    if (String(input) === `${lab.url}api/user-manager/auth/login`) {
      return globalThis.fetch(input, init);
    }
    return answer(++calls, init);
  };
  return { fetch, calls: () => calls };
}

/** A fetch promise that settles only when its signal aborts, like a server that never answers. */
function never(init: RequestInit | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
  });
}

Deno.test("LabClient never retries 400, 401, 403 or 404", async (t) => {
  const cases: [string, Partial<LabClientOptions>, string, number[]][] = [
    ["401 at login", { secretKey: "wrong" }, "p1", [401]],
    ["403 for a forbidden project", {}, "secret-project", [201, 403]],
    ["404 for an unknown project", {}, "nope", [201, 404]],
  ];
  for (const [name, options, projectId, statuses] of cases) {
    await t.step(name, async () => {
      await using lab = await startFakeLab({
        projects: [PROJECT, { ...sampleProject("secret-project", 1) }],
        forbiddenProjects: ["secret-project"],
      });
      await assert.rejects(clientOf(lab, options).getProjectConfiguration(projectId), ApiError);
      assert.deepEqual(lab.requests.map((request) => request.status), statuses);
    });
  }
  await t.step("400 on a task page", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT] });
    await assert.rejects(clientOf(lab).tasks("p1", { createdAtGt: "yesterday" }).next(), ApiError);
    assert.deepEqual(lab.requests.map((request) => request.status), [201, 400]);
  });
});

Deno.test("LabClient waits as long as Retry-After says rather than its own backoff", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const stub = stubbedCalls(lab, (call) =>
    Promise.resolve(
      call === 1
        ? Response.json({ message: "slow down" }, { status: 429, headers: { "retry-after": "0" } })
        : Response.json(PROJECT.configuration),
    ));
  // Its own backoff (10 minutes, capped at 30 s) does not fit the 10 s budget: only the server's
  // "0" lets the retry happen.
  const client = clientOf(lab, { fetch: stub.fetch, retryDelayMs: 600_000, retryBudgetMs: 10_000 });
  assert.deepEqual(await client.getProjectConfiguration("p1"), PROJECT.configuration);
  assert.equal(stub.calls(), 2);
});

Deno.test("LabClient gives up at once when Retry-After would outlast its retry budget", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const stub = stubbedCalls(lab, () =>
    Promise.resolve(
      Response.json({ message: "busy" }, { status: 503, headers: { "retry-after": "20" } }),
    ));
  const client = clientOf(lab, { fetch: stub.fetch, maxRetries: 50, retryBudgetMs: 5_000 });
  await assert.rejects(client.getProjectConfiguration("p1"), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 503);
    assert.match(
      error.message,
      /^The lab kept failing \(503 .*\) after 1 attempt: try again later/,
    );
    return true;
  });
  assert.equal(stub.calls(), 1);
});

Deno.test("LabClient stops retrying when its retry budget is spent, before maxRetries", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const stub = stubbedCalls(lab, () => Promise.reject(new TypeError("connection reset by peer")));
  // The backoff doubles from 1 ms: by the 10th retry one wait alone is longer than 200 ms.
  const client = clientOf(lab, { fetch: stub.fetch, maxRetries: 1000, retryBudgetMs: 200 });
  await assert.rejects(client.getProjectConfiguration("p1"), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 0);
    assert.match(error.message, /^Cannot reach the lab at .* connection reset by peer/);
    return true;
  });
  assert.ok(stub.calls() >= 1 && stub.calls() <= 10, `${stub.calls()} attempts`);
});

Deno.test("LabClient times out each attempt, and a hanging request within the budget", async (t) => {
  const cases: [string, Partial<LabClientOptions>, RegExp, number][] = [
    ["per attempt: timeoutMs", { timeoutMs: 20, maxRetries: 2 }, /3 attempts: .* within 20 ms/, 3],
    [
      "in all: retryBudgetMs cuts an attempt's long timeout short",
      // A retry's wait (1 s) never fits in what is left, however late the timeout fires.
      { timeoutMs: 600_000, retryBudgetMs: 50, retryDelayMs: 1_000 },
      /after 1 attempt: no answer within \d+ ms/,
      1,
    ],
  ];
  for (const [name, options, message, attempts] of cases) {
    await t.step(name, async () => {
      await using lab = await startFakeLab({ projects: [PROJECT] });
      const stub = stubbedCalls(lab, (_, init) => never(init));
      const client = clientOf(lab, { fetch: stub.fetch, ...options });
      await assert.rejects(client.getProjectConfiguration("p1"), (error) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.status, 0);
        assert.match(error.message, message);
        return true;
      });
      assert.equal(stub.calls(), attempts);
    });
  }
});

Deno.test("retryDelay() backs off exponentially with jitter, capped", () => {
  for (let attempt = 0; attempt < 6; attempt++) {
    const step = 100 * 2 ** attempt;
    const delays = Array.from({ length: 50 }, () => retryDelay(attempt, { baseMs: 100 }));
    assert.ok(delays.every((delay) => delay >= step / 2 && delay <= step), `attempt ${attempt}`);
    assert.ok(
      new Set(delays).size > 1,
      "jitter spreads the retries of clients that failed together",
    );
  }
  assert.equal(retryDelay(30, { baseMs: 100, retryAfter: null }) <= MAX_RETRY_DELAY_MS, true);
  assert.equal(retryDelay(0, { baseMs: 100, retryAfter: "3" }), 3000);
  assert.equal(retryDelay(0, { baseMs: 100, retryAfter: "3600" }), MAX_RETRY_DELAY_MS);
  const date = new Date(Date.now() - 60_000).toUTCString();
  assert.equal(retryDelay(0, { baseMs: 100, retryAfter: date }), 0, "a date in the past: no wait");
});
