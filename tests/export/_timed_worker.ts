/**
 * A stand-in for the pool's worker, for `convert_pool_depth_test.ts`: it runs its jobs one at a
 * time, in order, each taking as long as its mask's PNG header says (1 ms a thousand pixels), and
 * answers each with the mask's size.
 *
 * @module
 */

/// <reference lib="deno.worker" />

interface Request {
  id: number;
  input: { mask: { bytes: Uint8Array } };
}

const waiting: Request[] = [];
let running = false;

self.onmessage = (event: MessageEvent<Request>) => {
  waiting.push(event.data);
  if (!running) runNext();
};

function runNext(): void {
  const next = waiting.shift();
  if (next === undefined) return void (running = false);
  running = true;
  const view = new DataView(next.input.mask.bytes.buffer, next.input.mask.bytes.byteOffset);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  setTimeout(() => {
    self.postMessage({ id: next.id, result: { width, height } });
    runNext();
  }, (width * height) / 1000);
}
