import { takeTasks } from "./take_tasks.ts";
import { ConfigError } from "../errors.ts";
import { endpointUrl, isLoopback, projectIdOf, required, whole } from "./_check_settings.ts";
import {
  type CallContext,
  isJsonObject,
  jsonBody,
  responseError,
  taskTooLarge,
  unexpectedAnswer,
} from "./_http_error.ts";
import { type AccessToken, logIn } from "./_login.ts";
import { PageWalk } from "./_page_walk.ts";
import { PageCostError } from "./_page_cost_error.ts";
import { PageSizes } from "./_page_sizes.ts";
import { PageRequests } from "./_page_requests.ts";
import { checkPageTasks } from "./_task_match.ts";
import {
  DEFAULT_MAX_PAGE_PARSED_BYTES,
  DEFAULT_MAX_TASK_BYTES,
  PageReader,
  type PageText,
  parsePage,
} from "./_page_reader.ts";
import { type BodyReader, type LabResponse, type SendOptions, sendWithRetries } from "./_send.ts";
import type { RequestEvent } from "./request_event.ts";
import { taskQuery } from "./task_query.ts";
import type { ProjectConfiguration, Task, TaskFilters, TaskPage } from "./types.ts";
import type { TaskPagesOptions } from "./task_source.ts";

/** An answer as fetched, before its JSON is read. */
interface Fetched {
  response: LabResponse;
  context: CallContext;
}

/** How to reach the lab, with which credentials, and how patiently. */
export interface LabClientOptions {
  /** The API base URL, e.g. `https://hub-api.isahit.com/`; a path prefix is kept. */
  endpoint: string | URL;
  /** The API access id (`ISAHIT_LAB_API_ACCESS_ID`). Required. */
  accessId: string;
  /** The API secret key (`ISAHIT_LAB_API_SECRET_KEY`). Required; never shown in any message. */
  secretKey: string;
  /** The fetch implementation. Default: `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** How many times to retry a `429`, a `5xx`, a network error or a timeout. Default: 4. */
  maxRetries?: number;
  /** The first backoff step in milliseconds, doubled at each retry, with jitter. Default: 500. */
  retryDelayMs?: number;
  /** How long one attempt of a request may take, body included, in milliseconds. Default: 60 000. */
  timeoutMs?: number;
  /**
   * How long one request may take in all, every retry and wait included, in milliseconds: no
   * retry starts, and no wait (backoff or `Retry-After`) is begun, that would end past it.
   * Default: 120 000.
   */
  retryBudgetMs?: number;
  /** Cancels every request and wait of this client; its reason is thrown as is. */
  signal?: AbortSignal;
  /** Called with each new access token before it is used, e.g. to mask it in CI logs. */
  onToken?: (token: string) => void;
  /**
   * How the endpoint was given, named in the error when the lab cannot be reached, e.g.
   * `"--endpoint"`. Default: the `endpoint` setting, in each surface's words.
   */
  endpointSetting?: string;
  /** How many tasks to ask per page. Default: 100, as the SDK. */
  pageSize?: number;
  /**
   * The largest answer read, in bytes (well above the largest real page); a larger one is an
   * `ApiError` naming this limit, so an endless body cannot exhaust memory. Default: 512 MiB.
   */
  maxResponseBytes?: number;
  /**
   * The largest task accepted in a page, in bytes of JSON text; a larger one is an `ApiError`
   * naming the page and this option. With the page size, it bounds what a page may hold.
   * Default: 32 MiB (a 100-megapixel mask of drawn shapes is 2 to 6 MB as a data URI).
   */
  maxTaskBytes?: number;
  /**
   * The most memory a page's tasks may take once parsed, in bytes, as estimated while the page is
   * read, before anything is parsed: a byte per byte of text, 4 per byte inside a string (its
   * text is held three times while parsed, one freed late), plus 320 per object or array, 160
   * per member and 224 per further value (text packed with tiny values, such as `[[1.0],…]`,
   * costs 80 times its size while it is parsed). A page past it is asked again in smaller pages
   * (the same tasks, in the same order, down to one task a page; `onWarning` is told once), so
   * dense tasks are exported whatever the limit; a single task past it is an `ApiError` naming
   * the task. Default: 192 MiB (a real page of 100 masks takes a few MiB; 100 tasks holding
   * 8,000 polygon coordinates each take about 186 MiB).
   */
  maxPageParsedBytes?: number;
  /**
   * Allow a plain `http://` endpoint on a host that is not this machine: the secret key and the
   * tokens then cross the network unencrypted. Default: `false` (refused).
   */
  allowInsecureHttp?: boolean;
  /**
   * Called with a warning the caller should show: the tasks of a page that do not match the
   * filters asked for (they are exported as the lab sent them), or pages made smaller because
   * one was past `maxPageParsedBytes` (told once a walk). Default: none.
   */
  onWarning?: (message: string) => void;
  /**
   * Called after each attempt of each request (method, path and query, status, time, attempt,
   * the wait before a retry), e.g. to log the traffic. It never receives the secret key, a token
   * or the login body. Default: none.
   */
  onRequest?: (event: RequestEvent) => void;
}

const TASKS_PATH = "api/task-manager/tasks";
// The lab API spec, "Authentication": log in again this long before the token expires.
const TOKEN_MARGIN_MS = 60_000;

/** Options of {@linkcode LabClient.fromEnv}: a client's settings but its endpoint and credentials. */
export interface LabClientFromEnvOptions
  extends Omit<LabClientOptions, "endpoint" | "accessId" | "secretKey"> {
  /** Looks up an environment variable. @default {(name) => Deno.env.get(name)} */
  env?: (name: string) => string | undefined;
}

/** The SDK's environment variable of each setting `LabClient.fromEnv()` reads. */
const ENV_VARIABLES = {
  endpoint: "ISAHIT_LAB_API_ENDPOINT",
  accessId: "ISAHIT_LAB_API_ACCESS_ID",
  secretKey: "ISAHIT_LAB_API_SECRET_KEY",
} as const;

/**
 * A client of the lab HTTP API: it logs in lazily, renews the token before it expires (and once
 * more when a call gets `401`), retries `429`, `5xx`, network errors and timeouts with exponential
 * backoff and jitter (honouring `Retry-After`) within a per-request time budget, never retries
 * `400`, `401`, `403` or `404`, and walks task pages one page ahead of the caller.
 *
 * @example List the complete tasks of a project
 * ```ts ignore
 * import { LabClient } from "@lab/masks";
 *
 * const client = new LabClient({
 *   endpoint: "https://hub-api.isahit.com/",
 *   accessId: Deno.env.get("ISAHIT_LAB_API_ACCESS_ID") ?? "",
 *   secretKey: Deno.env.get("ISAHIT_LAB_API_SECRET_KEY") ?? "",
 * });
 * const configuration = await client.getProjectConfiguration("proj_seg_demo");
 * console.log(configuration.projectType);
 * for await (const task of client.tasks("proj_seg_demo", { statusIn: ["complete"] })) {
 *   console.log(task.name);
 * }
 * ```
 */
export class LabClient {
  #endpoint: URL;
  #accessId: string;
  #secretKey: string;
  #pageSize: number;
  #maxTaskBytes: number;
  #maxPageParsedBytes: number;
  #onToken?: (token: string) => void;
  #onWarning?: (message: string) => void;
  #send: SendOptions;
  #secrets = new Set<string>();
  #token?: AccessToken;
  #login?: Promise<string>;

  /**
   * Creates a client; nothing is sent until the first call.
   *
   * @param options The endpoint, the credentials and the retry settings.
   * @throws {ConfigError} when the endpoint is not an http(s) URL (or plain http to another
   * machine without `allowInsecureHttp`), or a credential is empty.
   * @throws {RangeError} when a number option is out of range.
   */
  constructor(options: LabClientOptions) {
    this.#endpoint = endpointUrl(options.endpoint, options.allowInsecureHttp ?? false);
    this.#accessId = required(options.accessId, "accessId", "access id");
    this.#secretKey = required(options.secretKey, "secretKey", "secret key");
    this.#secrets.add(this.#secretKey);
    this.#pageSize = whole(options.pageSize ?? 100, "pageSize", 1);
    this.#maxTaskBytes = whole(options.maxTaskBytes ?? DEFAULT_MAX_TASK_BYTES, "maxTaskBytes", 1);
    this.#maxPageParsedBytes = whole(
      options.maxPageParsedBytes ?? DEFAULT_MAX_PAGE_PARSED_BYTES,
      "maxPageParsedBytes",
      1,
    );
    this.#onToken = options.onToken;
    this.#onWarning = options.onWarning;
    this.#send = {
      fetch: options.fetch ?? globalThis.fetch,
      maxRetries: whole(options.maxRetries ?? 4, "maxRetries", 0),
      retryDelayMs: whole(options.retryDelayMs ?? 500, "retryDelayMs", 0),
      timeoutMs: whole(options.timeoutMs ?? 60_000, "timeoutMs", 1),
      retryBudgetMs: whole(options.retryBudgetMs ?? 120_000, "retryBudgetMs", 1),
      signal: options.signal,
      secrets: this.#secrets,
      maxResponseBytes: whole(options.maxResponseBytes ?? 512 * 1024 * 1024, "maxResponseBytes", 1),
      onRequest: options.onRequest,
      endpointSetting: options.endpointSetting,
      // Plain http is allowed to this machine only if it stays here: no proxy may see the secret.
      bypassProxy: options.fetch === undefined && this.#endpoint.protocol === "http:" &&
        isLoopback(this.#endpoint.hostname),
    };
  }

  /**
   * Creates a client from the SDK's environment variables: `ISAHIT_LAB_API_ACCESS_ID`,
   * `ISAHIT_LAB_API_SECRET_KEY` and `ISAHIT_LAB_API_ENDPOINT` (default
   * `https://hub-api.isahit.com/`). Reading them needs `--allow-env`.
   *
   * @param options Other settings of the client, and where to read the variables.
   * @returns The client.
   * @throws {ConfigError} when a credential is not set or the endpoint is not an http(s) URL.
   *
   * @example
   * ```ts ignore
   * import { LabClient } from "@lab/masks";
   *
   * const client = LabClient.fromEnv();
   * console.log((await client.getProjectConfiguration("proj_123")).projectType);
   * ```
   */
  static fromEnv(options: LabClientFromEnvOptions = {}): LabClient {
    const { env = (name: string) => Deno.env.get(name), ...rest } = options;
    try {
      return new LabClient({
        ...rest,
        endpoint: env(ENV_VARIABLES.endpoint)?.trim() || "https://hub-api.isahit.com/",
        accessId: env(ENV_VARIABLES.accessId) ?? "",
        secretKey: env(ENV_VARIABLES.secretKey) ?? "",
      });
    } catch (error) {
      // These settings came from the environment: the message names the variables.
      if (!(error instanceof ConfigError)) throw error;
      const message = error.render((setting) =>
        ENV_VARIABLES[setting as keyof typeof ENV_VARIABLES] ?? `options.${setting}`
      );
      throw new ConfigError(message, { setting: error.setting, cause: error });
    }
  }

  /**
   * Fetches a project's configuration: its type, labels and (for forms) inputs.
   *
   * @param projectId The project id.
   * @returns The configuration document.
   * @throws {ApiError} when the login fails, the project is unknown (404) or forbidden (403), or
   * the lab cannot be reached.
   */
  async getProjectConfiguration(projectId: string): Promise<ProjectConfiguration> {
    const id = encodeURIComponent(projectIdOf(projectId));
    const path = `api/project-configuration-manager/projects/${id}/project-configuration`;
    const { body, context } = await this.#get(path, { projectId });
    if (!isJsonObject(body)) {
      throw unexpectedAnswer(context, { what: "a configuration that is not a JSON object" });
    }
    return body as unknown as ProjectConfiguration;
  }

  /**
   * Walks the pages of a project's tasks that match the filters, in the server's order. The next
   * page is requested while the caller works on the current one, further ahead only as
   * `options.pagesAhead` asks (and never more than 16 MiB of tasks ahead). The lab
   * sends a task's `data` only for `optionalFields: ["data"]`, and its masks only with
   * `"data.mask"` too; {@linkcode exportTaskFilters} adds what an export asks.
   *
   * @param projectId The project id.
   * @param filters The SDK's get-tasks filters; check them first with `validateTaskFilters`.
   * @param options `onTask`, called with each task as soon as it is parsed; `pagesAhead`.
   * @returns The pages, until the lab says there is no next page.
   * @throws {ApiError} when a request fails after its retries, or a page holds a task of another
   * project.
   */
  async *taskPages(
    projectId: string,
    filters: TaskFilters = {},
    options: TaskPagesOptions = {},
  ): AsyncIterableIterator<TaskPage> {
    projectIdOf(projectId);
    const stop = new AbortController();
    const sizes = new PageSizes({
      pageSize: this.#pageSize,
      maxParsedBytes: this.#maxPageParsedBytes,
      onWarning: this.#onWarning,
    });
    const request = (page: number, limit = sizes.limit) => {
      const pending = this.#fetch(
        `${TASKS_PATH}?${taskQuery(projectId, filters, { page, limit })}`,
        { projectId, signal: stop.signal, readBody: (context) => this.#pageReader(context, limit) },
      );
      // Handled now so a failed prefetch never goes unhandled while the caller is busy.
      pending.catch(() => {});
      return { page, limit, pending };
    };
    const requests = new PageRequests(request);
    let next: ReturnType<typeof request> | undefined = requests.take(1, sizes.limit);
    const walk = new PageWalk();
    try {
      while (next !== undefined) {
        // The page waits as its raw text and is parsed only now, when the caller takes it: its
        // many mask strings are then new, and die young once the caller has used them.
        let fetched: Fetched;
        try {
          fetched = await next.pending;
        } catch (error) {
          if (!(error instanceof PageCostError)) throw error;
          // Its tasks again, in smaller pages; a page of one task too costly is thrown.
          requests.clear();
          next = requests.take(sizes.smaller(next.page, error), sizes.limit);
          continue;
        }
        const { response, context } = fetched;
        const pageBytes = heldBytes(response);
        const body = pageBody(response, context, options.onTask);
        const page = walk.page(body, next.page, context, next.limit);
        const warning = checkPageTasks(page.docs, { projectId, filters, page: next.page, context });
        if (warning !== undefined) this.#onWarning?.(warning);
        next = page.hasNextPage && page.nextPage !== null
          ? requests.take(page.nextPage, sizes.limit)
          : undefined;
        const pages = (options.pagesAhead?.() ?? 1) - 1;
        if (next && pages > 0) {
          requests.askAhead(next.page, next.limit, { pages, pageBytes, totalDocs: page.totalDocs });
        }
        yield page;
      }
    } finally {
      stop.abort();
    }
  }

  /**
   * Lists a project's tasks that match the filters, page after page, in the server's order.
   *
   * @param projectId The project id.
   * @param filters The SDK's get-tasks filters.
   * @returns The tasks, one by one.
   * @throws {ApiError} when a request fails after its retries.
   */
  async *tasks(projectId: string, filters: TaskFilters = {}): AsyncIterableIterator<Task> {
    for await (const page of this.taskPages(projectId, filters)) yield* takeTasks(page);
  }

  /** Reads a page as it arrives, bounded by the page size, the task size and the parsed size. */
  #pageReader(context: CallContext, limit: number): BodyReader {
    return new PageReader({
      limit,
      maxTaskBytes: this.#maxTaskBytes,
      maxParsedBytes: this.#maxPageParsedBytes,
      fail: (what) => unexpectedAnswer(context, { what }),
      failCost: (what) => new PageCostError(unexpectedAnswer(context, { what })),
      failTask: (task, limit) => taskTooLarge(context, task, limit),
    });
  }

  /** GETs a JSON document with the token, logging in again once if the token was refused. */
  async #get(
    path: string,
    options: { projectId?: string; signal?: AbortSignal },
  ): Promise<{ body: unknown; context: CallContext }> {
    const { response, context } = await this.#fetch(path, options);
    return { body: jsonBody(response, context), context };
  }

  /** Sends a GET with the token (renewed once on a `401`); refuses a non-2xx answer. */
  async #fetch(
    path: string,
    options: {
      projectId?: string;
      signal?: AbortSignal;
      readBody?: (context: CallContext) => BodyReader;
    },
  ): Promise<Fetched> {
    const context: CallContext = {
      method: "GET",
      path,
      projectId: options.projectId,
      secrets: this.#secrets,
    };
    const signals = [this.#send.signal, options.signal].filter((signal) => signal !== undefined);
    const send = { ...this.#send, signal: signals.length ? AbortSignal.any(signals) : undefined };
    const attempt = (token: string) =>
      sendWithRetries({
        method: "GET",
        url: new URL(path, this.#endpoint),
        path,
        headers: { accept: "application/json", authorization: `Bearer ${token}` },
        followRedirects: true,
        readBody: options.readBody && (() => options.readBody!(context)),
      }, send);
    const token = await this.#accessToken();
    let response = await attempt(token);
    // The lab API spec, "Authentication": a token revoked early gets one fresh login.
    if (response.status === 401) response = await attempt(await this.#accessToken(token));
    if (response.status < 200 || response.status > 299) throw responseError(response, context);
    return { response, context };
  }

  /** A token valid for at least the safety margin; a new one if `refused` is the current one. */
  #accessToken(refused?: string): Promise<string> {
    if (this.#login) return this.#login;
    const token = this.#token;
    if (token && token.value !== refused && Date.now() < token.expiresAt - TOKEN_MARGIN_MS) {
      return Promise.resolve(token.value);
    }
    this.#login = this.#logIn().finally(() => this.#login = undefined);
    return this.#login;
  }

  async #logIn(): Promise<string> {
    const token = await logIn(this.#endpoint, {
      accessId: this.#accessId,
      secretKey: this.#secretKey,
      send: this.#send,
    });
    this.#secrets.add(token.value);
    this.#onToken?.(token.value);
    this.#token = token;
    return token.value;
  }
}

/** The bytes of a fetched task page's tasks, before they are parsed. */
function heldBytes(response: LabResponse): number {
  let bytes = 0;
  for (const doc of (response.read as PageText).docs ?? []) bytes += doc.length;
  return bytes;
}

/** Parses a fetched task page, one task at a time, as the caller takes it. */
function pageBody(
  response: LabResponse,
  context: CallContext,
  onTask: TaskPagesOptions["onTask"],
): unknown {
  try {
    return parsePage(response.read as PageText, onTask as (doc: unknown) => void);
  } catch {
    throw unexpectedAnswer(context, { what: "a body that is not JSON", status: response.status });
  }
}
