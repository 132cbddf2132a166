/**
 * A pool worker for the worker-side collection test: the export's own worker module, whose
 * runtime `gc` (exposed with `--v8-flags=--expose-gc`) is wrapped to write, at each call, how many
 * answers had been posted at each call so far (`250,500`) to the file named in this module's URL
 * (`?calls=<path>`), and where each job leaves
 * 128 KB alive until the next collection, so the heap grows between two looks as a long run's
 * does. Without an exposed `gc`, nothing is wrapped.
 *
 * @module
 */

/// <reference lib="deno.worker" />

const calls = new URL(import.meta.url).searchParams.get("calls")!;
const kept: number[][] = [];
/** The answers posted so far, and how many had been posted at each collection. */
let posted = 0;
const postedAt: number[] = [];
const post = self.postMessage.bind(self);
self.postMessage = ((...args: Parameters<typeof post>) => {
  posted++;
  post(...args);
}) as typeof self.postMessage;
const exposed = (globalThis as { gc?: () => void }).gc;
if (exposed !== undefined) {
  (globalThis as { gc?: () => void }).gc = () => {
    kept.length = 0;
    exposed();
    postedAt.push(posted);
    Deno.writeTextFileSync(calls, postedAt.join(","));
  };
}
self.addEventListener("message", () => kept.push(new Array(16_384).fill(0.5)));
// After `gc` is wrapped: the worker module takes it as it loads.
await import("../../lib/export/_convert_worker.ts");
