import {
  type CallContext,
  isJsonObject,
  jsonBody,
  responseError,
  unexpectedAnswer,
} from "./_http_error.ts";
import { type SendOptions, sendWithRetries } from "./_send.ts";

const LOGIN_PATH = "api/user-manager/auth/login";
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** An access token and when it expires (milliseconds since the epoch). */
export interface AccessToken {
  /** The opaque token. */
  value: string;
  /** When it stops working; `Infinity` when the lab did not say. */
  expiresAt: number;
}

/**
 * Logs in with a form-encoded body (the lab API spec, "Authentication"): `201` gives the
 * token and its lifetime, `401` means wrong credentials, `400` a malformed request.
 *
 * @throws {ApiError} naming the credentials' variables on `401`, or describing any other failure.
 */
export async function logIn(
  endpoint: URL,
  options: { accessId: string; secretKey: string; send: SendOptions },
): Promise<AccessToken> {
  const context: CallContext = {
    method: "POST",
    path: LOGIN_PATH,
    login: true,
    secrets: options.send.secrets,
  };
  const form = new URLSearchParams({ access_id: options.accessId, secret_key: options.secretKey });
  const response = await sendWithRetries({
    method: "POST",
    url: new URL(LOGIN_PATH, endpoint),
    path: LOGIN_PATH,
    headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    // The body holds the secret key: a redirect, even to the same host, is refused.
    followRedirects: false,
  }, options.send);
  if (response.status !== 200 && response.status !== 201) throw responseError(response, context);
  const body = jsonBody(response, context);
  if (!isJsonObject(body) || typeof body.access_token !== "string" || body.access_token === "") {
    throw unexpectedAnswer(context, { what: "a login answer without `access_token`" });
  }
  // The token goes into a header: one that is not visible ASCII could split it, and would show
  // itself (and any workflow command it holds) in the error the runtime makes of it.
  if (!VISIBLE_ASCII.test(body.access_token)) {
    throw unexpectedAnswer(context, {
      what: "an `access_token` that is not a header value (visible ASCII characters only)",
      status: response.status,
    });
  }
  // Without `expires_in`, the token is kept until a call gets 401.
  const lifetime = typeof body.expires_in === "number" && Number.isFinite(body.expires_in)
    ? body.expires_in * 1000
    : Infinity;
  return { value: body.access_token, expiresAt: Date.now() + lifetime };
}
