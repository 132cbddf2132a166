/**
 * The client's access token: logged in for lazily, shared by the requests in flight, renewed
 * before it expires and once more when the lab refuses it.
 *
 * @module
 */

import { type AccessToken, logIn } from "./_login.ts";
import type { SendOptions } from "./_send.ts";

// The lab API spec, "Authentication": log in again this long before the token expires.
const TOKEN_MARGIN_MS = 60_000;

/** Where and as whom a {@linkcode TokenSession} logs in. */
export interface TokenSessionOptions {
  /** The API base URL. */
  endpoint: URL;
  /** The access id. */
  accessId: string;
  /** The secret key. */
  secretKey: string;
  /** How requests are sent. */
  send: SendOptions;
  /** What no message may show: each new token joins them. */
  secrets: Set<string>;
  /** Called with each new token before it is used. */
  onToken?: (token: string) => void;
}

/**
 * Holds the access token of a client.
 *
 * @example
 * ```ts ignore
 * const session = new TokenSession({ endpoint, accessId, secretKey, send, secrets });
 * const token = await session.token();
 * // The lab refused it: a fresh one.
 * const fresh = await session.token(token);
 * ```
 */
export class TokenSession {
  #options: TokenSessionOptions;
  #token?: AccessToken;
  #login?: Promise<string>;

  /** @param options Where and as whom to log in. */
  constructor(options: TokenSessionOptions) {
    this.#options = options;
  }

  /**
   * A token valid for at least the safety margin; a new one if `refused` is the current one.
   * Calls at once share one login.
   *
   * @param refused A token the lab refused.
   * @returns The token.
   */
  token(refused?: string): Promise<string> {
    if (this.#login) return this.#login;
    const token = this.#token;
    if (token && token.value !== refused && Date.now() < token.expiresAt - TOKEN_MARGIN_MS) {
      return Promise.resolve(token.value);
    }
    this.#login = this.#logIn().finally(() => this.#login = undefined);
    return this.#login;
  }

  async #logIn(): Promise<string> {
    const { endpoint, accessId, secretKey, send, secrets, onToken } = this.#options;
    const token = await logIn(endpoint, { accessId, secretKey, send });
    secrets.add(token.value);
    onToken?.(token.value);
    this.#token = token;
    return token.value;
  }
}
