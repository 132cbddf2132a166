/**
 * The run-length deflater's work done by SIMD kernels (`runTokens` and `writeSymbols` in
 * `lib/png/_kernels.wat`) where the bytes are in the kernels' memory: a block's tokens live
 * there, found by one kernel and turned into bits by the other, and the stream's state is handed
 * over and back.
 *
 * @module
 */

import type { Adler32 } from "./_adler32.ts";
import type { BitWriter } from "./_bit_writer.ts";
import {
  type BlockCodes,
  type DeflateTokens,
  LENGTH_BASE,
  LENGTH_CODE,
  LENGTH_EXTRA,
  type SymbolWriter,
} from "./_deflate_block.ts";
import {
  CODES_BYTES,
  codesAt,
  COUNTS,
  type RunTokenKernel,
  SYMBOL_BYTES,
  SYMBOL_STATE,
  TOKENS,
} from "./_kernel_region.ts";

/**
 * The deflater's tokens and symbols by the kernels. A block's tokens either live in the kernels'
 * memory (`resident`: a deflater whose every call comes while the same memory is held, e.g. one
 * mask's transcoding), or in the deflater's own buffers, copied to the kernels' region when a
 * kernel finds or writes them (any deflater given the kernels for one call at a time).
 *
 * @example Where bytes lent to a deflater are in the kernels' memory
 * ```ts
 * import { KernelRuns } from "./_kernel_runs.ts";
 *
 * // Stand-ins for the kernels, which `lib/png/_deflate_kernels.ts` lends.
 * const memory = new Uint8Array(1 << 18);
 * const none = () => 0;
 * const kernel = { memory, at: 0, runTokens: none, countSymbols: none, writeSymbols: none };
 * const runs = new KernelRuns(kernel, 16, false);
 * console.log(runs.offsetOf(memory.subarray(100)), runs.offsetOf(new Uint8Array(4))); // 100 -1
 * ```
 */
export class KernelRuns implements SymbolWriter {
  /** A block's tokens, in the kernels' memory, when they live there. */
  readonly tokens: DeflateTokens | undefined;
  #kernel: RunTokenKernel;
  #view: DataView;
  #lengths: number;
  #values: number;
  #codes: number;
  /** The base lengths' table in the region. */
  #bases: Uint16Array;
  /** The region's token buffers. */
  #region: DeflateTokens;
  /** The tokens copied to the region last, and how many. */
  #staged: DeflateTokens | undefined;
  #stagedCount = 0;

  /**
   * @param kernel The kernels and where the deflater's region is.
   * @param blockTokens The most tokens in a block.
   * @param resident Whether the block's tokens live in the region.
   */
  constructor(kernel: RunTokenKernel, blockTokens: number, resident: boolean) {
    const { memory, at } = kernel;
    if (at % 16 !== 0) throw new RangeError(`the kernel's region at ${at} is not 16-byte aligned`);
    this.#kernel = kernel;
    this.#view = new DataView(memory.buffer, memory.byteOffset + at, TOKENS);
    const { buffer, byteOffset } = memory;
    this.#lengths = at + TOKENS;
    this.#values = this.#lengths + 4 * (blockTokens + 1);
    this.#region = {
      lengths: new Uint32Array(buffer, byteOffset + this.#lengths, blockTokens + 1),
      values: new Uint16Array(buffer, byteOffset + this.#values, blockTokens + 1),
      count: 0,
    };
    this.tokens = resident ? this.#region : undefined;
    this.#codes = at + codesAt(blockTokens);
    this.#bases = new Uint16Array(buffer, byteOffset + this.#codes + 1250, LENGTH_BASE.length);
    this.prepare();
  }

  /**
   * Writes the region's fixed tables, and has the kernel read zeros: when it is made, and when
   * it is lent again (the region may have held other buffers meanwhile).
   */
  prepare(): void {
    const { memory } = this.#kernel;
    memory.set(LENGTH_CODE, this.#codes + 960);
    memory.set(LENGTH_EXTRA, this.#codes + 1220);
    this.#bases.set(LENGTH_BASE);
    this.unfollow();
  }

  /**
   * Where `bytes` start in the kernels' memory, or -1 when they are not in it.
   *
   * @param bytes Bytes the deflater is given.
   * @returns Their offset in the memory.
   */
  offsetOf(bytes: Uint8Array): number {
    const { memory } = this.#kernel;
    return bytes.buffer === memory.buffer ? bytes.byteOffset - memory.byteOffset : -1;
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
   * Finds the tokens from `from` (a position in the kernels' memory, 3 at least), after the
   * block's `count` tokens so far: at least `room` of them (one more at most) unless `to` comes
   * first. They are then at `tokens` from `count` on: {@linkcode KernelRuns.collect} copies them
   * there when the block's tokens do not live in the region.
   *
   * @returns Where the kernel stopped; {@linkcode KernelRuns.found} tells how many it found.
   */
  find(from: number, to: number, pixel: number, room: number, count = 0): number {
    const { runTokens, at } = this.#kernel;
    const skip = this.tokens === undefined ? 0 : count;
    this.#staged = undefined;
    const lengths = this.#lengths + 4 * skip;
    return runTokens(from, to, pixel, at, lengths, this.#values + 2 * skip, room);
  }

  /**
   * Copies the tokens the last {@linkcode KernelRuns.find} found to the block's, from its
   * `count`-th on (nothing to do when they live in the region).
   *
   * @param tokens The block's tokens.
   */
  collect(tokens: DeflateTokens): void {
    if (tokens === this.tokens) return;
    const found = this.found();
    const { lengths, values } = this.#region;
    // A few tokens a call, mostly: copied one by one, no view made.
    for (let k = 0, to = tokens.count; k < found; k++, to++) {
      tokens.lengths[to] = lengths[k];
      tokens.values[to] = values[k];
    }
  }

  /**
   * Whether these are the kernels and region this was made for, still in the same memory.
   *
   * @param kernel Kernels lent again.
   */
  lentAgain(kernel: RunTokenKernel): boolean {
    const mine = this.#kernel;
    return kernel.memory.buffer === mine.memory.buffer && kernel.at === mine.at &&
      kernel.runTokens === mine.runTokens;
  }

  /** How many tokens the last {@linkcode KernelRuns.find} found. */
  found(): number {
    return this.#view.getUint32(16, true);
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

  /** Counts the block's symbols by the kernel. */
  countSymbols(tokens: DeflateTokens, literals: Uint32Array, distances: Uint32Array): boolean {
    const at = this.#stage(tokens, true);
    if (at === undefined) return false;
    const { memory } = this.#kernel;
    const counts = this.#codes + COUNTS;
    memory.fill(0, counts, counts + 4 * (286 + 30));
    this.#kernel.countSymbols(
      at.lengths,
      at.values,
      tokens.count,
      this.#codes,
      counts,
      counts + 4 * 286,
    );
    const found = new Uint32Array(memory.buffer, memory.byteOffset + counts, 286 + 30);
    for (let symbol = 0; symbol < 286; symbol++) literals[symbol] += found[symbol];
    for (let code = 0; code < 30; code++) distances[code] += found[286 + code];
    return true;
  }

  /** Writes the block's symbols by the kernel, when they fit its room. */
  writeSymbols(writer: BitWriter, tokens: DeflateTokens, codes: BlockCodes, bits: number): boolean {
    const at = this.#stage(tokens, false);
    if (bits + 8 > 8 * SYMBOL_BYTES - 64) return false;
    if (at === undefined) return false;
    const { memory } = this.#kernel;
    const { buffer, byteOffset } = memory;
    const at16 = byteOffset + this.#codes;
    new Uint16Array(buffer, at16, 286).set(codes.literalCodes);
    memory.set(codes.literalLengths, this.#codes + 576);
    new Uint16Array(buffer, at16 + 864, 30).set(codes.distanceCodes);
    memory.set(codes.distanceLengths, this.#codes + 928);
    const pending = writer.pending();
    const view = this.#view;
    view.setUint32(SYMBOL_STATE, pending.bits, true);
    view.setUint32(SYMBOL_STATE + 4, pending.count, true);
    const out = this.#codes + CODES_BYTES;
    const state = this.#kernel.at + SYMBOL_STATE;
    const end = this.#kernel.writeSymbols(
      at.lengths,
      at.values,
      tokens.count,
      this.#codes,
      out,
      state,
    );
    const left = view.getUint32(SYMBOL_STATE, true);
    writer.append(memory.subarray(out, end), left, view.getUint32(SYMBOL_STATE + 4, true));
    return true;
  }

  /**
   * Where the block's tokens are in the region: copied there first unless they live there, or
   * were copied by the `countSymbols` just before `writeSymbols`; `undefined` when they do not
   * fit.
   */
  #stage(tokens: DeflateTokens, copy: boolean): { lengths: number; values: number } | undefined {
    const at = { lengths: this.#lengths, values: this.#values };
    if (tokens === this.tokens) return at;
    const staged = this.#staged === tokens && this.#stagedCount === tokens.count;
    this.#staged = undefined;
    if (!copy) return staged ? at : undefined;
    const room = (this.#values - this.#lengths) / 4;
    if (tokens.count > room) return undefined;
    this.#region.lengths.set(tokens.lengths.subarray(0, tokens.count));
    this.#region.values.set(tokens.values.subarray(0, tokens.count));
    this.#staged = tokens;
    this.#stagedCount = tokens.count;
    return at;
  }
}
