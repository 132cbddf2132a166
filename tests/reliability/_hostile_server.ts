/**
 * A malicious "lab" for the hostile-server tests: any handler on 127.0.0.1, recording what it
 * received, plus the bodies a real lab would give to the login and the project configuration.
 *
 * @module
 */
import { segmentationConfiguration } from "../_fixtures/project.ts";

/** A request a test server received. */
export interface Received {
  /** The method. */
  method: string;
  /** The path, from `/`. */
  path: string;
  /** The body, as text. */
  body: string;
  /** The `Authorization` header, if any. */
  authorization: string | null;
}

/** A running test server. Close it with `await using`. */
export interface TestServer extends AsyncDisposable {
  /** Its base URL, ending with `/`. */
  url: string;
  /** Every request received, in order. */
  received: Received[];
}

/** Serves `handler` on 127.0.0.1, port 0, recording every request. */
export function serveHostile(
  handler: (request: Request, path: string) => Response | Promise<Response>,
): TestServer {
  const received: Received[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = new URL(request.url).pathname;
    received.push({
      method: request.method,
      path,
      body: await request.text(),
      authorization: request.headers.get("authorization"),
    });
    return handler(request, path);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    received,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** What a lab answers to the login and the configuration of project `p1`; else `undefined`. */
export function labBasics(path: string): Response | undefined {
  if (path.endsWith("/auth/login")) return json({ access_token: "tok-1", expires_in: 3600 }, 201);
  if (path.endsWith("/project-configuration")) return json(segmentationConfiguration("p1"));
  return undefined;
}

/** A page of tasks `ids`, with the paging fields a lab sends. */
export function taskPage(ids: string[], fields: Record<string, unknown> = {}): Response {
  return json({
    docs: ids.map((id) => ({ _id: id, name: `${id}.jpg`, status: "complete" })),
    totalDocs: ids.length,
    limit: 100,
    totalPages: 1,
    page: 1,
    hasNextPage: false,
    nextPage: null,
    ...fields,
  });
}

/** The credentials the hostile tests log in with; the secret has characters that get escaped. */
export const CREDENTIALS = { accessId: "id-1", secretKey: 'k3y"with/slash+plus sp&é-0123456789' };

/** The environment pointing the command line at `server`. */
export function hostileEnv(server: TestServer): Record<string, string> {
  return {
    ISAHIT_LAB_API_ACCESS_ID: CREDENTIALS.accessId,
    ISAHIT_LAB_API_SECRET_KEY: CREDENTIALS.secretKey,
    ISAHIT_LAB_API_ENDPOINT: server.url,
  };
}
