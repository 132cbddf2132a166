/**
 * The runtime adapter that sends a request straight to its host, past any proxy the environment
 * sets (`HTTP_PROXY`, which Deno's `fetch` honours even for `127.0.0.1`, and even with `NO_PROXY`
 * empty).
 *
 * @module
 */

/** A connection for `fetch`'s `client` option; dispose of it once the answer is read. */
export interface DirectConnection extends Disposable {
  /** The runtime's HTTP client that connects to the host itself. */
  client: Deno.HttpClient;
}

/**
 * A connection to `url`'s host and port that no proxy sees, where the runtime lets a caller
 * choose (Deno's `createHttpClient`, its `tcp` transport); `undefined` elsewhere (Node's `fetch`
 * uses no proxy unless told to).
 *
 * @param url Where the request goes: a plain-http address on this machine.
 * @returns The connection, or `undefined` when the runtime has no such choice.
 */
export function directConnection(url: URL): DirectConnection | undefined {
  const runtime = (globalThis as { Deno?: Partial<typeof Deno> }).Deno;
  if (typeof runtime?.createHttpClient !== "function") return undefined;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const client = runtime.createHttpClient({ proxy: { transport: "tcp", hostname, port } });
  return { client, [Symbol.dispose]: () => client.close() };
}
