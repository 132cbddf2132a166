import assert from "../_std/assert.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import type { RequestEvent } from "../../lib/api/request_event.ts";
import { ApiError } from "../../lib/errors.ts";
import { rejection } from "../_fixtures/deadline.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "./_fixtures.ts";
import { CREDENTIALS, hostileEnv, json, labBasics, serveHostile } from "./_hostile_server.ts";

const INJECTED = "x\r\n::error title=Injected::pwned\r\n::warning::pwned";

Deno.test("a login token with CR/LF is refused: no workflow command, no token in the CLI's output (exit 3)", async () => {
  await using lab = serveHostile((_request, path) =>
    path.endsWith("/auth/login")
      ? json({ access_token: INJECTED, expires_in: 3600 }, 201)
      : labBasics(path) ?? json({ message: "no" }, 404)
  );
  await using dir = await tempDir();
  for (const extra of [[], ["--verbose"], ["--json"]]) {
    const ran = await runCli(["export", "--project-id", "p1", ...extra], {
      env: hostileEnv(lab),
      cwd: dir.path,
    });
    const output = `${ran.stdout}\n${ran.stderr}`;
    assert.equal(ran.code, 3, output);
    assert.doesNotMatch(output, /^\s*::/m, "no line starts a workflow command");
    assert.equal(output.includes("pwned"), false, output);
    assert.equal(output.includes("Injected"), false, output);
    assert.match(output, /an `access_token` that is not a header value \(visible ASCII/);
  }
  // Nothing was sent with the token.
  assert.deepEqual(lab.received.filter((r) => r.authorization !== null), []);
});

Deno.test("every string of a request event is redacted and inert, whatever the runtime's error says", async () => {
  await using lab = serveHostile((_request, path) => labBasics(path) ?? json({}, 500));
  const events: RequestEvent[] = [];
  const fetching: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes("task-manager")) return fetch(input, init);
    const authorization = new Headers(init?.headers).get("authorization");
    // What a runtime may put in a network error: the header it refused, the body it sent.
    return Promise.reject(
      new TypeError(`bad header ${authorization}\r\n::error::pwned ${CREDENTIALS.secretKey}`),
    );
  };
  const client = new LabClient({
    endpoint: lab.url,
    ...CREDENTIALS,
    fetch: fetching,
    maxRetries: 1,
    retryDelayMs: 0,
    onRequest: (event) => events.push(event),
  });
  const error = await rejection(async () => {
    for await (const _task of client.tasks("p1")) {
      // Never reached.
    }
  });
  assert.ok(error instanceof ApiError, String(error));
  const failed = events.filter((event) => event.status === 0);
  assert.equal(failed.length, 2);
  for (
    const text of [...failed.map((event) => JSON.stringify(Object.values(event))), error.message]
  ) {
    for (const secret of ["tok-1", CREDENTIALS.secretKey]) {
      assert.equal(text.includes(secret), false, `${secret} in ${text}`);
    }
  }
  for (const event of failed) {
    assert.doesNotMatch(event.error ?? "", /[\r\n]/);
    assert.match(event.error ?? "", /bad header Bearer \*\*\*\\r\\n::error::pwned \*\*\*/);
  }
});
