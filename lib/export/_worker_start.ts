/**
 * Whether the pool's workers can start here, asked once when a pool is made: where they cannot,
 * its jobs run on the calling thread instead, slower and never wrong.
 *
 * @module
 */

/**
 * Workers need `Worker` and, for a local module, read permission already granted (no prompt) and
 * the file itself: a bundle without its worker file converts on the calling thread, quietly.
 *
 * @param url The worker module.
 * @returns Whether a worker of that module can start without a prompt.
 *
 * @example
 * ```ts
 * import { canStartWorkers } from "./_worker_start.ts";
 *
 * console.log(canStartWorkers(new URL("./_convert_worker.ts", import.meta.url))); // true with --allow-read
 * ```
 */
export function canStartWorkers(url: URL): boolean {
  if (typeof Worker !== "function") return false;
  const descriptor: Deno.PermissionDescriptor = url.protocol === "file:"
    ? { name: "read", path: url }
    : { name: "net", host: url.host };
  if (Deno.permissions.querySync(descriptor).state !== "granted") return false;
  if (url.protocol !== "file:") return true;
  try {
    return Deno.statSync(url).isFile;
  } catch {
    return false;
  }
}
