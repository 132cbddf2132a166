/**
 * For a test's child process run with `--v8-flags=--expose-gc`: the heap and buffers still in
 * use, to measure the state something holds.
 *
 * @module
 */

/**
 * Heap and buffers in use, once collected and the freed buffers swept (which ends later).
 *
 * @returns Bytes of V8's heap and of buffers outside it.
 */
export async function retainedBytes(): Promise<number> {
  const gc = (globalThis as unknown as { gc: () => void }).gc;
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((settled) => setTimeout(settled, 0));
  }
  const { heapUsed, external } = Deno.memoryUsage();
  return heapUsed + external;
}
