/**
 * The token buffers of the last deflate streams ended, for the next ones: a worker deflates mask
 * after mask (a binary mask's labels, several at once), and 96 KiB of fresh buffers for each
 * would be garbage that only a collection frees.
 *
 * @module
 */

import type { DeflateTokens } from "./_deflate_block.ts";

const spareTokens: DeflateTokens[] = [];
/** The most buffers kept spare. */
const SPARE_TOKENS = 16;

/**
 * A spare token buffer of `size` tokens, or a new one.
 *
 * @param size The tokens it holds.
 * @returns An empty buffer.
 *
 * @example
 * ```ts
 * import { giveTokens, takeTokens } from "./_spare_tokens.ts";
 *
 * const tokens = takeTokens(16);
 * giveTokens(tokens);
 * console.log(takeTokens(16) === tokens); // true
 * ```
 */
export function takeTokens(size: number): DeflateTokens {
  const index = spareTokens.findLastIndex((tokens) => tokens.lengths.length === size);
  if (index >= 0) return spareTokens.splice(index, 1)[0];
  return { lengths: new Uint32Array(size), values: new Uint16Array(size), count: 0 };
}

/**
 * Keeps a stream's token buffer for the next stream, unless enough are kept.
 *
 * @param tokens The buffer, no longer used.
 */
export function giveTokens(tokens: DeflateTokens): void {
  tokens.count = 0;
  if (spareTokens.length < SPARE_TOKENS) spareTokens.push(tokens);
}
