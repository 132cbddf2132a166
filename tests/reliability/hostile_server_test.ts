import assert from "../_std/assert.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import type { LabClientOptions } from "../../lib/api/lab_client_options.ts";
import { insecureEndpointWarning } from "../../lib/api/insecure_endpoint_warning.ts";
import { ApiError, ConfigError } from "../../lib/errors.ts";
import { rejection, withDeadline } from "../_fixtures/deadline.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "./_fixtures.ts";
import {
  CREDENTIALS,
  hostileEnv,
  json,
  labBasics,
  serveHostile,
  taskPage,
} from "./_hostile_server.ts";

// A lab endpoint cannot be trusted more than the network it crosses: each test reproduces one
// attack of the hostile-server review with a malicious server on 127.0.0.1, and a second one as
// "the other host" that must receive nothing.

function clientOf(url: string, options: Partial<LabClientOptions> = {}): LabClient {
  return new LabClient({ endpoint: url, ...CREDENTIALS, maxRetries: 0, ...options });
}

async function drain(client: LabClient): Promise<number> {
  let count = 0;
  for await (const _task of client.tasks("p1")) count++;
  return count;
}

for (const status of [301, 302, 307, 308]) {
  Deno.test(`the login does not follow a ${status} redirect: the other host receives no secret (exit 3)`, async () => {
    await using other = serveHostile(() => json({ access_token: "stolen" }, 201));
    await using lab = serveHostile(() =>
      new Response(null, { status, headers: { location: `${other.url}api/login` } })
    );
    await using dir = await tempDir();

    const error = await rejection(() => clientOf(lab.url).getProjectConfiguration("p1"));
    assert.ok(error instanceof ApiError && error.status === status, String(error));
    const ran = await runCli(["export", "--project-id", "p1"], {
      env: hostileEnv(lab),
      cwd: dir.path,
    });
    assert.equal(ran.code, 3, ran.stderr);
    assert.match(ran.stderr, /with a redirect \(\d+\) that is not followed: the login sends/);
    assert.equal(other.received.length, 0, "the other host received nothing");
    assert.equal(lab.received.length, 2, "one login attempt each, no retry");
    assert.equal(ran.stderr.includes(CREDENTIALS.secretKey), false);
  });
}

Deno.test("a call redirected to another origin is refused before the token goes there (exit 3)", async () => {
  await using other = serveHostile(() => json({}));
  await using lab = serveHostile((_request, path) =>
    path.endsWith("/auth/login")
      ? labBasics(path)!
      : new Response(null, { status: 302, headers: { location: `${other.url}steal` } })
  );
  await using dir = await tempDir();

  const ran = await runCli(["export", "--project-id", "p1"], {
    env: hostileEnv(lab),
    cwd: dir.path,
  });
  assert.equal(ran.code, 3, ran.stderr);
  assert.match(
    ran.stderr,
    /with a redirect \(302\) to another origin, "http:\/\/127\.0\.0\.1:\d+"/,
  );
  assert.equal(other.received.length, 0);
});

Deno.test("a call redirected within the lab's own origin is followed", async () => {
  await using lab = serveHostile((_request, path) =>
    path === "/moved/tasks"
      ? taskPage(["t1", "t2"])
      : path.endsWith("/tasks")
      ? new Response(null, { status: 307, headers: { location: "/moved/tasks" } })
      : labBasics(path)!
  );
  assert.equal(await withDeadline(drain(clientOf(lab.url)), 30_000, "the pages"), 2);
  assert.equal(lab.received.at(-1)?.authorization, "Bearer tok-1");
});

Deno.test("a plain http endpoint on another machine is refused before any request, unless allowed", async () => {
  const sent: string[] = [];
  const fetch = (input: string | URL | Request) => {
    sent.push(String(input instanceof Request ? input.url : input));
    return Promise.resolve(json({ message: "no" }, 401));
  };
  const insecure = "http://lab.example.invalid/";
  assert.throws(
    () => new LabClient({ endpoint: insecure, ...CREDENTIALS, fetch }),
    (error) => error instanceof ConfigError && /plain http to another machine/.test(error.message),
  );
  assert.deepEqual(sent, []);
  // Allowed, it is used (through the test's own fetch: nothing leaves this process) with a warning.
  const allowed = new LabClient({
    endpoint: insecure,
    ...CREDENTIALS,
    fetch,
    maxRetries: 0,
    allowInsecureHttp: true,
  });
  assert.ok((await rejection(() => allowed.getProjectConfiguration("p1"))) instanceof ApiError);
  assert.deepEqual(sent, [`${insecure}api/user-manager/auth/login`]);
  assert.match(insecureEndpointWarning(insecure) ?? "", /plain http to another machine/);
  assert.equal(insecureEndpointWarning("http://127.0.0.1:9/"), undefined);
  assert.equal(insecureEndpointWarning("https://lab.example.invalid/"), undefined);
});

Deno.test("lab-masks refuses a plain http endpoint on another machine with exit 2, naming --allow-insecure-http", async () => {
  await using dir = await tempDir();
  const ran = await runCli(["export", "--project-id", "p1"], {
    env: {
      ISAHIT_LAB_API_ACCESS_ID: CREDENTIALS.accessId,
      ISAHIT_LAB_API_SECRET_KEY: CREDENTIALS.secretKey,
      ISAHIT_LAB_API_ENDPOINT: "http://lab.example.invalid/",
    },
    cwd: dir.path,
  });
  assert.equal(ran.code, 2, ran.stderr);
  assert.match(ran.stderr, /plain http to another machine.*--allow-insecure-http/);
});

Deno.test("an endless response body ends with an ApiError naming the limit, and the stream is cancelled", async () => {
  const cancelled = Promise.withResolvers<void>();
  let sentBytes = 0;
  await using lab = serveHostile((_request, path) =>
    labBasics(path) ?? new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          sentBytes += 65536;
          controller.enqueue(new Uint8Array(65536).fill(0x20));
        },
        cancel() {
          cancelled.resolve();
        },
      }),
    )
  );
  const client = clientOf(lab.url, { maxResponseBytes: 1024 * 1024 });
  const error = await rejection(() => drain(client));
  assert.ok(error instanceof ApiError, String(error));
  assert.match(error.message, /larger than the limit of 1048576 bytes \(maxResponseBytes\)/);
  // The server saw the reader leave: the body stopped well before it could fill memory.
  await withDeadline(cancelled.promise, 10_000, "the cancel of the endless body");
  assert.ok(sentBytes < 64 * 1024 * 1024, `${sentBytes} bytes sent`);
});

const ENDLESS_PAGINATIONS: [string, (page: number) => Response, RegExp][] = [
  [
    "new page numbers for ever",
    (page) =>
      taskPage([`t${page}`], {
        totalPages: 3,
        totalDocs: 3,
        hasNextPage: true,
        nextPage: page + 1,
      }),
    /pointing to page 14, far past its 3/,
  ],
  [
    "hasNextPage with nextPage null, the same tasks again",
    () => taskPage(["t1", "t2"], { hasNextPage: true, nextPage: null }),
    /task "?t1"? again on page 2/,
  ],
  [
    "empty pages for ever",
    (page) => taskPage([], { hasNextPage: true, nextPage: page + 1, totalDocs: 5 }),
    /an empty page 1 that claims a next page/,
  ],
  [
    "a totalDocs that is a string",
    () => taskPage(["t1"], { totalDocs: "1\n::set-output name=x::y" }),
    /`totalDocs` that is not a whole number \("1\\n::set-output name=x::y"\)/,
  ],
  [
    "a page without a totalDocs",
    () => taskPage(["t1"], { totalDocs: undefined }),
    /with a page without a `totalDocs`: check/,
  ],
];

for (const [name, page, message] of ENDLESS_PAGINATIONS) {
  Deno.test(`pagination stops with an ApiError: ${name}`, async () => {
    await using lab = serveHostile((request, path) =>
      labBasics(path) ?? page(Number(new URL(request.url).searchParams.get("page") ?? 1))
    );
    const error = await rejection(() => drain(clientOf(lab.url)));
    assert.ok(error instanceof ApiError, String(error));
    assert.match(error.message, message);
    assert.ok(lab.received.length < 40, `${lab.received.length} requests`);
  });
}

const ID_LESS_TASKS: [string, unknown, string][] = [
  ["missing", { name: "a.jpg" }, "has none"],
  ["a number", { _id: 7, name: "a.jpg" }, "has 7"],
  ["a task that is not an object", "t9", 'is not an object but "t9"'],
];

for (const [name, task, has] of ID_LESS_TASKS) {
  Deno.test(`a page whose task has no string _id stops with an ApiError naming its place: ${name}`, async () => {
    const docs = [{ _id: "t1", name: "t1.jpg" }, task];
    await using lab = serveHostile((_, path) =>
      labBasics(path) ?? json({ docs, totalDocs: 2, hasNextPage: false })
    );
    const error = await rejection(() => drain(clientOf(lab.url)));
    assert.ok(error instanceof ApiError, String(error));
    const expected = `a task without a string \`_id\` (task 2 of page 1 ${has})`;
    assert.ok(error.message.includes(expected), error.message);
    assert.doesNotMatch(error.message, /undefined/);
  });
}

Deno.test("the secret echoed by the server is redacted raw, JSON-escaped, URL-encoded and cut by truncation", async () => {
  const secret = CREDENTIALS.secretKey;
  const echoes = [
    `raw ${secret}`,
    `json ${JSON.stringify({ secret_key: secret })}`,
    `url access_id=id-1&secret_key=${encodeURIComponent(secret)}`,
    `form ${new URLSearchParams({ secret_key: secret })}`,
    `${"x".repeat(290)}${secret}`,
  ];
  for (const echo of echoes) {
    await using lab = serveHostile(() => json({ message: echo }, 400));
    const error = await rejection(() => clientOf(lab.url).getProjectConfiguration("p1"));
    assert.ok(error instanceof ApiError, String(error));
    const shown = `${error.message} ${Deno.inspect(error)}`;
    for (const part of [secret, secret.slice(0, 8), encodeURIComponent(secret).slice(0, 12)]) {
      assert.equal(
        shown.includes(part),
        false,
        `${JSON.stringify(part)} leaked from ${echo.slice(0, 12)}`,
      );
    }
    assert.match(error.message, /\*\*\*/);
  }
});

Deno.test("server strings cannot inject workflow commands or escapes into the CLI's output", async () => {
  const hostileId = "t1\n::set-output name=pwned::1\n::stop-commands::x\n\u001b]0;title\u0007";
  await using lab = serveHostile((_request, path) =>
    labBasics(path) ?? json({
      docs: [{
        _id: hostileId,
        name: "\u001b[2Jname\n::error::fake.jpg",
        status: "complete",
        data: { body: { mask: "data:image/png;base64,AAAA" } },
      }],
      totalDocs: 1,
      limit: 100,
      totalPages: 1,
      page: 1,
      hasNextPage: false,
      nextPage: null,
    })
  );
  await using dir = await tempDir();
  for (const extra of [[], ["--json"]]) {
    const ran = await runCli(["export", "--project-id", "p1", ...extra], {
      env: hostileEnv(lab),
      cwd: dir.path,
    });
    assert.equal(ran.code, 1, ran.stderr);
    const output = `${ran.stdout}\n${ran.stderr}`;
    assert.doesNotMatch(output, /^\s*::/m, "no line starts a workflow command");
    for (const escape of ["\u001b", "\u0007", "\u009b", "\u009d"]) {
      assert.equal(output.includes(escape), false, `no ${JSON.stringify(escape)} printed`);
    }
    assert.match(output, /\\n::set-output name=pwned::1/);
    await Deno.remove(dir.path, { recursive: true });
    await Deno.mkdir(dir.path);
  }
});

Deno.test("a server error message cannot inject a workflow command or an escape into the error line", async () => {
  await using lab = serveHostile(() =>
    new Response(JSON.stringify({ message: "bad\n::error::injected\u001b]0;x\u0007" }), {
      status: 400,
    })
  );
  await using dir = await tempDir();
  const ran = await runCli(["export", "--project-id", "p1"], {
    env: hostileEnv(lab),
    cwd: dir.path,
  });
  assert.equal(ran.code, 3, ran.stderr);
  assert.doesNotMatch(ran.stderr, /^\s*::/m);
  assert.equal(ran.stderr.includes("\u001b") || ran.stderr.includes("\u0007"), false);
  assert.match(ran.stderr, /The lab said: "bad\\n::error::injected\\u001b\]0;x\\u0007"/);
});
