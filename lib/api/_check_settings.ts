import { ConfigError } from "../errors.ts";

/**
 * The endpoint as a base URL ending with `/`, so relative paths keep its path prefix. Plain http
 * is refused unless it stays on this machine or `allowInsecureHttp` says so: the login sends the
 * secret key.
 */
export function endpointUrl(endpoint: string | URL, allowInsecureHttp = false): URL {
  const setting = "ISAHIT_LAB_API_ENDPOINT";
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError(
      `${setting} ${JSON.stringify(String(endpoint))} is not an http(s) URL: write it like ` +
        `"https://hub-api.isahit.com/".`,
      { setting },
    );
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new ConfigError(
      `${setting} ${JSON.stringify(url.href)} is plain http to another machine: the secret key ` +
        `would cross the network unencrypted. Use https, or allow it with --allow-insecure-http.`,
      { setting: "allow-insecure-http" },
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

/** A credential, refused when missing or blank, naming its environment variable. */
export function required(value: string | undefined, setting: string, what: string): string {
  if (value === undefined || value.trim() === "") {
    throw new ConfigError(`${setting} is not set: give the ${what} of your lab API key.`, {
      setting,
    });
  }
  return value;
}

/** A whole number option, refused below `min`. */
export function whole(value: number, setting: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(
      `Option ${JSON.stringify(setting)} is ${value}: use a whole number of at least ${min}.`,
      { setting },
    );
  }
  return value;
}

/** A project id, refused when blank: it would turn into a different path or query. */
export function projectIdOf(projectId: string): string {
  if (projectId.trim() === "") {
    throw new ConfigError("The project id is empty: give the id of a lab project.", {
      setting: "project-id",
    });
  }
  return projectId;
}
