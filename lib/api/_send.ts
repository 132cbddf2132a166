import { ApiError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { redact } from "./_http_error.ts";
import { retryDelay, sleep } from "./_retry.ts";
import type { RequestEvent } from "./request_event.ts";
import { inertText } from "../inert_text.ts";
import { boundedBytes, eachChunk, refuseCompressed } from "./_read_body.ts";
import { directConnection } from "./_direct_connection.ts";

/** One HTTP request to the lab, rebuilt identically for each attempt. */
export interface LabRequest {
  /** The HTTP method. */
  method: string;
  /** The absolute URL. */
  url: URL;
  /** The path and query relative to the endpoint, for error messages. */
  path: string;
  /** The request headers (they may hold the token: never put them in a message). */
  headers: Record<string, string>;
  /** The request body, if any. */
  body?: string;
  /**
   * Whether a redirect to the same origin is followed (never to another origin). The login
   * follows none: its body holds the secret key.
   */
  followRedirects: boolean;
  /**
   * Reads a successful (2xx) answer's body as it arrives, for each attempt anew, instead of
   * holding its bytes: `LabResponse.read` is then what its `end()` returned.
   */
  readBody?: () => BodyReader;
}

/** Reads a body chunk by chunk; throws to refuse it. */
export interface BodyReader {
  /** Reads the next bytes. */
  add(chunk: Uint8Array): void;
  /** What was read, once the body has ended. */
  end(): unknown;
}

/** A response whose body has been read in full. */
export interface LabResponse {
  /** The HTTP status. */
  status: number;
  /** The HTTP status text. */
  statusText: string;
  /** The response headers. */
  headers: Headers;
  /** The body as text, decoded from `bytes` when first read. */
  readonly body: string;
  /** The body's bytes: a task page is parsed from them without becoming one large string. */
  bytes: Uint8Array;
  /** How many attempts the request took, this one included. */
  attempts: number;
  /** What the request's `readBody` read (then `bytes` is empty). */
  read?: unknown;
}

/** How to send and when to give up. */
export interface SendOptions {
  /** The fetch implementation. */
  fetch: typeof globalThis.fetch;
  /** How many times to retry after the first attempt. */
  maxRetries: number;
  /** The base of the exponential backoff, in milliseconds. */
  retryDelayMs: number;
  /** How long one attempt may take, body included, in milliseconds. */
  timeoutMs: number;
  /**
   * How long one request may take in all, every attempt and wait included, in milliseconds: no
   * attempt runs and no wait lasts past it.
   */
  retryBudgetMs: number;
  /** Aborts the request and every retry; its reason is rethrown as is. */
  signal?: AbortSignal;
  /** Strings that must never appear in a message: the secret key and the tokens. */
  secrets: Iterable<string>;
  /** The largest response body read, in bytes; a larger one is an `ApiError`. */
  maxResponseBytes: number;
  /** How the endpoint was given (a variable or a flag), named when the lab cannot be reached. */
  endpointSetting?: string;
  /**
   * Send each request straight to its host, past any proxy of the environment: set for a
   * plain-http endpoint on this machine, whose traffic must not leave it.
   */
  bypassProxy?: boolean;
  /** Called after each attempt, e.g. to log the traffic. */
  onRequest?: (event: RequestEvent) => void;
}

// A same-origin redirect chain longer than this is a loop.
const MAX_REDIRECTS = 5;

/**
 * Sends a request, retrying `429`, `5xx`, network errors and timeouts with backoff (never other
 * statuses: the lab API spec, "Errors on any call"), until `maxRetries` retries or the
 * `retryBudgetMs` are spent. Returns the last response, whatever its status, once it is not
 * retryable or no retry is left. A permission the runtime denies is not a network fault: it is
 * thrown at once, never retried.
 *
 * @throws {ApiError} with status 0 when no attempt got an answer.
 */
export async function sendWithRetries(
  request: LabRequest,
  options: SendOptions,
): Promise<LabResponse> {
  const deadline = performance.now() + options.retryBudgetMs;
  for (let attempt = 0;; attempt++) {
    // The last attempt gets what is left of the budget, if that is less than a full timeout.
    const timeoutMs = Math.max(1, Math.min(options.timeoutMs, deadline - performance.now()));
    const began = performance.now();
    const report = (status: number, extra: Pick<RequestEvent, "error" | "retryInMs">) =>
      options.onRequest?.({
        method: request.method,
        path: inertText(redact(request.path, options.secrets)),
        status,
        ms: Math.round(performance.now() - began),
        attempt: attempt + 1,
        maxAttempts: options.maxRetries + 1,
        ...extra,
      });
    let response: LabResponse;
    try {
      // Assigned, not spread: spreading would decode the body, which a task page never needs whole.
      response = Object.assign(await sendOnce(request, { ...options, timeoutMs }), {
        attempts: attempt + 1,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      // A refused redirect or an oversized body is an answer, not a network fault: no retry.
      if (error instanceof ApiError) throw error;
      // A denied permission would be denied again: say so now, not after every retry.
      if (error instanceof Deno.errors.NotCapable) throw error;
      const wait = retryDelay(attempt, { baseMs: options.retryDelayMs });
      const last = attempt >= options.maxRetries || performance.now() + wait >= deadline;
      // The runtime's message may quote a header (the token) or a server's words: redacted, inert.
      const reason = inertText(redact(reasonOf(error, timeoutMs), options.secrets));
      report(0, { error: reason, retryInMs: last ? undefined : wait });
      if (last) throw unreachable(request, error, { attempts: attempt + 1, timeoutMs, options });
      await sleep(wait, options.signal);
      continue;
    }
    if (!isRetryable(response.status) || attempt >= options.maxRetries) {
      report(response.status, {});
      return response;
    }
    const retryAfter = response.headers.get("retry-after");
    const wait = retryDelay(attempt, { baseMs: options.retryDelayMs, retryAfter });
    // A wait that would end past the budget is not worth starting: the answer is final.
    const final = performance.now() + wait >= deadline;
    report(response.status, { retryInMs: final ? undefined : wait });
    if (final) return response;
    await sleep(wait, options.signal);
  }
}

function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

async function sendOnce(
  request: LabRequest,
  options: SendOptions,
): Promise<Omit<LabResponse, "attempts">> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let url = request.url;
  let response: Response;
  // Closed when the attempt ends, its body read or not.
  using direct = options.bypassProxy ? directConnection(url) : undefined;
  for (let redirects = 0;; redirects++) {
    // Redirects are never followed blindly: the request may carry the secret key or a token.
    response = await options.fetch(url, {
      method: request.method,
      // A compressed answer could expand a thousandfold past every limit counted in bytes read.
      headers: { ...request.headers, "accept-encoding": "identity" },
      body: request.body,
      signal,
      redirect: "manual",
      ...(direct === undefined ? {} : { client: direct.client }),
    });
    if (response.status < 300 || response.status > 399 || response.status === 304) break;
    await response.body?.cancel();
    url = redirectTarget(request, url, response, redirects);
  }
  const ok = response.status >= 200 && response.status <= 299;
  if (ok) await refuseCompressed(response, request);
  // Reading the body inside the attempt makes a connection cut mid-body a retryable failure.
  const reader = ok ? request.readBody?.() : undefined;
  let bytes: Uint8Array = new Uint8Array(0);
  if (reader === undefined) bytes = await boundedBytes(response, request, options.maxResponseBytes);
  else await eachChunk(response, request, options.maxResponseBytes, (chunk) => reader.add(chunk));
  let text: string | undefined;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    bytes,
    read: reader?.end(),
    get body() {
      return text ??= TEXT.decode(bytes);
    },
  };
}

/** Where a redirect leads, when it may be followed; an `ApiError` otherwise. */
function redirectTarget(request: LabRequest, url: URL, response: Response, count: number): URL {
  const location = response.headers.get("location");
  const target = location === null || !URL.canParse(location, url)
    ? undefined
    : new URL(location, url);
  const refuse = (why: string) =>
    new ApiError(
      settingMessage`The lab answered ${request.method} ${request.path} with a redirect (${response.status}) ${why}; check ${
        mention("endpoint")
      } (use the API's final address)`,
      { status: response.status, method: request.method, path: request.path },
    );
  if (!request.followRedirects) {
    throw refuse("that is not followed: the login sends the secret key");
  }
  if (target === undefined) throw refuse("without a usable Location");
  if (target.origin !== url.origin) {
    throw refuse(`to another origin, ${JSON.stringify(target.origin)}, which is refused`);
  }
  if (count >= MAX_REDIRECTS) throw refuse(`after ${MAX_REDIRECTS} redirects`);
  return target;
}

const TEXT = new TextDecoder();

function unreachable(
  request: LabRequest,
  error: unknown,
  { attempts, timeoutMs, options }: { attempts: number; timeoutMs: number; options: SendOptions },
): ApiError {
  const reason = inertText(redact(reasonOf(error, timeoutMs), options.secrets));
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  const where = redact(
    `${request.url.href} (${request.method} ${request.path}) after ${tries}: ${reason}`,
    options.secrets,
  );
  const endpoint = options.endpointSetting ?? mention("endpoint");
  return new ApiError(
    settingMessage`Cannot reach the lab at ${where}. Check ${endpoint} and the network.`,
    { status: 0, method: request.method, path: request.path, cause: error },
  );
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `no answer within ${Math.round(timeoutMs)} ms`;
  }
  return error instanceof Error ? error.message : String(error);
}
