/** The longest wait between two attempts, whatever the backoff or `Retry-After` says. */
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * How long to wait before retry number `attempt` (0 for the first retry): the server's
 * `Retry-After` when it sent one, else exponential backoff from `baseMs` with jitter (50–100 % of
 * the step, so clients that failed together do not retry together), capped at
 * {@linkcode MAX_RETRY_DELAY_MS}.
 */
export function retryDelay(
  attempt: number,
  options: { baseMs: number; retryAfter?: string | null },
): number {
  const serverDelay = parseRetryAfter(options.retryAfter ?? null);
  const delay = serverDelay ?? options.baseMs * 2 ** attempt * (0.5 + Math.random() / 2);
  return Math.min(Math.max(0, delay), MAX_RETRY_DELAY_MS);
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date; `undefined` when absent or bad. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - Date.now();
}

/** Waits `ms` milliseconds; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
