/**
 * A loopback proxy in front of a fake lab, so a test can answer or hold one request itself
 * (a slow page, a 503 with `Retry-After`) while every other request reaches the lab.
 *
 * @module
 */
import type { FakeLab } from "../../testing/fake_lab.ts";

/** A running proxy; `await using` stops it, answering any request it still holds. */
export interface ProxyLab extends AsyncDisposable {
  /** The endpoint to give the client, ending with `/`. */
  url: string;
}

/**
 * Serves `lab` through a proxy on 127.0.0.1: `intercept` sees each request first and returns the
 * answer to give (a promise may hold it), or `undefined` to pass the request on.
 */
export function startProxyLab(
  lab: FakeLab,
  intercept: (request: Request, url: URL) => Response | Promise<Response> | undefined,
): ProxyLab {
  const stopping = Promise.withResolvers<void>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const url = new URL(request.url);
    const answer = intercept(request, url);
    if (answer !== undefined) {
      return Promise.race([
        answer,
        stopping.promise.then(() => new Response(null, { status: 503 })),
      ]);
    }
    return fetch(new URL(url.pathname.slice(1) + url.search, lab.url), {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    async [Symbol.asyncDispose]() {
      stopping.resolve();
      await server.shutdown();
    },
  };
}
