import type { FakeProject, RecordedRequest } from "./fake_lab.ts";
import { filterTasks } from "./_filter_tasks.ts";
import type { FaultKind } from "./_seeded_faults.ts";
import { withOptionalFields } from "./_optional_fields.ts";

/** Everything the fake lab's handler reads and updates. */
export interface LabState {
  /** The path prefix of every route, with leading and trailing `/`. */
  prefix: string;
  accessId: string;
  secretKey: string;
  tokenTtlSeconds: number;
  latencyMs: number;
  faultDelayMs: number;
  revokeTokenAfterRequests?: number;
  projects: Map<string, FakeProject>;
  forbiddenProjects: Set<string>;
  nextFault: () => FaultKind | undefined;
  /** Valid tokens: when they expire and how many requests they served. */
  tokens: Map<string, { expiresAt: number; uses: number }>;
  issuedTokens: string[];
  requests: RecordedRequest[];
}

const LOGIN = "api/user-manager/auth/login";
const TASKS = "api/task-manager/tasks";
const CONFIGURATION =
  /^api\/project-configuration-manager\/projects\/([^/]+)\/project-configuration$/;
const MAX_LIMIT = 1000;

/** Answers one request as the lab would, and records it in `state.requests`. */
export async function handleLabRequest(request: Request, state: LabState): Promise<Response> {
  const url = new URL(request.url);
  const record: RecordedRequest = {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: new Headers(request.headers),
    status: 0,
    authorization: request.headers.has("authorization"),
    authorized: false,
  };
  state.requests.push(record);
  const response = await answer(request, { url, record, state });
  record.status = response.status;
  return response;
}

async function answer(
  request: Request,
  { url, record, state }: { url: URL; record: RecordedRequest; state: LabState },
): Promise<Response> {
  if (state.latencyMs > 0) await delay(state.latencyMs);
  const route = url.pathname.startsWith(state.prefix)
    ? url.pathname.slice(state.prefix.length)
    : undefined;
  const projectMatch = route === undefined ? null : CONFIGURATION.exec(route);
  const known = (route === LOGIN && request.method === "POST") ||
    (request.method === "GET" && (route === TASKS || projectMatch !== null));
  if (!known) return json(404, { message: `Cannot ${request.method} ${url.pathname}` });
  if (route === LOGIN) return await logIn(request, record, state);

  const fault = state.nextFault();
  record.fault = fault;
  if (fault === "429") return json(429, { message: "Too Many Requests" }, { "retry-after": "0" });
  if (fault === "500") return json(500, { message: "Internal server error" });
  if (fault === "503") return json(503, { message: "Service Unavailable" });
  // Deno.serve cannot drop a connection before answering: a body shorter than its
  // content-length makes it close the connection mid-body, which clients see as a network error.
  if (fault === "reset") return cutResponse();
  if (fault === "delay") await delay(state.faultDelayMs);

  if (!authorize(request, record, state)) return json(401, { message: "Unauthorized" });
  if (projectMatch) return configuration(decodeURIComponent(projectMatch[1]), state);
  return tasks(url.searchParams, state);
}

async function logIn(
  request: Request,
  record: RecordedRequest,
  state: LabState,
): Promise<Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    return json(400, { message: "The body must be application/x-www-form-urlencoded" });
  }
  const form = new URLSearchParams(await request.text());
  record.form = form;
  const accessId = form.get("access_id");
  const secretKey = form.get("secret_key");
  if (!accessId || !secretKey) {
    return json(400, { message: "access_id and secret_key are required" });
  }
  if (accessId !== state.accessId || secretKey !== state.secretKey) {
    return json(401, { message: "Unauthorized" });
  }
  const token = `fake-token-${crypto.randomUUID()}`;
  state.tokens.set(token, { expiresAt: Date.now() + state.tokenTtlSeconds * 1000, uses: 0 });
  state.issuedTokens.push(token);
  return json(201, { access_token: token, expires_in: state.tokenTtlSeconds });
}

/** Whether the request carries a valid token; counts the use, revoking it past the limit. */
function authorize(request: Request, record: RecordedRequest, state: LabState): boolean {
  const header = request.headers.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? state.tokens.get(header.slice(7)) : undefined;
  const revokeAfter = state.revokeTokenAfterRequests ?? Infinity;
  if (token === undefined || Date.now() >= token.expiresAt || token.uses >= revokeAfter) {
    return false;
  }
  token.uses++;
  record.authorized = true;
  return true;
}

/** The project, or the 404/403 answer for it. */
function project(projectId: string, state: LabState): FakeProject | Response {
  if (state.forbiddenProjects.has(projectId)) return json(403, { message: "Forbidden resource" });
  const found = state.projects.get(projectId);
  if (found === undefined) {
    return json(404, { message: `Project ${JSON.stringify(projectId)} not found` });
  }
  return found;
}

function configuration(projectId: string, state: LabState): Response {
  const found = project(projectId, state);
  return found instanceof Response ? found : json(200, found.configuration);
}

// Keys that take one value; the list filters and `optionalFields` are the repeated ones.
const SINGLE_KEYS = ["projectId", "pagination", "page", "limit", "nameLike"];

function tasks(query: URLSearchParams, state: LabState): Response {
  // the lab API spec, "Tasks": lists are repeated keys, the rest take one value each.
  for (const key of new Set(query.keys())) {
    const single = SINGLE_KEYS.includes(key) || /^(data|properties)\./.test(key);
    if (single && query.getAll(key).length > 1) {
      return json(400, { message: `${key} must be given once` });
    }
  }
  const projectId = query.get("projectId");
  if (!projectId) return json(400, { message: "projectId is required" });
  // The export always pages: `pagination=true` with `page` and `limit`.
  if (query.get("pagination") !== "true" || !query.has("page") || !query.has("limit")) {
    return json(400, { message: "pagination=true, page and limit are required" });
  }
  const page = Number(query.get("page"));
  const limit = Number(query.get("limit"));
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) {
    return json(400, { message: "page and limit must be whole numbers from 1" });
  }
  const found = project(projectId, state);
  if (found instanceof Response) return found;
  const filtered = filterTasks(found.tasks, query);
  if ("error" in filtered) return json(400, { message: filtered.error });

  const size = Math.min(limit, MAX_LIMIT);
  const fields = query.getAll("optionalFields");
  const totalDocs = filtered.tasks.length;
  const totalPages = Math.max(1, Math.ceil(totalDocs / size));
  return json(200, {
    docs: filtered.tasks.slice((page - 1) * size, page * size)
      .map((task) => withOptionalFields(task, fields)),
    totalDocs,
    limit: size,
    totalPages,
    page,
    pagingCounter: (page - 1) * size + 1,
    hasPrevPage: page > 1,
    hasNextPage: page < totalPages,
    prevPage: page > 1 ? page - 1 : null,
    nextPage: page < totalPages ? page + 1 : null,
  });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const payload = typeof body === "object" && body !== null && !Array.isArray(body) && status >= 400
    ? { statusCode: status, ...body }
    : body;
  return Response.json(payload, { status, headers });
}

/** A 200 whose body stops short of its content-length, so the server drops the connection. */
function cutResponse(): Response {
  // A string body would get its real length; a stream keeps the declared one.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("{"));
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-length": "64" } });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
