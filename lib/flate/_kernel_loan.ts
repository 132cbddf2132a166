/**
 * The kernels a mask-row deflater finds its tokens with: its own, when its every call comes while
 * the kernels hold the same memory, or else those lent to it for one call at a time.
 *
 * @module
 */

import { KernelRuns } from "./_kernel_runs.ts";
import type { RunTokenKernel } from "./_kernel_region.ts";

/**
 * A deflater's kernels: its own (made with it), or those lent for a call between
 * {@linkcode KernelLoan.lend} and {@linkcode KernelLoan.giveBack}, whose runs are kept for the
 * next loan of the same kernels.
 *
 * @example Kernels lent for one call
 * ```ts
 * import { KernelLoan } from "./_kernel_loan.ts";
 *
 * // Stand-ins for the kernels, which `lib/png/_deflate_kernels.ts` lends.
 * const memory = new Uint8Array(1 << 18);
 * const none = () => 0;
 * const kernel = { memory, at: 0, runTokens: none, countSymbols: none, writeSymbols: none };
 * const loan = new KernelLoan(16);
 * console.log(loan.lend(kernel) === loan.current, loan.current !== undefined); // true true
 * loan.giveBack(kernel);
 * console.log(loan.current); // undefined
 * ```
 */
export class KernelLoan {
  #current: KernelRuns | undefined;
  #own: boolean;
  #blockTokens: number;
  /** The runs of the kernels last lent, kept for the next loan. */
  #lent: KernelRuns | undefined;
  /** The loans not given back yet (a call inside a call that was lent the kernels). */
  #open = 0;

  /**
   * @param blockTokens The most tokens in a deflate block.
   * @param own The deflater's own kernels, whose region then holds its block's tokens.
   */
  constructor(blockTokens: number, own?: RunTokenKernel) {
    this.#blockTokens = blockTokens;
    this.#own = own !== undefined;
    this.#current = own && new KernelRuns(own, blockTokens, true);
  }

  /** The kernels in use now: the deflater's own, or those lent for the call. */
  get current(): KernelRuns | undefined {
    return this.#current;
  }

  /**
   * The kernels for a call: the deflater's own, or else `kernel` when given, until the matching
   * {@linkcode KernelLoan.giveBack}.
   */
  lend(kernel: RunTokenKernel | undefined): KernelRuns | undefined {
    if (this.#own || kernel === undefined || this.#open++ > 0) return this.#current;
    if (this.#lent?.lentAgain(kernel)) this.#lent.prepare();
    else this.#lent = new KernelRuns(kernel, this.#blockTokens, false);
    return this.#current = this.#lent;
  }

  /** Ends the loan of `kernel` that the matching {@linkcode KernelLoan.lend} made, if any. */
  giveBack(kernel: RunTokenKernel | undefined): void {
    if (this.#own || kernel === undefined || --this.#open > 0) return;
    this.#current = undefined;
  }
}
