import assert from "../_std/assert.ts";
import { ApiError } from "../../lib/errors.ts";
import { LabClient, type LabClientOptions } from "../../lib/api/lab_client.ts";
import type { Task } from "../../lib/api/types.ts";
import { type FakeLab, type FakeLabOptions, startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";

const PROJECT = sampleProject("p1", 120);

function clientOf(lab: FakeLab, options: Partial<LabClientOptions> = {}): LabClient {
  return new LabClient({
    endpoint: lab.url,
    accessId: lab.accessId,
    secretKey: lab.secretKey,
    retryDelayMs: 1,
    pageSize: 10,
    ...options,
  });
}

async function tasksFrom(
  labOptions: Partial<FakeLabOptions>,
  clientOptions: Partial<LabClientOptions> = {},
): Promise<{ tasks: Task[]; lab: FakeLab }> {
  await using lab = await startFakeLab({ projects: [PROJECT], ...labOptions });
  const tasks: Task[] = [];
  for await (const task of clientOf(lab, clientOptions).tasks("p1")) tasks.push(task);
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
    assert.match(error.message, /after 3 attempts.*ISAHIT_LAB_API_ENDPOINT/);
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
