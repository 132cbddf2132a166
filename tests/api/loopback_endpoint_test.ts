import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import { ConfigError } from "../../lib/errors.ts";

const CREDENTIALS = { accessId: "id", secretKey: "the-secret-key" };

/** A client of `endpoint` whose requests are recorded in `sent` and never leave the process. */
function clientOf(endpoint: string, sent: string[]): LabClient {
  const fetch = (input: string | URL | Request) => {
    sent.push(String(input instanceof Request ? input.url : input));
    return Promise.resolve(new Response("{}", { status: 401 }));
  };
  return new LabClient({ endpoint, ...CREDENTIALS, fetch, maxRetries: 0 });
}

// Hosts that start or end like this machine but are another one (or no host at all).
const LOOKALIKES = [
  "http://127.0.0.1.evil.example/",
  "http://127.0.0.1.evil.example:8080/api/",
  "http://localhost.evil.example/",
  "http://localhost.example/",
  "http://127.0.0.1x/",
  "http://1127.0.0.1.example/",
];

for (const endpoint of LOOKALIKES) {
  Deno.test(`plain http to ${endpoint} is not loopback: refused before the secret key is sent`, () => {
    const sent: string[] = [];
    assert.throws(
      () => clientOf(endpoint, sent),
      errorWith(ConfigError, "plain http to another machine"),
    );
    assert.deepEqual(sent, []);
  });
}

// A user name before the host: refused as such (a user name or password never goes in the URL).
for (const endpoint of ["http://127.0.0.1@evil.example/", "http://localhost:80@evil.example/"]) {
  Deno.test(`plain http to ${endpoint} is refused for its user name, before the secret key is sent`, () => {
    const sent: string[] = [];
    assert.throws(
      () => clientOf(endpoint, sent),
      errorWith(ConfigError, 'holds a user name or password before "@evil.example"'),
    );
    assert.deepEqual(sent, []);
  });
}

Deno.test("an endpoint with no valid host ([::1].example) is refused as no URL, before any request", () => {
  const sent: string[] = [];
  assert.throws(
    () => clientOf("http://[::1].example/", sent),
    errorWith(ConfigError, "is not an http(s) URL"),
  );
  assert.deepEqual(sent, []);
});

// The URL standard reads 127.1 and 0x7f.1 as 127.0.0.1: they are this machine, and requests go
// there, not to a host of that name.
for (
  const [endpoint, base] of [
    ["http://127.0.0.1:9/", "http://127.0.0.1:9/"],
    ["http://127.1:9/", "http://127.0.0.1:9/"],
    ["http://0x7f.1:9/", "http://127.0.0.1:9/"],
    ["http://127.255.0.3:9/", "http://127.255.0.3:9/"],
    ["http://localhost:9/", "http://localhost:9/"],
    ["http://[::1]:9/", "http://[::1]:9/"],
  ]
) {
  Deno.test(`plain http to ${endpoint} is loopback: allowed, and requests go to ${base}`, async () => {
    const sent: string[] = [];
    const client = clientOf(endpoint, sent);
    await assert.rejects(client.getProjectConfiguration("p1"));
    assert.deepEqual(sent, [`${base}api/user-manager/auth/login`]);
  });
}
