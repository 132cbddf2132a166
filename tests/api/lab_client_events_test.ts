import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import type { RequestEvent } from "../../lib/api/request_event.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";

Deno.test("LabClient reports each attempt to onRequest with its path, query, status and retry wait", async () => {
  await using lab = await startFakeLab({
    projects: [sampleProject("p1", 3)],
    faults: { rate: 0.5, seed: 7, kinds: ["503"] },
  });
  const events: RequestEvent[] = [];
  const client = clientOf(lab, { onRequest: (event) => events.push(event) });
  const tasks = [];
  for await (const task of client.tasks("p1", { statusIn: ["complete"] })) tasks.push(task);

  assert.equal(events.length, lab.requests.length);
  assert.deepEqual(
    events.map((event) => [event.method, event.status]),
    lab.requests.map((request) => [request.method, request.status]),
  );
  const login = events[0];
  assert.equal(login.path, "api/user-manager/auth/login");
  const page = events.find((event) => event.path.startsWith("api/task-manager/tasks?"));
  assert.match(page?.path ?? "", /projectId=p1.*statuses=complete/);
  const failed = events.filter((event) => event.status === 503);
  assert.ok(failed.length > 0, "the seeded faults answered 503");
  for (const event of failed) {
    assert.equal(typeof event.retryInMs, "number", "a 503 is retried after a wait");
    const next = events[events.indexOf(event) + 1];
    assert.equal(next.path, event.path);
    assert.equal(next.attempt, event.attempt + 1);
  }
  assert.ok(events.every((event) => event.maxAttempts === 5 && Number.isInteger(event.ms)));
  assert.deepEqual(lab.findSecrets(JSON.stringify(events)), []);
});

Deno.test("LabClient does not retry a request the runtime has no permission to send", async () => {
  let calls = 0;
  const client = new LabClient({
    endpoint: "http://127.0.0.1:9/",
    accessId: "id",
    secretKey: "secret",
    retryDelayMs: 1,
    fetch: () => {
      calls++;
      throw new Deno.errors.NotCapable(
        'Requires net access to "127.0.0.1:9", run again with the --allow-net flag',
      );
    },
  });
  await assert.rejects(client.getProjectConfiguration("p1"), Deno.errors.NotCapable);
  assert.equal(calls, 1);
});

Deno.test("LabClient names the endpoint's setting when the lab cannot be reached", async () => {
  const closed = await startFakeLab({ projects: [sampleProject("p1", 1)] });
  await closed.close();
  const client = clientOf(closed, { maxRetries: 0, endpointSetting: "--endpoint" });
  await assert.rejects(
    client.getProjectConfiguration("p1"),
    /Cannot reach the lab at .* Check --endpoint and the network\./,
  );
});
