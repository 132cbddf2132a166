/**
 * A pool worker for the worker-side collection test: the export's own worker module, whose
 * runtime `gc` (exposed with `--v8-flags=--expose-gc`) is wrapped to write how many times it was
 * called to the file named in this module's URL (`?calls=<path>`), and where each job leaves
 * 128 KB alive until the next collection, so the heap grows between two looks as a long run's
 * does. Without an exposed `gc`, nothing is wrapped.
 *
 * @module
 */

/// <reference lib="deno.worker" />

const calls = new URL(import.meta.url).searchParams.get("calls")!;
const kept: number[][] = [];
const exposed = (globalThis as { gc?: () => void }).gc;
if (exposed !== undefined) {
  let count = 0;
  (globalThis as { gc?: () => void }).gc = () => {
    kept.length = 0;
    exposed();
    Deno.writeTextFileSync(calls, String(++count));
  };
}
self.addEventListener("message", () => kept.push(new Array(16_384).fill(0.5)));
// After `gc` is wrapped: the worker module takes it as it loads.
await import("../../lib/export/_convert_worker.ts");
