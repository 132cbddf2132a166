/**
 * The run-length deflater's tokens found by a SIMD kernel (`runTokens` in
 * `lib/png/_kernels.wat`) in the kernels' memory: the stream's state handed over and back, and
 * the tokens moved into the block's buffers.
 *
 * @module
 */

import type { Adler32 } from "./_adler32.ts";
import type { DeflateTokens } from "./_deflate_block.ts";

/**
 * The kernel, its memory, and where in that memory it keeps its state and a block's tokens
 * ({@linkcode kernelRunBytes} bytes, 16-byte aligned).
 */
export interface RunTokenKernel {
  /** Writes the tokens of `[from, to)` at `lengths` and `values`; returns where it stopped. */
  runTokens(
    from: number,
    to: number,
    pixel: number,
    state: number,
    lengths: number,
    values: number,
    room: number,
  ): number;
  /** The kernel's memory, which the bytes deflated are in. */
  memory: Uint8Array;
  /** Where its state and tokens go. */
  at: number;
}

/** The kernel's state: Adler-32's a and b, bytes taken (at most 3), the last three, the count. */
const STATE_BYTES = 32;

/**
 * The bytes a {@linkcode RunTokenKernel} needs at its `at` for blocks of `blockTokens` tokens.
 *
 * @param blockTokens The most tokens in a block.
 * @returns Its state's bytes and room for a block's tokens and one more.
 *
 * @example
 * ```ts
 * import { kernelRunBytes } from "./_kernel_runs.ts";
 *
 * console.log(kernelRunBytes(1)); // 44
 * ```
 */
export function kernelRunBytes(blockTokens: number): number {
  return STATE_BYTES + 6 * (blockTokens + 1);
}

/**
 * Calls the kernel for a run-length deflater and moves the tokens it finds.
 *
 * @example A literal 5, then four bytes repeating the byte before
 * ```ts
 * import { withKernels } from "../png/kernels.ts";
 * import { Adler32 } from "./_adler32.ts";
 * import { KernelRuns } from "./_kernel_runs.ts";
 *
 * const tokens = { lengths: new Uint32Array(8), values: new Uint16Array(8), count: 0 };
 * withKernels(1024, (kernels, memory) => {
 *   memory.fill(0, 0, 1024);
 *   memory.set([5, 5, 5, 5, 5], 16);
 *   const runs = new KernelRuns({ runTokens: kernels.runTokens, memory, at: 512 }, 7);
 *   runs.start(new Adler32(), 0, new Uint8Array(3));
 *   runs.find(16, 21, 3, 7);
 *   runs.move(tokens, 0, 7);
 * });
 * console.log(tokens.count, tokens.lengths[1], tokens.values[1]); // 2 4 1
 * ```
 */
export class KernelRuns {
  #kernel: RunTokenKernel;
  #view: DataView;
  #lengths: number;
  #values: number;

  /**
   * @param kernel The kernel and where its state goes.
   * @param blockTokens The most tokens in a block.
   */
  constructor(kernel: RunTokenKernel, blockTokens: number) {
    const { memory, at } = kernel;
    if (at % 16 !== 0) throw new RangeError(`the kernel's tokens at ${at} are not 16-byte aligned`);
    this.#kernel = kernel;
    this.#view = new DataView(memory.buffer, memory.byteOffset + at, STATE_BYTES);
    this.#lengths = at + STATE_BYTES;
    this.#values = this.#lengths + 4 * (blockTokens + 1);
    this.unfollow();
  }

  /**
   * Whether the kernel can find the tokens of `bytes` from `from`: they are its memory, and the
   * three bytes before `from` are in it too.
   */
  holds(bytes: Uint8Array, from: number): boolean {
    const { memory } = this.#kernel;
    return bytes.buffer === memory.buffer && bytes.byteOffset === memory.byteOffset && from >= 3;
  }

  /**
   * Puts a stream's state where the kernel reads it.
   *
   * @param adler The stream's check so far.
   * @param taken How many bytes it took.
   * @param before The last three, latest first.
   */
  start(adler: Adler32, taken: number, before: Uint8Array): void {
    const view = this.#view;
    view.setUint32(0, adler.a, true);
    view.setUint32(4, adler.b, true);
    view.setUint32(8, Math.min(taken, 3), true);
    for (let k = 0; k < 3; k++) view.setUint8(12 + k, before[k]);
  }

  /**
   * Lets the kernel find zeros from the scanlines' canonical form (`digestPieces` in the
   * kernels) rather than by reading them, until {@linkcode KernelRuns.unfollow}.
   *
   * @param form Where the form of the scanlines' bytes after their filter types starts.
   * @param first The first scanline's byte after its filter type.
   * @param rowBytes The bytes of a scanline after its filter type.
   */
  follow(form: number, first: number, rowBytes: number): void {
    this.#view.setUint32(20, form, true);
    this.#view.setUint32(24, first, true);
    this.#view.setUint32(28, rowBytes, true);
  }

  /** Has the kernel read the zeros again. */
  unfollow(): void {
    this.#view.setUint32(28, 0, true);
  }

  /**
   * Finds the tokens from `from`, at least `room` of them (one more at most) unless `to` comes
   * first.
   *
   * @returns Where the kernel stopped.
   */
  find(from: number, to: number, pixel: number, room: number): number {
    const kernel = this.#kernel;
    return kernel.runTokens(from, to, pixel, kernel.at, this.#lengths, this.#values, room);
  }

  /**
   * Appends the tokens found from the `skip`th on to `tokens`, `most` at most.
   *
   * @returns How many were appended.
   */
  move(tokens: DeflateTokens, skip: number, most: number): number {
    const found = this.#view.getUint32(16, true);
    const count = Math.max(0, Math.min(found - skip, most));
    if (count === 0) return 0;
    const { buffer, byteOffset } = this.#kernel.memory;
    const lengths = new Uint32Array(buffer, byteOffset + this.#lengths + 4 * skip, count);
    const values = new Uint16Array(buffer, byteOffset + this.#values + 2 * skip, count);
    tokens.lengths.set(lengths, tokens.count);
    tokens.values.set(values, tokens.count);
    tokens.count += count;
    return count;
  }

  /**
   * Reads back the stream's check and last bytes (the bytes taken are the caller's to add).
   *
   * @param adler Where the check goes.
   * @param before Where the last three bytes go.
   */
  finish(adler: Adler32, before: Uint8Array): void {
    const view = this.#view;
    adler.a = view.getUint32(0, true);
    adler.b = view.getUint32(4, true);
    for (let k = 0; k < 3; k++) before[k] = view.getUint8(12 + k);
  }
}
