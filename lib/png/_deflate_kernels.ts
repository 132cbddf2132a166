/**
 * The SIMD kernels as the run-length deflater takes them (`RunDeflate`'s token kernel): the
 * running call's, with the region it keeps for a deflater, or a call of their own.
 *
 * @module
 */

import type { RunTokenKernel } from "../flate/run_deflate.ts";
import { heldKernels, withKernels } from "./kernels.ts";

/**
 * The running {@linkcode withKernels} call's kernels for a deflater, or `undefined` outside one.
 *
 * @returns The kernels, their memory and the deflater's region.
 *
 * @example
 * ```ts
 * import { deflateKernels } from "./_deflate_kernels.ts";
 * import { withKernels } from "./kernels.ts";
 *
 * console.log(withKernels(0, () => deflateKernels()?.at)); // 0
 * ```
 */
export function deflateKernels(): RunTokenKernel | undefined {
  const held = heldKernels();
  if (held === undefined) return undefined;
  let kernel = made.get(held);
  if (kernel === undefined) {
    const { kernels, memory, at } = held;
    const { runTokens, countSymbols, writeSymbols } = kernels;
    made.set(held, kernel = { runTokens, countSymbols, writeSymbols, memory, at });
  }
  return kernel;
}

/**
 * The kernels given for each call: one object a call, however often asked, and let go with the
 * call (a large mask's memory is not kept alive by it).
 */
const made = new WeakMap<object, RunTokenKernel>();

/**
 * Runs `work` with kernels for a deflater: the running call's, or a call of its own.
 *
 * @param work What the deflater does.
 * @returns What `work` returns.
 *
 * @example
 * ```ts
 * import { withDeflateKernels } from "./_deflate_kernels.ts";
 *
 * console.log(withDeflateKernels((kernel) => kernel.at >= 0)); // true
 * ```
 */
export function withDeflateKernels<T>(work: (kernel: RunTokenKernel) => T): T {
  const kernel = deflateKernels();
  return kernel !== undefined ? work(kernel) : withKernels(0, () => work(deflateKernels()!));
}
