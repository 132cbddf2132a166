/**
 * The lab's HTTP API as the export uses it: log-in, a project's configuration and its tasks page
 * by page, with retries, a token renewed once, pages fetched ahead and parsed as they are taken.
 *
 * @module
 */

import { takeTasks } from "./take_tasks.ts";
import { DEFAULT_ENDPOINT } from "./credentials_from_env.ts";
import { ConfigError } from "../errors.ts";
import { endpointUrl, isLoopback, required } from "./_check_settings.ts";
import { checkLabClientOptionTypes } from "./_lab_client_option_types.ts";
import { projectIdOf } from "./project_id.ts";
import { type CallContext, isJsonObject, taskTooLarge, unexpectedAnswer } from "./_http_error.ts";
import { AuthorizedGet, type Fetched } from "./_authorized_get.ts";
import { PageWalk } from "./_page_walk.ts";
import { PageCostError } from "./_page_cost_error.ts";
import { PageSizes } from "./_page_sizes.ts";
import { PageRequests } from "./_page_requests.ts";
import { checkPageTasks } from "./_task_match.ts";
import {
  DEFAULT_MAX_PAGE_PARSED_BYTES,
  DEFAULT_MAX_TASK_BYTES,
  heldBytes,
  pageBody,
  PageReader,
} from "./_page_reader.ts";
import type { BodyReader, SendOptions } from "./_send.ts";
import type { LabClientFromEnvOptions, LabClientOptions } from "./lab_client_options.ts";
import { taskQuery } from "./task_query.ts";
import { checkTaskFilterTypes } from "./validate_task_filters.ts";
import type { ProjectConfiguration, Task, TaskFilters, TaskPage } from "./types.ts";
import type { TaskPagesOptions } from "./task_source.ts";

const TASKS_PATH = "api/task-manager/tasks";

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
  #pageSize: number;
  #maxTaskBytes: number;
  #maxPageParsedBytes: number;
  #onWarning?: (message: string) => void;
  #calls: AuthorizedGet;

  /**
   * Creates a client; nothing is sent until the first call.
   *
   * @param options The endpoint, the credentials and the retry settings.
   * @throws {ConfigError} when the endpoint is not an http(s) URL (or plain http to another
   * machine without `allowInsecureHttp`), or a credential is empty.
   * @throws {TypeError} when an option's value is of the wrong type (`allowInsecureHttp: "no"`).
   * @throws {RangeError} when a number option is out of range.
   */
  constructor(options: LabClientOptions) {
    checkLabClientOptionTypes(options);
    const endpoint = endpointUrl(options.endpoint, options.allowInsecureHttp ?? false);
    const accessId = required(options.accessId, "accessId", "access id");
    const secretKey = required(options.secretKey, "secretKey", "secret key");
    const secrets = new Set([secretKey]);
    this.#pageSize = options.pageSize ?? 100;
    this.#maxTaskBytes = options.maxTaskBytes ?? DEFAULT_MAX_TASK_BYTES;
    this.#maxPageParsedBytes = options.maxPageParsedBytes ?? DEFAULT_MAX_PAGE_PARSED_BYTES;
    this.#onWarning = options.onWarning;
    const send: SendOptions = {
      fetch: options.fetch ?? globalThis.fetch,
      maxRetries: options.maxRetries ?? 4,
      retryDelayMs: options.retryDelayMs ?? 500,
      timeoutMs: options.timeoutMs ?? 60_000,
      retryBudgetMs: options.retryBudgetMs ?? 120_000,
      signal: options.signal,
      secrets,
      maxResponseBytes: options.maxResponseBytes ?? 512 * 1024 * 1024,
      onRequest: options.onRequest,
      endpointSetting: options.endpointSetting,
      // Plain http is allowed to this machine only if it stays here: no proxy may see the secret.
      bypassProxy: options.fetch === undefined && endpoint.protocol === "http:" &&
        isLoopback(endpoint.hostname),
    };
    this.#calls = new AuthorizedGet({
      endpoint,
      accessId,
      secretKey,
      send,
      secrets,
      onToken: options.onToken,
    });
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
    checkLabClientOptionTypes(options);
    const { env = (name: string) => Deno.env.get(name), ...rest } = options;
    try {
      return new LabClient({
        ...rest,
        endpoint: env(ENV_VARIABLES.endpoint)?.trim() || DEFAULT_ENDPOINT,
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
    const { body, context } = await this.#calls.json(path, { projectId });
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
   * @param options `onTask`, called with each task as soon as it is parsed; `pagesAhead`; `signal`,
   * which abandons the requests under way when it aborts.
   * @returns The pages, until the lab says there is no next page.
   * @throws {ApiError} when a request fails after its retries, or a page holds a task of another
   * project.
   * @throws {TypeError} when a filter is unknown or of the wrong type (see `checkTaskFilterTypes`);
   * its value is the lab's to judge.
   */
  async *taskPages(
    projectId: string,
    filters: TaskFilters = {},
    options: TaskPagesOptions = {},
  ): AsyncIterableIterator<TaskPage> {
    projectIdOf(projectId);
    checkTaskFilterTypes(filters);
    const stop = new AbortController();
    // The caller's stop ends the requests under way too, not only the walk between pages.
    const stopAlong = () => stop.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", stopAlong, { once: true });
    const sizes = new PageSizes({
      pageSize: this.#pageSize,
      maxParsedBytes: this.#maxPageParsedBytes,
      onWarning: this.#onWarning,
    });
    const request = (page: number, limit = sizes.limit) => {
      const pending = this.#calls.fetch(
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
      options.signal?.removeEventListener("abort", stopAlong);
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
}
