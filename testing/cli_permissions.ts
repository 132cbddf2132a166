/**
 * The permissions the README gives the command line, for tests and benchmarks that run it (or a
 * script built on the library) in a child process.
 *
 * @module
 */

/**
 * The `deno run` permission flags of the command line: loopback network, read, write, env.
 *
 * @example
 * ```ts
 * import { CLI_PERMISSIONS } from "./cli_permissions.ts";
 *
 * console.log(["run", ...CLI_PERMISSIONS, "cli.ts"].length); // 6
 * ```
 */
export const CLI_PERMISSIONS: readonly string[] = [
  "--allow-net=127.0.0.1",
  "--allow-read",
  "--allow-write",
  "--allow-env",
];
