import { ApiError } from "../errors.ts";
import { redact } from "./_http_error.ts";
import { retryDelay, sleep } from "./_retry.ts";

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
}

/**
 * Sends a request, retrying `429`, `5xx`, network errors and timeouts with backoff (never other
 * statuses: `../shared/lab-api.md`, "Errors on any call"), until `maxRetries` retries or the
 * `retryBudgetMs` are spent. Returns the last response, whatever its status, once it is not
 * retryable or no retry is left.
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
    let response: LabResponse;
    try {
      // Assigned, not spread: spreading would decode the body, which a task page never needs whole.
      response = Object.assign(await sendOnce(request, { ...options, timeoutMs }), {
        attempts: attempt + 1,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const wait = retryDelay(attempt, { baseMs: options.retryDelayMs });
      if (attempt >= options.maxRetries || performance.now() + wait >= deadline) {
        throw unreachable(request, error, { attempts: attempt + 1, timeoutMs, options });
      }
      await sleep(wait, options.signal);
      continue;
    }
    if (!isRetryable(response.status) || attempt >= options.maxRetries) return response;
    const retryAfter = response.headers.get("retry-after");
    const wait = retryDelay(attempt, { baseMs: options.retryDelayMs, retryAfter });
    // A wait that would end past the budget is not worth starting: the answer is final.
    if (performance.now() + wait >= deadline) return response;
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
  const response = await options.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal,
  });
  // Reading the body inside the attempt makes a connection cut mid-body a retryable failure.
  const bytes = await response.bytes();
  let text: string | undefined;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    bytes,
    get body() {
      return text ??= TEXT.decode(bytes);
    },
  };
}

const TEXT = new TextDecoder();

function unreachable(
  request: LabRequest,
  error: unknown,
  { attempts, timeoutMs, options }: { attempts: number; timeoutMs: number; options: SendOptions },
): ApiError {
  const reason = error instanceof DOMException && error.name === "TimeoutError"
    ? `no answer within ${Math.round(timeoutMs)} ms`
    : error instanceof Error
    ? error.message
    : String(error);
  const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  const message = `Cannot reach the lab at ${request.url.href} (${request.method} ` +
    `${request.path}) after ${tries}: ${reason}. Check ISAHIT_LAB_API_ENDPOINT and the network.`;
  return new ApiError(
    redact(message, options.secrets),
    { status: 0, method: request.method, path: request.path, cause: error },
  );
}
