/**
 * The contract between `RunDeflate` and a kernel that finds its tokens where the
 * bytes are (the pixel kernels' `runTokens`, in WebAssembly), so the bytes are not read one by
 * one in TypeScript.
 *
 * @module
 */

/**
 * A kernel that finds the tokens `RunDeflate` would of bytes in its memory, with its
 * room there: 32 bytes of state (the Adler-32 sums a and b, the bytes taken so far counted up to
 * 16, the last three bytes taken, latest first, at +12; the tokens written, at +16), then the
 * tokens' lengths (4 bytes each) and values (2 bytes each).
 *
 * @example
 * ```ts ignore
 * const stream = new RunDeflate({
 *   kernel: { memory, scratch, capacity: 4096, runTokens: kernels.runTokens },
 * });
 * ```
 */
export interface RunTokenKernel {
  /** The kernels' memory. */
  memory: Uint8Array;
  /** Where the room starts (a multiple of 4). */
  scratch: number;
  /** How many tokens the room holds. */
  capacity: number;
  /** The kernel: the position reached; the state says how many tokens it wrote. */
  runTokens(
    from: number,
    to: number,
    pixel: number,
    state: number,
    lengths: number,
    values: number,
    capacity: number,
  ): number;
}
