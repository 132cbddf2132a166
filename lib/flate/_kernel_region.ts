/**
 * The run-length deflater's region in the SIMD kernels' memory: the kernels that work there, and
 * where each part of the region is.
 *
 * @module
 */

/** The kernels, their memory, and where in it the deflater's region starts (16-byte aligned). */
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
  /** Counts a block's symbols into u32 counts at `literals` and `distances`. */
  countSymbols(
    lengths: number,
    values: number,
    count: number,
    codes: number,
    literals: number,
    distances: number,
  ): void;
  /** Writes a block's symbols from `out`; returns the end of the whole bytes. */
  writeSymbols(
    lengths: number,
    values: number,
    count: number,
    codes: number,
    out: number,
    state: number,
  ): number;
  /** The kernels' memory, which the bytes deflated are in. */
  memory: Uint8Array;
  /** Where the deflater's region starts ({@linkcode kernelRunBytes} bytes). */
  at: number;
}

/**
 * The region's parts: `runTokens`' state (Adler-32's a and b, bytes taken, the last three, the
 * tokens found, the form's cursor), `writeSymbols`' bits pending, the tokens, the codes and the
 * bits written.
 */
export const SYMBOL_STATE = 32;
export const TOKENS = 48;
/** The block's codes and the fixed tables (1,312 bytes), then its symbols' counts. */
export const COUNTS = 1312;
export const CODES_BYTES: number = COUNTS + 4 * (286 + 30);
/** The bytes of a block's symbols the kernel writes at most; a larger block is written here. */
export const SYMBOL_BYTES = 128 * 1024;

/**
 * The bytes a {@linkcode RunTokenKernel} needs at its `at` for blocks of `blockTokens` tokens.
 *
 * @param blockTokens The most tokens in a block.
 * @returns The region's size.
 *
 * @example
 * ```ts
 * import { kernelRunBytes } from "./_kernel_region.ts";
 *
 * console.log(kernelRunBytes(1 << 14) > 128 * 1024); // true
 * ```
 */
export function kernelRunBytes(blockTokens: number): number {
  return codesAt(blockTokens) + CODES_BYTES + SYMBOL_BYTES;
}

/**
 * Where the block's codes start in the region, past its state and tokens.
 *
 * @param blockTokens The most tokens in a block.
 * @returns The offset from the region's start.
 */
export function codesAt(blockTokens: number): number {
  return (TOKENS + 6 * (blockTokens + 1) + 15) & ~15;
}
