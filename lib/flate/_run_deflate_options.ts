/**
 * The options of the mask-row deflater (`RunDeflate`), and their check.
 *
 * @module
 */

import {
  CALLBACK,
  checkOptionTypes,
  type OptionTypes,
  wholeNumber,
  withMethods,
} from "../option_types.ts";
import type { RunTokenKernel } from "./_kernel_region.ts";

/** Options of `RunDeflate`. */
export interface RunDeflateOptions {
  /** The first nonzero byte of `bytes` in `[from, to)`, or `to`. Default: a word at a time. */
  skipZeros?: (bytes: Uint8Array, from: number, to: number) => number;
  /** Bytes per pixel, 1 to 3: where runs repeating the pixel before are looked for. Default: 3. */
  pixelBytes?: number;
  /**
   * The SIMD kernels, for a stream whose every call comes while they hold the same memory: they
   * find the tokens of bytes given in that memory (the same as TypeScript would) and write the
   * symbols, the block's tokens living in their region.
   */
  tokenKernel?: RunTokenKernel;
}

/** The types of {@linkcode RunDeflateOptions}. */
const OPTION_TYPES: OptionTypes<RunDeflateOptions> = {
  skipZeros: CALLBACK,
  pixelBytes: wholeNumber(1, 3),
  tokenKernel: withMethods("the kernels", ["runTokens", "countSymbols", "writeSymbols"]),
};

/**
 * Checks a deflater's options, before it takes anything.
 *
 * @param options The options as given.
 * @throws {TypeError} naming an option of the wrong type.
 * @throws {RangeError} naming one out of range.
 *
 * @example
 * ```ts
 * import { checkRunDeflateOptions } from "./_run_deflate_options.ts";
 *
 * try {
 *   checkRunDeflateOptions({ pixelBytes: 4 });
 * } catch (error) {
 *   console.log((error as Error).message); // "options.pixelBytes must be a whole number from 1 to 3; got 4"
 * }
 * ```
 */
export function checkRunDeflateOptions(options: RunDeflateOptions): void {
  checkOptionTypes(options, OPTION_TYPES);
}
