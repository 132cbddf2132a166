import { ApiError } from "../errors.ts";
import { mention, type SettingMessage, settingMessage } from "../_setting_message.ts";
import { inertText } from "../inert_text.ts";
import type { LabResponse } from "./_send.ts";

/** What a failed call was about, to word its error. */
export interface CallContext {
  /** The HTTP method. */
  method: string;
  /** The path and query relative to the endpoint. */
  path: string;
  /** The project the call was about, if any. */
  projectId?: string;
  /** Whether the call was the login. */
  login?: boolean;
  /** Strings that must never appear in a message: the secret key and the tokens. */
  secrets: Iterable<string>;
}

const MAX_SERVER_MESSAGE = 300;

/**
 * Turns an unsuccessful response into an {@linkcode ApiError} whose message says what failed, the
 * status, method and path, the server's `message` when the body is JSON with one, and what to check.
 */
export function responseError(response: LabResponse, context: CallContext): ApiError {
  const { status } = response;
  const statusText = inertText(redact(response.statusText, context.secrets));
  const reason = statusText === "" ? "" : ` ${statusText}`;
  const { secrets } = context;
  const where = redact(`${status}${reason} on ${context.method} ${context.path}`, secrets);
  const project = context.projectId === undefined
    ? undefined
    : redact(JSON.stringify(context.projectId), secrets);
  let summary: string | SettingMessage;
  if (context.login && status === 401) {
    summary = settingMessage`Lab credentials rejected (${where}): check ${
      mention("accessId")
    } and ${mention("secretKey")}`;
  } else if (context.login && status === 400) {
    summary = `The lab found the login request malformed (${where})`;
  } else if (context.login) {
    summary = `The lab could not log in (${where})`;
  } else if (status === 401) {
    summary = `The lab did not accept a fresh access token (${where}): check the credentials`;
  } else if (status === 403 && project) {
    summary = settingMessage`No access to project ${project} (${where}): check that ${
      mention("accessId")
    } is a member of it`;
  } else if (status === 404 && project) {
    summary = `Unknown project ${project} (${where}): check the project id`;
  } else if (status >= 500 || status === 429) {
    const tries = response.attempts === 1 ? "1 attempt" : `${response.attempts} attempts`;
    summary = `The lab kept failing (${where}) after ${tries}: try again later`;
  } else {
    summary = `The lab refused the request (${where})`;
  }
  const message = serverMessage(response.body, secrets);
  const said = message === undefined ? "." : `. The lab said: ${message}`;
  // Each part is redacted already: the settings are rendered later, by each surface.
  return new ApiError(settingMessage`${summary}${said}`, {
    status,
    method: context.method,
    path: context.path,
  });
}

/**
 * Replaces every secret found in `text` with `***`: as is, JSON-escaped, and URL-encoded (both
 * `%20` and form `+` spaces), as a server may echo the login form or a JSON body.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret === "") continue;
    const forms = new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ]);
    // Longest first, so a form that contains another is replaced whole.
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      redacted = redacted.replaceAll(form, "***");
    }
  }
  return redacted;
}

/**
 * The body's `message` (a string or a list of strings) when the body is JSON, else nothing: the
 * secrets redacted before it is cut short (a cut must not leave half a secret), then inert.
 */
function serverMessage(body: string, secrets: Iterable<string>): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || !("message" in parsed)) return undefined;
  const { message } = parsed;
  const text = Array.isArray(message) ? message.map(String).join("; ") : message;
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const redacted = redact(text, secrets);
  const short = redacted.length > MAX_SERVER_MESSAGE
    ? `${redacted.slice(0, MAX_SERVER_MESSAGE)}…`
    : redacted;
  return inertText(short.trim());
}

/** Whether a parsed JSON value is an object (not `null`, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The response body parsed as JSON; an {@linkcode ApiError} when it is not JSON. */
export function jsonBody(response: LabResponse, context: CallContext): unknown {
  try {
    return JSON.parse(response.body);
  } catch {
    throw unexpectedAnswer(context, { what: "a body that is not JSON", status: response.status });
  }
}

/** An error for a successful answer the client cannot use, e.g. a page without `docs`. */
export function unexpectedAnswer(
  context: CallContext,
  { what, status = 200 }: { what: string; status?: number },
): ApiError {
  return new ApiError(
    settingMessage`The lab answered ${context.method} ${context.path} with ${what}: check that ${
      mention("endpoint")
    } points to the lab API.`,
    { status, method: context.method, path: context.path },
  );
}

/**
 * The error for a task of a page past the limit per task: a task of a mask above 100 megapixels
 * may be that large, so the message names the setting that raises it.
 *
 * @param context The request.
 * @param task The task's place in the page, from 1.
 * @param limit The limit, in bytes of JSON text.
 * @returns The error.
 */
export function taskTooLarge(context: CallContext, task: number, limit: number): ApiError {
  return new ApiError(
    settingMessage`The lab answered ${context.method} ${context.path} with task ${task} of the page larger than ${limit} bytes, the limit per task, ${
      mention("maxTaskBytes")
    }: raise it for tasks of larger masks.`,
    { status: 200, method: context.method, path: context.path },
  );
}
