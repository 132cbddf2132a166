import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { ApiError, ConfigError } from "../../lib/errors.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";

const PROJECT = sampleProject("p1", 3);
const LOGIN_PATH = "/api/user-manager/auth/login";
const CONFIGURATION_PATH = "/api/project-configuration-manager/projects/p1/project-configuration";

/** Checks an error is an ApiError that shows neither the secret key nor any token. */
function assertSafeApiError(lab: FakeLab, error: unknown): asserts error is ApiError {
  assert.ok(error instanceof ApiError, `expected an ApiError, got ${error}`);
  assert.deepEqual(lab.findSecrets(error), []);
}

Deno.test("LabClient logs in", async (t) => {
  await t.step("lazily, with a form body, then sends the token as a bearer", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT] });
    const client = clientOf(lab);
    assert.equal(lab.requests.length, 0);

    assert.deepEqual(await client.getProjectConfiguration("p1"), PROJECT.configuration);
    assert.deepEqual(await client.getProjectConfiguration("p1"), PROJECT.configuration);

    const [login, ...calls] = lab.requests;
    assert.equal(login.method, "POST");
    assert.equal(login.path, LOGIN_PATH);
    assert.equal(login.headers.get("content-type"), "application/x-www-form-urlencoded");
    assert.deepEqual([...login.form ?? []], [
      ["access_id", "demo-access-id"],
      ["secret_key", "demo-secret-key"],
    ]);
    assert.equal(login.status, 201);
    assert.equal(lab.issuedTokens.length, 1);
    for (const call of calls) {
      assert.equal(call.path, CONFIGURATION_PATH);
      assert.equal(call.headers.get("authorization"), `Bearer ${lab.issuedTokens[0]}`);
      assert.ok(call.authorized);
    }
  });

  await t.step("again before each call when the token expires within 60 s", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT], tokenTtlSeconds: 30 });
    const seen: string[] = [];
    const client = clientOf(lab, { onToken: (token) => seen.push(token) });

    await client.getProjectConfiguration("p1");
    await client.getProjectConfiguration("p1");

    assert.deepEqual(lab.requests.map((request) => request.path), [
      LOGIN_PATH,
      CONFIGURATION_PATH,
      LOGIN_PATH,
      CONFIGURATION_PATH,
    ]);
    assert.deepEqual(seen, lab.issuedTokens);
    assert.equal(lab.requests[3].headers.get("authorization"), `Bearer ${lab.issuedTokens[1]}`);
  });

  await t.step("once more and retries once when a call gets 401", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT], revokeTokenAfterRequests: 1 });
    const client = clientOf(lab);

    await client.getProjectConfiguration("p1");
    await client.getProjectConfiguration("p1");

    assert.deepEqual(lab.requests.map((request) => [request.path, request.status]), [
      [LOGIN_PATH, 201],
      [CONFIGURATION_PATH, 200],
      [CONFIGURATION_PATH, 401],
      [LOGIN_PATH, 201],
      [CONFIGURATION_PATH, 200],
    ]);
  });

  await t.step("only once when the fresh token is refused too", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT], revokeTokenAfterRequests: 0 });
    await assert.rejects(clientOf(lab).getProjectConfiguration("p1"), (error) => {
      assertSafeApiError(lab, error);
      assert.equal(error.status, 401);
      assert.match(error.message, /access token/);
      return true;
    });
    assert.deepEqual(lab.requests.map((request) => request.status), [201, 401, 201, 401]);
  });
});

Deno.test("LabClient reports a refused login", async (t) => {
  await t.step("naming the credential options on 401, without retrying", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT] });
    const client = clientOf(lab, { secretKey: "wrong-secret-key" });
    await assert.rejects(client.getProjectConfiguration("p1"), (error) => {
      assertSafeApiError(lab, error);
      assert.equal(error.status, 401);
      assert.equal(error.method, "POST");
      assert.equal(error.path, "api/user-manager/auth/login");
      assert.match(
        error.message,
        /credentials.*options\.accessId.*options\.secretKey/,
      );
      assert.ok(!Deno.inspect(error).includes("wrong-secret-key"));
      return true;
    });
    assert.equal(lab.requests.length, 1);
  });

  await t.step("as malformed on 400, without retrying", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT] });
    // The lab wants a form: a login sent as plain text is malformed.
    const asText: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { "content-type": "text/plain" } });
    await assert.rejects(
      clientOf(lab, { fetch: asText }).getProjectConfiguration("p1"),
      (error) => {
        assertSafeApiError(lab, error);
        assert.equal(error.status, 400);
        assert.match(error.message, /malformed.*The lab said: The body must be/);
        return true;
      },
    );
    assert.equal(lab.requests.length, 1);
  });
});

Deno.test("LabClient never shows the secret key or a token", async (t) => {
  await t.step("even when the lab echoes the token in its message", async () => {
    await using lab = await startFakeLab({ projects: [PROJECT] });
    const echo: typeof fetch = (input, init) => {
      const authorization = new Headers(init?.headers).get("authorization");
      if (authorization === null) return fetch(input, init);
      const body = { message: `token ${authorization} and key ${lab.secretKey} refused` };
      return Promise.resolve(Response.json(body, { status: 400 }));
    };
    await assert.rejects(clientOf(lab, { fetch: echo }).getProjectConfiguration("p1"), (error) => {
      assertSafeApiError(lab, error);
      assert.match(error.message, /The lab said: token Bearer \*\*\* and key \*\*\* refused/);
      return true;
    });
  });
});

Deno.test("LabClient refuses bad settings before any request", async (t) => {
  const valid = { endpoint: "http://127.0.0.1:9/", accessId: "id", secretKey: "key" };

  await t.step("a missing access id or secret key, naming the option", () => {
    for (
      const [options, setting] of [
        [{ ...valid, accessId: "" }, "accessId"],
        [{ ...valid, secretKey: " " }, "secretKey"],
      ] as const
    ) {
      assert.throws(() => new LabClient(options), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.setting, setting);
        assert.match(error.message, new RegExp(`^options\\.${setting} is not set`));
        return true;
      });
    }
  });

  await t.step("an endpoint that is not an http(s) URL", () => {
    for (const endpoint of ["hub-api.isahit.com", "ftp://lab.example/"]) {
      assert.throws(() => new LabClient({ ...valid, endpoint }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.setting, "endpoint");
        return true;
      });
    }
  });

  await t.step(
    "an endpoint with a user name or password, which the message does not repeat",
    () => {
      for (
        const endpoint of ["https://u:pw-in-url@lab.example/", "http://only-user@127.0.0.1:9/"]
      ) {
        assert.throws(() => new LabClient({ ...valid, endpoint }), (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.setting, "endpoint");
          assert.match(error.message, /^options\.endpoint holds a user name or password before "@/);
          assert.doesNotMatch(error.message, /pw-in-url|only-user/);
          return true;
        });
      }
    },
  );

  await t.step("retry and page settings out of range, a programmer's error", () => {
    for (const bad of [{ maxRetries: -1 }, { pageSize: 0 }, { timeoutMs: 0.5 }]) {
      assert.throws(() => new LabClient({ ...valid, ...bad }), RangeError);
    }
  });
});

Deno.test("LabClient keeps the endpoint's path prefix, with or without a final slash", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT], pathPrefix: "lab/v1" });
  assert.ok(lab.url.endsWith("/lab/v1/"));
  const client = clientOf(lab, { endpoint: lab.url.slice(0, -1) });
  assert.deepEqual(await client.getProjectConfiguration("p1"), PROJECT.configuration);
  assert.deepEqual(lab.requests.map((request) => request.path), [
    `/lab/v1${LOGIN_PATH}`,
    `/lab/v1${CONFIGURATION_PATH}`,
  ]);
});
