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
const SYMBOL_STATE = 32;
const TOKENS = 48;
/** The block's codes and the fixed tables (1,312 bytes), then its symbols' counts. */
const COUNTS = 1312;
const CODES_BYTES = COUNTS + 4 * (286 + 30);
/** The bytes of a block's symbols the kernel writes at most; a larger block is written here. */
const SYMBOL_BYTES = 128 * 1024;

/**
 * The bytes a {@linkcode RunTokenKernel} needs at its `at` for blocks of `blockTokens` tokens.
 *
 * @param blockTokens The most tokens in a block.
 * @returns The region's size.
 *
 * @example
 * ```ts
 * import { kernelRunBytes } from "./_kernel_runs.ts";
 *
 * console.log(kernelRunBytes(1 << 14) > 128 * 1024); // true
 * ```
 */
export function kernelRunBytes(blockTokens: number): number {
  return codesAt(blockTokens) + CODES_BYTES + SYMBOL_BYTES;
}

function codesAt(blockTokens: number): number {
  return (TOKENS + 6 * (blockTokens + 1) + 15) & ~15;
}

/**
 * The deflater's tokens and symbols by the kernels.
 *
 * @example A literal 5, then four bytes repeating the byte before
 * ```ts
 * import { withKernels } from "../png/kernels.ts";
 * import { Adler32 } from "./_adler32.ts";
 * import { KernelRuns } from "./_kernel_runs.ts";
 *
 * const found = withKernels(1 << 20, (kernels, memory) => {
 *   memory.fill(0, 0, 1024);
 *   memory.set([5, 5, 5, 5, 5], 16);
 *   const kernel = { ...kernels, memory, at: 1024 };
 *   const runs = new KernelRuns(kernel, 7);
 *   runs.start(new Adler32(), 0, new Uint8Array(3));
 *   runs.find(16, 21, 3, 7);
 *   return [runs.found(), runs.tokens.lengths[1], runs.tokens.values[1]];
 * });
 * console.log(found); // [ 2, 4, 1 ]
 * ```
 */
export class KernelRuns implements SymbolWriter {
  /** A block's tokens, in the kernels' memory. */
  readonly tokens: DeflateTokens;
  #kernel: RunTokenKernel;
  #view: DataView;
  #codes: number;

  /**
   * @param kernel The kernels and where the deflater's region is.
   * @param blockTokens The most tokens in a block.
   */
  constructor(kernel: RunTokenKernel, blockTokens: number) {
    const { memory, at } = kernel;
    if (at % 16 !== 0) throw new RangeError(`the kernel's region at ${at} is not 16-byte aligned`);
    this.#kernel = kernel;
    this.#view = new DataView(memory.buffer, memory.byteOffset + at, TOKENS);
    const { buffer, byteOffset } = memory;
    const lengths = byteOffset + at + TOKENS;
    this.tokens = {
      lengths: new Uint32Array(buffer, lengths, blockTokens + 1),
      values: new Uint16Array(buffer, lengths + 4 * (blockTokens + 1), blockTokens + 1),
      count: 0,
    };
    this.#codes = at + codesAt(blockTokens);
    const codes = this.#codes;
    memory.set(LENGTH_CODE, codes + 960);
    memory.set(LENGTH_EXTRA, codes + 1220);
    new Uint16Array(buffer, byteOffset + codes + 1250, LENGTH_BASE.length).set(LENGTH_BASE);
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
   * Finds the tokens from `from`, after the block's tokens so far: at least `room` of them (one
   * more at most) unless `to` comes first.
   *
   * @returns Where the kernel stopped; {@linkcode KernelRuns.found} tells how many it found.
   */
  find(from: number, to: number, pixel: number, room: number): number {
    const { runTokens, at } = this.#kernel;
    const { lengths, values, count } = this.tokens;
    const offset = this.#kernel.memory.byteOffset;
    const lengthsAt = lengths.byteOffset - offset + 4 * count;
    const valuesAt = values.byteOffset - offset + 2 * count;
    return runTokens(from, to, pixel, at, lengthsAt, valuesAt, room);
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

  /** Counts the block's symbols by the kernel, when they are its tokens. */
  countSymbols(tokens: DeflateTokens, literals: Uint32Array, distances: Uint32Array): boolean {
    if (tokens !== this.tokens) return false;
    const { memory } = this.#kernel;
    const at = this.#codes + COUNTS;
    memory.fill(0, at, at + 4 * (286 + 30));
    const offset = memory.byteOffset;
    this.#kernel.countSymbols(
      tokens.lengths.byteOffset - offset,
      tokens.values.byteOffset - offset,
      tokens.count,
      this.#codes,
      at,
      at + 4 * 286,
    );
    const counts = new Uint32Array(memory.buffer, offset + at, 286 + 30);
    for (let symbol = 0; symbol < 286; symbol++) literals[symbol] += counts[symbol];
    for (let code = 0; code < 30; code++) distances[code] += counts[286 + code];
    return true;
  }

  /** Writes the block's symbols by the kernel, when they are its tokens and fit its room. */
  writeSymbols(writer: BitWriter, tokens: DeflateTokens, codes: BlockCodes, bits: number): boolean {
    if (tokens !== this.tokens || bits + 8 > 8 * SYMBOL_BYTES - 64) return false;
    const { memory, at } = this.#kernel;
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
    const lengthsAt = tokens.lengths.byteOffset - byteOffset;
    const valuesAt = tokens.values.byteOffset - byteOffset;
    const end = this.#kernel.writeSymbols(
      lengthsAt,
      valuesAt,
      tokens.count,
      this.#codes,
      out,
      at + SYMBOL_STATE,
    );
    const left = view.getUint32(SYMBOL_STATE, true);
    writer.append(memory.subarray(out, end), left, view.getUint32(SYMBOL_STATE + 4, true));
    return true;
  }
}
