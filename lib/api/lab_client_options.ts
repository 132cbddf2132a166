/**
 * The options of a `LabClient`: where the lab is, the credentials, and how patiently
 * and how much it reads.
 *
 * @module
 */

import type { RequestEvent } from "./request_event.ts";

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

/** Options of `LabClient.fromEnv`: a client's settings but its endpoint and credentials. */
export interface LabClientFromEnvOptions
  extends Omit<LabClientOptions, "endpoint" | "accessId" | "secretKey"> {
  /** Looks up an environment variable. @default {(name) => Deno.env.get(name)} */
  env?: (name: string) => string | undefined;
}
