import { isLoopback } from "./_check_settings.ts";

/**
 * The warning to show when an endpoint is plain `http://` on another machine (allowed only with
 * `allowInsecureHttp`): the secret key and the tokens would cross the network unencrypted.
 *
 * @param endpoint The lab API base URL.
 * @returns The warning's text, or `undefined` for https and for this machine.
 *
 * @example
 * ```ts
 * import { insecureEndpointWarning } from "@lab/masks/api";
 *
 * console.log(insecureEndpointWarning("https://hub-api.isahit.com/")); // undefined
 * console.log(insecureEndpointWarning("http://127.0.0.1:8080/")); // undefined
 * console.log(insecureEndpointWarning("http://lab.example/")?.startsWith("the endpoint")); // true
 * ```
 */
export function insecureEndpointWarning(endpoint: string | URL): string | undefined {
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (url?.protocol !== "http:" || isLoopback(url.hostname)) return undefined;
  return `the endpoint ${JSON.stringify(url.origin)} is plain http to another machine: the ` +
    "secret key and the tokens cross the network unencrypted";
}
