/**
 * A deflate stream's tokens gathered into dynamic blocks: every 16,384 tokens make a block with
 * Huffman codes of its own (RFC 1951, 3.2.7), so each block's codes follow what its part of the
 * data holds.
 *
 * @module
 */

import type { BitWriter } from "./_bit_writer.ts";
import { type DeflateTokens, writeDynamicBlock } from "./_deflate_block.ts";

/** Tokens per block. */
const BLOCK_TOKENS = 1 << 14;

/**
 * The token buffers of the last stream ended, for the next one: a worker deflates mask after
 * mask, and 96 KiB of fresh buffers for each would be garbage that only a collection frees.
 */
let spareTokens: DeflateTokens | undefined;

/**
 * Gathers tokens and writes each full block of them.
 *
 * @example
 * ```ts
 * import { BitWriter } from "./_bit_writer.ts";
 * import { TokenBlocks } from "./_token_blocks.ts";
 *
 * const writer = new BitWriter();
 * const blocks = new TokenBlocks(writer);
 * blocks.add(0, 97); // "a"
 * blocks.add(99, 1); // and 99 more
 * blocks.end();
 * console.log(writer.bytes().length > 0); // true
 * ```
 */
export class TokenBlocks {
  #writer: BitWriter;
  #tokens: DeflateTokens;

  /** @param writer Where the blocks' bits go. */
  constructor(writer: BitWriter) {
    this.#writer = writer;
    this.#tokens = spareTokens ?? {
      lengths: new Uint32Array(BLOCK_TOKENS),
      values: new Uint16Array(BLOCK_TOKENS),
      count: 0,
    };
    spareTokens = undefined;
  }

  /**
   * Adds a token.
   *
   * @param length 0 for a literal, else the match's length.
   * @param value The literal, or the match's distance.
   */
  add(length: number, value: number): void {
    const tokens = this.#tokens;
    tokens.lengths[tokens.count] = length;
    tokens.values[tokens.count++] = value;
    if (tokens.count === BLOCK_TOKENS) this.#flush();
  }

  /**
   * Adds tokens given as two arrays, e.g. views of a kernel's memory.
   *
   * @param lengths The tokens' lengths.
   * @param values Their values, as many.
   */
  addAll(lengths: Uint32Array, values: Uint16Array): void {
    for (let done = 0; done < lengths.length;) {
      const tokens = this.#tokens;
      const take = Math.min(lengths.length - done, BLOCK_TOKENS - tokens.count);
      tokens.lengths.set(lengths.subarray(done, done + take), tokens.count);
      tokens.values.set(values.subarray(done, done + take), tokens.count);
      tokens.count += take;
      done += take;
      if (tokens.count === BLOCK_TOKENS) this.#flush();
    }
  }

  /** Writes the tokens left as the stream's final block; the buffers go to the next stream. */
  end(): void {
    writeDynamicBlock(this.#writer, this.#tokens, true);
    this.#tokens.count = 0;
    spareTokens = this.#tokens;
  }

  #flush(): void {
    writeDynamicBlock(this.#writer, this.#tokens, false);
    this.#tokens.count = 0;
  }
}
