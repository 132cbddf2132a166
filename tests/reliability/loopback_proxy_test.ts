import assert from "../_std/assert.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "./_fixtures.ts";
import { hostileEnv, labBasics, serveHostile, taskPage } from "./_hostile_server.ts";

Deno.test("with HTTP_PROXY set and an http:// loopback endpoint, no request (nor the secret) goes to the proxy", async () => {
  // A proxy that answers like the lab would, so the run goes on if the client used it.
  await using proxy = serveHostile((_request, path) => labBasics(path) ?? taskPage([]));
  await using lab = serveHostile((_request, path) => labBasics(path) ?? taskPage([]));
  await using dir = await tempDir();
  const proxyUrl = proxy.url.slice(0, -1);
  const ran = await runCli(["export", "--project-id", "p1", "--verbose"], {
    env: {
      ...hostileEnv(lab),
      HTTP_PROXY: proxyUrl,
      http_proxy: proxyUrl,
      HTTPS_PROXY: proxyUrl,
      ALL_PROXY: proxyUrl,
      NO_PROXY: "",
      no_proxy: "",
    },
    cwd: dir.path,
  });
  assert.equal(ran.code, 0, ran.stderr);
  assert.deepEqual(proxy.received.map((request) => `${request.method} ${request.path}`), []);
  assert.ok(lab.received.some((request) => request.path.endsWith("/auth/login")));
});
