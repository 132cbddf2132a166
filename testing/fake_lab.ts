import type { ProjectConfiguration, Task } from "../lib/api/types.ts";
import { handleLabRequest, type LabState } from "./_lab_routes.ts";
import { type FaultKind, type FaultOptions, seededFaults } from "./_seeded_faults.ts";

export type { FaultKind, FaultOptions };

/** A project the fake lab serves: its configuration and its tasks, in the order served. */
export interface FakeProject {
  /** The configuration; its `projectId` is the project's id. */
  configuration: ProjectConfiguration;
  /** The tasks, in the stable order the pages follow. */
  tasks: Task[];
}

/** What the fake lab serves and how it misbehaves. */
export interface FakeLabOptions {
  /** The projects. */
  projects: FakeProject[];
  /** The access id that logs in. Default: `"demo-access-id"`. */
  accessId?: string;
  /** The secret key that logs in. Default: `"demo-secret-key"`. */
  secretKey?: string;
  /** How long a token lives, in seconds (`expires_in`). Default: 3600. */
  tokenTtlSeconds?: number;
  /** Project ids that answer `403` to every call. Default: none. */
  forbiddenProjects?: string[];
  /**
   * Seeded faults on every request but the login: `429` (with `Retry-After: 0`), `500` and `503`
   * JSON answers, `reset` (the connection closes mid-body), `delay` (the answer is held back).
   * Default: none.
   */
  faults?: FaultOptions;
  /** A wait before every answer, in milliseconds. Default: 0. */
  latencyMs?: number;
  /** A token stops working after serving this many requests, to test a new login. Default: never. */
  revokeTokenAfterRequests?: number;
  /** A path prefix for every route, e.g. `"lab/v1/"`. Default: none. */
  pathPrefix?: string;
  /** The port to listen on, on `127.0.0.1`; 0 picks a free one. Default: 0. */
  port?: number;
}

/** A request the fake lab received, with what it answered. */
export interface RecordedRequest {
  /** The HTTP method. */
  method: string;
  /** The URL path, from the leading `/`, without the query. */
  path: string;
  /** The query parameters, repeated keys kept. */
  query: URLSearchParams;
  /** The request headers (they include the bearer token). */
  headers: Headers;
  /** The form fields of a login request. */
  form?: URLSearchParams;
  /** The status answered (200 for a `reset` fault, whose body was cut). */
  status: number;
  /** Whether the request had an `Authorization` header. */
  authorization: boolean;
  /** Whether it carried a valid bearer token. */
  authorized: boolean;
  /** The fault injected, if any. */
  fault?: FaultKind;
}

/** A running fake lab. Close it with `close()`, or declare it with `await using`. */
export interface FakeLab extends AsyncDisposable {
  /** The endpoint base URL, ending with `/`: give it to the client as the endpoint. */
  readonly url: string;
  /** The access id that logs in. */
  readonly accessId: string;
  /** The secret key that logs in. */
  readonly secretKey: string;
  /** Every request received, in order of arrival. */
  readonly requests: RecordedRequest[];
  /** Every access token issued, in order. */
  readonly issuedTokens: string[];
  /**
   * The secret key and the issued tokens found in a text, or in an error (message, stack, fields
   * and causes, as `Deno.inspect` shows them), to check that a script never shows them: expect an
   * empty list.
   */
  findSecrets(subject: unknown): string[];
  /** Stops the server once the requests in progress are answered. */
  close(): Promise<void>;
}

/**
 * Starts a fake lab API on `127.0.0.1` on a free port, serving the endpoints of
 * the lab API spec: the login, project configurations (`404` for an unknown project, `403`
 * for a forbidden one) and task pages with every filter applied server-side. Requests are recorded
 * so a test can check what a client sent.
 *
 * Filter semantics: `nameLike` is a case-sensitive substring; dates compare as instants
 * (`YYYY-MM-DD HH:MM:SS` read as UTC); `data.<path>` matches the value at that dotted path of
 * `task.data` (e.g. `data.body.image.width`), and `properties.<path>` of `task.properties`, compared
 * as strings. Like the real lab, it is strict about what it is asked: a tasks request needs
 * `projectId`, `pagination=true`, `page` and `limit` (at most 1000 are served), single-valued keys
 * given once, and a date filter with its `>`, `>=`, `<` or `<=` prefix, else it answers `400`; a task
 * has no `data` unless `optionalFields` names `data`, and no mask (`data.body.mask`,
 * `data.body.<inputId>.mask`) unless it also names `data.mask`.
 *
 * @param options The projects, the credentials and the faults.
 * @returns The running lab; needs `--allow-net=127.0.0.1`.
 *
 * @example Log in to a fake lab
 * ```ts
 * import { startFakeLab } from "@lab/masks/testing";
 *
 * await using lab = await startFakeLab({
 *   projects: [{
 *     configuration: { projectId: "p1", projectType: "iat-segmentation" },
 *     tasks: [{ _id: "t1", name: "street/frame_0001.jpg" }],
 *   }],
 * });
 * const login = await fetch(new URL("api/user-manager/auth/login", lab.url), {
 *   method: "POST",
 *   body: new URLSearchParams({ access_id: lab.accessId, secret_key: lab.secretKey }),
 * });
 * console.log(login.status); // 201
 * await login.body?.cancel();
 * ```
 */
export function startFakeLab(options: FakeLabOptions): Promise<FakeLab> {
  // A promise, so a bad option rejects like a failed start instead of throwing.
  return new Promise((resolve) => resolve(serveFakeLab(options)));
}

function serveFakeLab(options: FakeLabOptions): FakeLab {
  const projects = new Map<string, FakeProject>();
  for (const project of options.projects) {
    const id = project.configuration.projectId;
    if (projects.has(id)) throw new TypeError(`The fake lab got project "${id}" twice.`);
    projects.set(id, project);
  }
  const prefix = `/${options.pathPrefix ?? ""}`.replace(/\/*$/, "/").replace(/^\/+/, "/");
  const state: LabState = {
    prefix,
    accessId: options.accessId ?? "demo-access-id",
    secretKey: options.secretKey ?? "demo-secret-key",
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    latencyMs: options.latencyMs ?? 0,
    faultDelayMs: options.faults?.delayMs ?? 250,
    revokeTokenAfterRequests: options.revokeTokenAfterRequests,
    projects,
    forbiddenProjects: new Set(options.forbiddenProjects),
    nextFault: options.faults ? seededFaults(options.faults) : () => undefined,
    tokens: new Map(),
    issuedTokens: [],
    requests: [],
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port ?? 0, onListen() {} },
    (request) => handleLabRequest(request, state),
  );
  let closed: Promise<void> | undefined;
  const close = () => closed ??= server.shutdown();
  return {
    url: `http://127.0.0.1:${server.addr.port}${prefix}`,
    accessId: state.accessId,
    secretKey: state.secretKey,
    requests: state.requests,
    issuedTokens: state.issuedTokens,
    findSecrets(subject) {
      const text = typeof subject === "string" ? subject : Deno.inspect(subject, { depth: 10 });
      return [state.secretKey, ...state.issuedTokens].filter((secret) => text.includes(secret));
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
