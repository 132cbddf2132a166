import type { RequestEvent } from "../api/request_event.ts";
import { inertText } from "../inert_text.ts";

/** Options of {@linkcode requestLog}. */
export interface RequestLogOptions {
  /** Writes a line to stderr. */
  write: (text: string) => void;
  /** Every request gets a line (`--verbose`); else only retries that wait more than a second. */
  verbose: boolean;
}

// A retry that waits longer than this is worth a line even without --verbose: a slow run is
// never silent.
const NOTABLE_WAIT_MS = 1000;

/**
 * Turns the lab client's request events into lines on stderr: with `verbose`, one line per
 * attempt (method, path and query, status, milliseconds, attempt) and its retry's reason and wait;
 * without it, one line for each retry that waits more than a second. The events never hold the
 * secret key, a token or the login body, so neither do the lines; every string in them is made
 * inert (no line break, escape or workflow command gets through).
 *
 * @param options Where to write, and how much.
 * @returns The `onRequest` handler for `LabClient`.
 *
 * @example
 * ```ts
 * import { requestLog } from "./request_log.ts";
 *
 * const lines: string[] = [];
 * const onRequest = requestLog({ write: (text) => lines.push(text), verbose: false });
 * onRequest({ method: "GET", path: "api/x", status: 503, ms: 8, attempt: 1, maxAttempts: 5, retryInMs: 2000 });
 * console.log(lines[0]); // "lab answered 503 on GET api/x; retrying in 2 s, attempt 2 of 5\n"
 * ```
 */
export function requestLog(options: RequestLogOptions): (event: RequestEvent) => void {
  return (received) => {
    // Every string is made inert again: an event may come from any client, not only ours.
    const event = {
      ...received,
      method: inertText(received.method),
      path: inertText(received.path),
      error: inertText(received.error ?? ""),
    };
    const answer = event.status === 0 ? `no answer (${event.error})` : `${event.status}`;
    const retry = event.retryInMs === undefined
      ? ""
      : `; retrying in ${seconds(event.retryInMs)}, attempt ${event.attempt + 1} of ` +
        `${event.maxAttempts}`;
    if (options.verbose) {
      options.write(
        `${event.method} ${event.path} ${answer} ${event.ms} ms (attempt ${event.attempt} of ` +
          `${event.maxAttempts})${retry}\n`,
      );
    } else if (event.retryInMs !== undefined && event.retryInMs > NOTABLE_WAIT_MS) {
      const path = event.path.split("?")[0];
      const what = event.status === 0 ? `the lab gave ${answer}` : `lab answered ${answer}`;
      options.write(`${what} on ${event.method} ${path}${retry}\n`);
    }
  };
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms / 1000)} s`;
}
