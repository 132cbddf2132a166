/**
 * The lab client's calls: each a GET sent with the access token (logged in for lazily, renewed
 * once when the lab refuses it), retried as the send options say, its signal joined to the
 * client's, and a non-2xx answer refused.
 *
 * @module
 */

import { type CallContext, jsonBody, responseError } from "./_http_error.ts";
import { type BodyReader, type LabResponse, type SendOptions, sendWithRetries } from "./_send.ts";
import { TokenSession, type TokenSessionOptions } from "./_token_session.ts";

/** An answer as fetched, before its JSON is read. */
export interface Fetched {
  /** The answer. */
  response: LabResponse;
  /** The call, for the errors about its answer. */
  context: CallContext;
}

/** What a GET is about, and how its answer is read. */
export interface GetOptions {
  /** The project the call is about, named in its errors. */
  projectId?: string;
  /** Aborts the call, beside the client's own signal. */
  signal?: AbortSignal;
  /** Reads the body as it arrives; default: whole, up to the largest answer allowed. */
  readBody?: (context: CallContext) => BodyReader;
}

/**
 * Sends a client's GETs with its access token.
 *
 * @example
 * ```ts ignore
 * const calls = new AuthorizedGet({ endpoint, accessId, secretKey, send, secrets });
 * const { body, context } = await calls.json(path, { projectId: "p1" });
 * ```
 */
export class AuthorizedGet {
  #endpoint: URL;
  #send: SendOptions;
  #secrets: Set<string>;
  #session: TokenSession;

  /** @param options Where and as whom to log in, and how requests are sent. */
  constructor(options: TokenSessionOptions) {
    this.#endpoint = options.endpoint;
    this.#send = options.send;
    this.#secrets = options.secrets;
    this.#session = new TokenSession(options);
  }

  /**
   * GETs a JSON document with the token, logging in again once if the token was refused.
   *
   * @param path The path under the endpoint, with its query.
   * @param options The project the call is about, and its signal.
   * @returns The document, and the call for errors about it.
   * @throws {ApiError} when the call fails or its answer is not JSON.
   */
  async json(
    path: string,
    options: Omit<GetOptions, "readBody">,
  ): Promise<{ body: unknown; context: CallContext }> {
    const { response, context } = await this.fetch(path, options);
    return { body: jsonBody(response, context), context };
  }

  /**
   * Sends a GET with the token (renewed once on a `401`); refuses a non-2xx answer.
   *
   * @param path The path under the endpoint, with its query.
   * @param options The project the call is about, its signal, how its body is read.
   * @returns The answer, its body read.
   * @throws {ApiError} when the call fails after its retries, or the answer is not a 2xx.
   */
  async fetch(path: string, options: GetOptions): Promise<Fetched> {
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
    const token = await this.#session.token();
    let response = await attempt(token);
    // The lab API spec, "Authentication": a token revoked early gets one fresh login.
    if (response.status === 401) response = await attempt(await this.#session.token(token));
    if (response.status < 200 || response.status > 299) throw responseError(response, context);
    return { response, context };
  }
}
