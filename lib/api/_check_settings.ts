import { ConfigError } from "../errors.ts";
import { mention, settingMessage, subject } from "../_setting_message.ts";

/**
 * The endpoint as a base URL ending with `/`, so relative paths keep its path prefix. Plain http
 * is refused unless it stays on this machine or `allowInsecureHttp` says so: the login sends the
 * secret key. A user name or password in it is refused.
 */
export function endpointUrl(endpoint: string | URL, allowInsecureHttp = false): URL {
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError(
      settingMessage`${subject("endpoint")} ${
        JSON.stringify(String(endpoint))
      } is not an http(s) URL: write it like "https://hub-api.isahit.com/"`,
      { setting: "endpoint" },
    );
  }
  // Fetch would send them as Basic authorization in place of the lab's token, and every message
  // naming the endpoint would print them.
  if (url.username !== "" || url.password !== "") {
    throw new ConfigError(
      settingMessage`${
        subject("endpoint")
      } holds a user name or password before "@${url.host}": the lab takes the access id and secret key instead; remove it`,
      { setting: "endpoint" },
    );
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new ConfigError(
      settingMessage`${subject("endpoint")} ${
        JSON.stringify(url.href)
      } is plain http to another machine: the secret key would cross the network unencrypted. Use https, or allow it with ${
        mention("allowInsecureHttp")
      }`,
      { setting: "allowInsecureHttp" },
    );
  }
  // Paths are joined as relative URLs, so the base must end with `/` to keep its prefix.
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  url.search = "";
  url.hash = "";
  return url;
}

/**
 * Whether a host name is this machine (`localhost`, `127.0.0.0/8`, `::1`).
 *
 * @param hostname A URL's `hostname`.
 */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** A credential, refused when missing or blank, naming its setting (`accessId`, `secretKey`). */
export function required(value: string | undefined, setting: string, what: string): string {
  if (value === undefined || value.trim() === "") {
    throw new ConfigError(
      settingMessage`${subject(setting)} is not set: give the ${what} of your lab API key`,
      { setting },
    );
  }
  return value;
}
