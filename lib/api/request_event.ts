/**
 * One attempt of an HTTP request to the lab, as the `onRequest` option of `LabClient` receives
 * it: enough to log the traffic (`--verbose`), never the secret key, an access token or the login
 * body.
 *
 * @example Log each request on stderr
 * ```ts
 * import type { RequestEvent } from "@lab/masks";
 *
 * const log = (event: RequestEvent) =>
 *   console.error(`${event.method} ${event.path} ${event.status} ${event.ms} ms`);
 * log({ method: "GET", path: "api/x", status: 200, ms: 12, attempt: 1, maxAttempts: 5 });
 * ```
 *
 * @module
 */
/** One attempt of a request to the lab, and what follows it. */
export interface RequestEvent {
  /** The HTTP method. */
  method: string;
  /** The path and query relative to the endpoint, filters included; never a secret. */
  path: string;
  /** The HTTP status, or `0` when no answer came (see `error`). */
  status: number;
  /** How long the attempt took, in whole milliseconds. */
  ms: number;
  /** The attempt's number, from 1. */
  attempt: number;
  /** How many attempts the request may take in all. */
  maxAttempts: number;
  /** Why no answer came (network error, timeout), when `status` is `0`. */
  error?: string;
  /** When the request is tried again: how long the client waits first, in milliseconds. */
  retryInMs?: number;
}
