/**
 * A zlib stream encoder made for Up-filtered mask rows, nearly all zero bytes: a run of zeros is
 * one match at distance 1 however long, and only the other bytes are looked at one by one: a
 * literal, or a run repeating the byte before or the pixel before (3 bytes by default). Each block
 * gets Huffman codes of its own (RFC 1951, 3.2.7). Any bytes are encoded correctly; bytes that are
 * not mostly zeros slowly and poorly. Where the bytes are in the SIMD kernels' memory, the kernels
 * find the same tokens and write the symbols (`_kernel_runs.ts`).
 *
 * @module
 */

import { Adler32 } from "./_adler32.ts";
import { BitWriter } from "./_bit_writer.ts";
import { runLength, skipZerosByWord } from "./_byte_runs.ts";
import { giveTokens, takeTokens } from "./_spare_tokens.ts";
import type { KernelRuns } from "./_kernel_runs.ts";
import { KernelLoan } from "./_kernel_loan.ts";
import { kernelRunBytes, type RunTokenKernel } from "./_kernel_region.ts";
import { eachScanlineRun, type Scanlines } from "./_scanline_runs.ts";
import { checkRunDeflateOptions, type RunDeflateOptions } from "./_run_deflate_options.ts";
import {
  type DeflateTokens,
  MOST_ZERO_ROWS,
  writeDynamicBlock,
  ZERO_ROW,
} from "./_deflate_block.ts";

export type { RunTokenKernel } from "./_kernel_region.ts";
export type { RunDeflateOptions } from "./_run_deflate_options.ts";

/** Tokens per block: a block's codes follow what its part of the mask holds. */
const BLOCK_TOKENS = 1 << 14;
/** The bytes a {@linkcode RunTokenKernel} needs at its `at`: its state and a block's tokens. */
export const RUN_TOKEN_BYTES: number = kernelRunBytes(BLOCK_TOKENS);
/** No bytes: what a stream's scanline runs read between calls. */
const EMPTY: Uint8Array = new Uint8Array(0);

/**
 * Encodes bytes, given piece by piece, as one zlib stream (header, deflate blocks, Adler-32).
 *
 * @example
 * ```ts
 * import { inflateSync } from "node:zlib";
 * import { RunDeflate } from "./run_deflate.ts";
 *
 * const rows = new Uint8Array(1000);
 * rows[500] = 7;
 * const deflate = new RunDeflate();
 * deflate.write(rows, 0, 600);
 * deflate.write(rows, 600, 1000);
 * const stream = deflate.end();
 * console.log(stream.length < 40, inflateSync(stream).equals(rows)); // true true
 * ```
 */
export class RunDeflate {
  #skipZeros: NonNullable<RunDeflateOptions["skipZeros"]>;
  #pixel: number;
  #tokens: DeflateTokens;
  /** The block's tokens as deflate counts them: a zero-row token is three. */
  #weight = 0;
  /** The last three bytes taken, latest first, and how many bytes were taken. */
  #before = new Uint8Array(3);
  #taken = 0;
  #adler = new Adler32();
  #writer = new BitWriter();
  /** Its kernels: its own, or those lent for a call. */
  #kernels: KernelLoan;
  /** The block's tokens when they live in the kernels' memory. */
  #resident: DeflateTokens | undefined;
  /** What `writeScanlines` does with each run of scanlines, made once: set for each call. */
  #scan = {
    bytes: EMPTY,
    skipZeros: skipZerosByWord as NonNullable<RunDeflateOptions["skipZeros"]>,
    zeroRows: (filter: number, zeros: number, rows: number) => this.zeroRows(filter, zeros, rows),
    rows: (from: number, to: number) =>
      this.#write(this.#scan.bytes, from, to, this.#scan.skipZeros),
  };

  /** @param options How zero bytes are skipped. */
  constructor(options: RunDeflateOptions = {}) {
    // Checked before tokens are taken from the thread's spares.
    checkRunDeflateOptions(options);
    this.#skipZeros = options.skipZeros ?? skipZerosByWord;
    this.#pixel = options.pixelBytes ?? 3;
    this.#kernels = new KernelLoan(BLOCK_TOKENS, options.tokenKernel);
    this.#resident = this.#kernels.current?.tokens;
    // One more than a block: a kernel may find one token past the block's room.
    this.#tokens = this.#resident ?? takeTokens(BLOCK_TOKENS + 1);
    // CMF: deflate with a 32 KiB window; FLG: the fastest level, no dictionary, check bits.
    this.#writer.byte(0x78);
    this.#writer.byte(0x01);
  }

  /**
   * Encodes the next bytes, `bytes[from..to)`; they may change once this returns.
   *
   * @param bytes Where the bytes are.
   * @param from The first byte's position. @default {0}
   * @param to The position after the last byte. @default {bytes.length}
   */
  write(bytes: Uint8Array, from = 0, to: number = bytes.length): void {
    this.#write(bytes, from, to, this.#skipZeros);
  }

  /** `write`, the zeros skipped by `skipZeros`. */
  #write(
    bytes: Uint8Array,
    from: number,
    to: number,
    skipZeros: NonNullable<RunDeflateOptions["skipZeros"]>,
  ): void {
    const kernel = this.#kernels.current;
    const base = kernel?.offsetOf(bytes) ?? -1;
    if (base >= 0 && base + from >= 3) {
      return this.#writeByKernel(kernel!, base + from, base + to);
    }
    const before = this.#before;
    const at = (j: number) => j >= from ? bytes[j] : before[from - j - 1];
    const pixel = this.#pixel;
    for (let i = from; i < to;) {
      const byte = bytes[i];
      const previous = i > from ? bytes[i - 1] : at(i - 1);
      if (byte === 0 && this.#taken > 0 && previous === 0) {
        const end = skipZeros(bytes, i, to);
        this.#zeros(end - i);
        i = end;
        continue;
      }
      // A run is looked for only where the first byte repeats (most bytes here start none).
      const one = this.#taken >= 1 && byte === previous ? runLength(bytes, at, i, to, 1) : 0;
      const three = pixel > 1 && this.#taken >= pixel && byte === at(i - pixel)
        ? runLength(bytes, at, i, to, pixel)
        : 0;
      if (one < 3 && three < 3) {
        this.#literal(bytes[i++]);
        continue;
      }
      const length = Math.max(one, three);
      this.#token(length, one >= three ? 1 : pixel);
      this.#adler.bytes(bytes, i, i + length);
      this.#taken += length;
      i += length;
    }
    before.set([at(to - 1), at(to - 2), at(to - 3)]);
  }

  /** `write` by the kernel: the same tokens, found in its memory. */
  #writeByKernel(runs: KernelRuns, from: number, to: number): void {
    runs.start(this.#adler, this.#taken, this.#before);
    for (let i = from; i < to;) {
      const room = BLOCK_TOKENS - this.#weight;
      const tokens = this.#tokens;
      i = runs.find(i, to, this.#pixel, room, tokens.count);
      runs.collect(tokens);
      const found = runs.found();
      tokens.count += Math.min(found, room);
      this.#weight += Math.min(found, room);
      if (this.#weight < BLOCK_TOKENS) continue;
      const last = tokens.count;
      this.#endBlock();
      if (found <= room) continue;
      // A run of two zeros wrote its second literal past the block's room: the next block's.
      tokens.lengths[0] = tokens.lengths[last];
      tokens.values[0] = tokens.values[last];
      tokens.count = this.#weight = 1;
    }
    runs.finish(this.#adler, this.#before);
    this.#taken += to - from;
  }

  /**
   * Encodes `count` scanlines alike whose bytes after their filter type are all zeros, without
   * reading them: the same bytes as `write` would take, in fewer steps.
   *
   * @param filter The scanlines' filter type (their first byte).
   * @param zeros How many zero bytes follow it in each.
   * @param count How many scanlines.
   */
  zeroRows(filter: number, zeros: number, count: number): void {
    while (count > 0) {
      // As many rows as the block holds, three tokens each, as one token.
      const rows = Math.min(count, MOST_ZERO_ROWS, Math.floor((BLOCK_TOKENS - this.#weight) / 3));
      if (zeros < 4 || rows === 0) {
        this.#zeroRowTokens(filter, zeros);
        count--;
        continue;
      }
      this.#adler.zeroRows(filter, zeros, rows);
      this.#taken += rows * (zeros + 1);
      this.#before.fill(0);
      this.#token(zeros, ZERO_ROW | filter | (rows - 1) << 9, 3 * rows);
      count -= rows;
    }
  }

  /** A zero row as its three tokens (a literal for each zero when fewer than 4). */
  #zeroRowTokens(filter: number, zeros: number): void {
    this.#literal(filter);
    if (zeros === 0) return void this.#before.set([filter, this.#before[0], this.#before[1]]);
    // The first zero follows a nonzero byte (or is the stream's first): a literal.
    this.#literal(0);
    this.#zeros(zeros - 1);
    this.#before.set(
      zeros >= 3 ? [0, 0, 0] : zeros === 2 ? [0, 0, filter] : [0, filter, this.#before[0]],
    );
  }

  /**
   * Encodes scanlines of a PNG (a filter-type byte, then the row) that lie `stride` bytes apart:
   * those flagged 0 are all zeros after their filter type (a row that repeats the row above, once
   * Up-filtered) and are encoded without being read; runs of the others as they are.
   *
   * @param bytes Where the scanlines are.
   * @param scanlines The first one's position, the distance between two, how many, and their
   * flags: `flags[at + row]` is 0 for a row of zeros; how their zeros are skipped, if not as
   * the options said; the kernels lent for this call, when the stream has none (its tokens stay
   * its own); where in their memory the canonical form of the rows' bytes after their filter
   * types is (`digestPieces`), so that the kernel finds their zeros there.
   */
  writeScanlines(
    bytes: Uint8Array,
    scanlines: Scanlines & {
      skipZeros?: RunDeflateOptions["skipZeros"];
      form?: number;
      kernel?: RunTokenKernel;
    },
  ): void {
    const scan = this.#scan;
    scan.bytes = bytes;
    scan.skipZeros = scanlines.skipZeros ?? this.#skipZeros;
    const runs = this.#kernels.lend(scanlines.kernel);
    try {
      const base = runs?.offsetOf(bytes) ?? -1;
      const { form, first, stride } = scanlines;
      if (form !== undefined && base >= 0) runs!.follow(form, base + first + 1, stride - 1);
      eachScanlineRun(bytes, scanlines, scan);
      runs?.unfollow();
    } finally {
      this.#kernels.giveBack(scanlines.kernel);
      scan.bytes = EMPTY;
    }
  }

  /**
   * Ends the stream.
   *
   * @param kernel The kernels lent for the last block, when the stream has none.
   * @returns The whole zlib stream.
   */
  end(kernel?: RunTokenKernel): Uint8Array {
    const runs = this.#kernels.lend(kernel);
    try {
      writeDynamicBlock(this.#writer, this.#tokens, true, runs);
    } finally {
      this.#kernels.giveBack(kernel);
    }
    if (this.#tokens !== this.#resident) giveTokens(this.#tokens);
    this.#writer.alignToByte();
    const adler = this.#adler.value();
    for (const shift of [24, 16, 8, 0]) this.#writer.byte((adler >>> shift) & 0xff);
    return this.#writer.bytes();
  }

  /**
   * Gives the stream's buffer to the next stream made, once the bytes {@linkcode RunDeflate.end}
   * returned are copied: they are overwritten then.
   */
  release(): void {
    this.#writer.release();
  }

  #literal(value: number): void {
    this.#adler.byte(value);
    this.#taken++;
    this.#token(0, value);
  }

  /** `count` zero bytes after a zero byte: one match at distance 1 (literals if under 3). */
  #zeros(count: number): void {
    this.#adler.zeros(count);
    this.#taken += count;
    if (count >= 3) return this.#token(count, 1);
    for (let i = 0; i < count; i++) this.#token(0, 0);
  }

  /** Adds a token that deflate counts as `weight` tokens (a zero row: 3). */
  #token(length: number, value: number, weight = 1): void {
    const tokens = this.#tokens;
    tokens.lengths[tokens.count] = length;
    tokens.values[tokens.count++] = value;
    this.#weight += weight;
    if (this.#weight >= BLOCK_TOKENS) this.#endBlock();
  }

  /** Writes the block's tokens as a block that is not the last. */
  #endBlock(): void {
    writeDynamicBlock(this.#writer, this.#tokens, false, this.#kernels.current);
    this.#tokens.count = 0;
    this.#weight = 0;
  }
}
