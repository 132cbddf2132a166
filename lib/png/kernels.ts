/**
 * The TypeScript side of the SIMD pixel kernels (`_kernels.wat`): one WebAssembly instance per
 * thread, whose memory holds the buffers the kernels work on. Every call is synchronous, so two
 * conversions on the same thread never share the memory at once.
 *
 * @module
 */

import { KERNELS_WASM_BASE64 } from "./_kernels_wasm.ts";
import type { KernelExports } from "./_kernel_exports.ts";
import { RUN_TOKEN_BYTES } from "../flate/run_deflate.ts";
import { adler32Of, type AdlerSum } from "../flate/inflate_stream.ts";

export type { KernelExports } from "./_kernel_exports.ts";

/** Bytes the vector loops may read or write past a buffer's end. */
export const SLACK = 16;

/** Memory above this is given back after a call (a fresh instance starts small again). */
const KEEP_BYTES = 64 << 20;

let module: WebAssembly.Module | undefined;
let instance: WebAssembly.Instance | undefined;
/** Whether a call is running: a call from inside it would overwrite its buffers. */
let busy = false;
/** The running call's kernels, and the region past its buffers kept for a deflater. */
let held: { kernels: KernelExports; memory: Uint8Array; at: number } | undefined;

/**
 * Runs `work` with the kernels and a memory of at least `bytes` bytes (and past them, a region
 * kept for a deflater: see {@linkcode heldKernels}). The memory keeps what earlier calls left in
 * it: `work` writes everything it reads.
 *
 * @param bytes How much memory `work` needs.
 * @param work The synchronous work; it gets the exports and a view of the whole memory.
 * @returns What `work` returns.
 * @throws {RangeError} when called from inside another call's `work`, whose buffers the memory
 * holds (and whose view growing it would detach).
 *
 * @example
 * ```ts
 * import { withKernels } from "./kernels.ts";
 *
 * const first = withKernels(64, (_kernels, memory) => memory.length >= 64);
 * console.log(first); // true
 * ```
 */
export function withKernels<T>(
  bytes: number,
  work: (kernels: KernelExports, memory: Uint8Array) => T,
): T {
  if (busy) {
    throw new RangeError(
      "withKernels() was called from inside another call: the kernels' memory holds its buffers",
    );
  }
  module ??= new WebAssembly.Module(Uint8Array.fromBase64(KERNELS_WASM_BASE64));
  instance ??= new WebAssembly.Instance(module);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const at = align16(bytes);
  const missing = at + RUN_TOKEN_BYTES - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  busy = true;
  const kernels = instance.exports as unknown as KernelExports;
  const view = new Uint8Array(memory.buffer);
  held = { kernels, memory: view, at };
  try {
    return work(kernels, view);
  } finally {
    busy = false;
    held = undefined;
    if (memory.buffer.byteLength > KEEP_BYTES) instance = undefined;
  }
}

/**
 * The kernels of the running {@linkcode withKernels} call, with the region past its `bytes` that
 * is kept for a deflater's tokens and symbols (`RunDeflate`); `undefined` outside a call.
 *
 * @returns The kernels, their memory and the region's offset.
 *
 * @example
 * ```ts
 * import { heldKernels, withKernels } from "./kernels.ts";
 *
 * console.log(heldKernels()); // undefined
 * console.log(withKernels(100, () => heldKernels()?.at)); // 112
 * ```
 */
export function heldKernels():
  | { kernels: KernelExports; memory: Uint8Array; at: number }
  | undefined {
  return held;
}

/**
 * Adler-32 by the kernels, for bytes in their memory (a strip inflated there): runs of zero
 * 64-byte blocks are summed in one step. Bytes elsewhere are summed in TypeScript.
 *
 * @param kernels The kernels of the running call.
 * @param memory A view of their whole memory.
 * @returns The sum, as an inflate stream takes it.
 *
 * @example
 * ```ts
 * import { kernelAdler, withKernels } from "./kernels.ts";
 *
 * const sum = withKernels(16, (kernels, memory) => {
 *   memory.set(new TextEncoder().encode("Wikipedia"));
 *   return kernelAdler(kernels, memory)(memory.subarray(0, 9), 1);
 * });
 * console.log(sum.toString(16)); // 11e60398
 * ```
 */
export function kernelAdler(kernels: KernelExports, memory: Uint8Array): AdlerSum {
  return (bytes, adler) => {
    if (bytes.buffer === memory.buffer) {
      return kernels.adler32(bytes.byteOffset, bytes.length, adler) >>> 0;
    }
    return adler32Of(bytes, adler);
  };
}

/** Rounds a byte offset up to a multiple of 16. */
export function align16(offset: number): number {
  return (offset + 15) & ~15;
}
