/**
 * Inflate piece by piece, for the strips of the fast path: a stream driven through the handle
 * under `node:zlib`'s own `Inflate` (or `InflateRaw`, its check then summed by the caller's
 * faster code), the handle kept for the next stream.
 *
 * @module
 */

import { constants, createInflate, createInflateRaw } from "node:zlib";
import { type InflateOptions, inflateSync } from "./zlib.ts";
import { type Driven, giveBack, takeHandle } from "./_zlib_handles.ts";
import { Adler32 } from "./_adler32.ts";

/**
 * Sums Adler-32 (RFC 1950) over inflated bytes, going on from `adler` (1 for a new sum), and
 * returns the new sum as an unsigned 32-bit number: e.g. a SIMD kernel that skips runs of zeros.
 */
export type AdlerSum = (bytes: Uint8Array, adler: number) => number;

/**
 * Adler-32 in TypeScript, byte by byte: an {@linkcode AdlerSum} for bytes a faster one cannot
 * reach.
 *
 * @param bytes The bytes.
 * @param adler The sum so far (`b << 16 | a`); 1 for a new sum.
 * @returns The sum, as an unsigned 32-bit number.
 *
 * @example
 * ```ts
 * import { adler32Of } from "./inflate_stream.ts";
 *
 * console.log(adler32Of(new TextEncoder().encode("Wikipedia")).toString(16)); // 11e60398
 * ```
 */
export function adler32Of(bytes: Uint8Array, adler = 1): number {
  const sum = new Adler32();
  sum.a = adler & 0xffff;
  sum.b = adler >>> 16;
  sum.bytes(bytes, 0, bytes.length);
  return sum.value();
}

/** Options of an {@linkcode InflateStream}. */
export interface InflateStreamOptions extends InflateOptions {
  /**
   * Sums the stream's check instead of zlib: the deflate data is inflated raw and the sum
   * compared with the stream's trailer here, failing with zlib's own message when they differ.
   * Taken for the header zlib writes by default (deflate, 32 KB window, no dictionary); for any
   * other, zlib checks the stream itself, as without this option.
   */
  adler?: AdlerSum;
}

/** zlib's error when the trailer holds another Adler-32 than the inflated bytes'. */
function wrongCheck(): Error {
  return Object.assign(new Error("incorrect data check"), { errno: constants.Z_DATA_ERROR });
}

/**
 * Whether a zlib stream starts with a header whose window and flags make inflating its deflate
 * data raw (32 KB window) exactly what zlib does: deflate, a 32 KB window, no preset dictionary.
 */
function plainHeader(compressed: Uint8Array): boolean {
  if (compressed.length < 2) return false;
  const [method, flags] = compressed;
  return method === 0x78 && (flags & 0x20) === 0 && ((method << 8) | flags) % 31 === 0;
}

/**
 * Inflates a zlib stream piece by piece, each piece straight into a window the caller gives
 * (e.g. a strip of rows in WebAssembly memory), so a large image never needs a buffer of its
 * own. Like {@linkcode inflate}, a stream cut short ends early instead of failing. Where
 * `node:zlib`'s stream handle is missing, the whole stream is inflated at the first read.
 *
 * @example
 * ```ts
 * import { deflateSync } from "./zlib.ts";
 * import { InflateStream } from "./inflate_stream.ts";
 *
 * using stream = new InflateStream(deflateSync(new Uint8Array(1000), { level: 2 }));
 * const window = new Uint8Array(600);
 * console.log(stream.read(window), stream.read(window), stream.read(window)); // 600 400 0
 * ```
 */
export class InflateStream {
  #compressed: Uint8Array;
  #consumed = 0;
  #driven: Driven | undefined;
  #kind: string;
  #whole?: Uint8Array;
  #served = 0;
  #limit?: number;
  /**
   * Where the caller sums the check: the running sum, whether the trailer was reached, and the
   * bytes of the last read whose sum the caller owes (see {@linkcode InflateStream.settle}).
   */
  #check?: { sum: AdlerSum; adler: number; ended: boolean; owed: number };

  /**
   * Prepares to inflate a stream.
   *
   * @param compressed The zlib stream (RFC 1950).
   * @param options Where the handle is missing, the most bytes to inflate at the first read; the
   * caller's Adler-32, if any.
   */
  constructor(compressed: Uint8Array, options: InflateStreamOptions = {}) {
    this.#compressed = compressed;
    this.#limit = options.maxOutputLength;
    const raw = options.adler !== undefined && plainHeader(compressed);
    this.#kind = raw ? "inflateRaw" : "inflate";
    this.#driven = takeHandle(this.#kind, () => raw ? createInflateRaw() : createInflate());
    if (raw && this.#driven !== undefined) {
      this.#check = { sum: options.adler!, adler: 1, ended: false, owed: 0 };
      this.#consumed = 2;
    }
  }

  /** Whether this stream drives `node:zlib`'s handle piece by piece (the fast path). */
  get piecewise(): boolean {
    return this.#driven !== undefined;
  }

  /** Whether the caller's code sums the stream's check (see {@linkcode InflateStreamOptions}). */
  get callerChecks(): boolean {
    return this.#check !== undefined;
  }

  /**
   * The stream's Adler-32 so far where the caller's code sums the check (see
   * {@linkcode InflateStream.callerChecks}): over every byte read but those still owed; 1 before
   * the first read, or where zlib checks the stream.
   */
  get adler(): number {
    return this.#check?.adler ?? 1;
  }

  /** How many bytes of the last read the caller still owes the sum of (see `read`'s options). */
  get owed(): number {
    return this.#check?.owed ?? 0;
  }

  /**
   * Takes the sum the caller owes: the stream's {@linkcode InflateStream.adler} carried on over
   * the bytes of the last read, as they were inflated.
   *
   * @param adler The sum (`b << 16 | a`).
   * @throws {TypeError} when no sum is owed.
   */
  settle(adler: number): void {
    const check = this.#check;
    if (check === undefined || check.owed === 0) {
      throw new TypeError("Cannot settle an inflate stream's check: no bytes are owed a sum");
    }
    check.adler = adler >>> 0;
    check.owed = 0;
  }

  /**
   * Inflates the next bytes into `target`.
   *
   * @param target Where the bytes go.
   * @param options With `owing`, where the caller sums the check, the bytes are not summed here:
   * the caller sums them as it works on them (e.g. in the kernel that reads them anyway) and
   * gives the sum to {@linkcode InflateStream.settle} before the next read. Where the stream
   * ends in this read, its bytes are summed here all the same (its trailer is checked at once,
   * as zlib does) and nothing is owed.
   * @returns How many bytes were written at its start: fewer than its length only when the
   * stream ended (or was cut short).
   * @throws {Error} when the stream is corrupt or its checksum wrong (with `node:zlib`'s
   * message).
   * @throws {TypeError} when the sum of the last read's bytes is still owed.
   */
  read(target: Uint8Array, options: { owing?: boolean } = {}): number {
    const driven = this.#driven;
    if (driven === undefined) {
      this.#whole ??= inflateSync(this.#compressed, { maxOutputLength: this.#limit });
      const piece = this.#whole.subarray(this.#served, this.#served + target.length);
      target.set(piece);
      this.#served += piece.length;
      return piece.length;
    }
    const check = this.#check;
    if (check !== undefined && check.owed > 0) {
      throw new TypeError(
        `Cannot read on: the sum of the last read's ${check.owed} bytes is owed (settle it first)`,
      );
    }
    if (check?.ended) return 0;
    const input = this.#compressed;
    driven.handle.writeSync(
      constants.Z_SYNC_FLUSH,
      input,
      this.#consumed,
      input.length - this.#consumed,
      target,
      0,
      target.length,
    );
    if (driven.failure !== undefined) throw driven.failure;
    const left = driven.state[1];
    this.#consumed = input.length - left;
    const written = target.length - driven.state[0];
    if (check !== undefined) {
      // Output space left and input not taken: the deflate data ended, the trailer follows.
      const ended = written < target.length && left > 0;
      if (options.owing && !ended) {
        check.owed = written;
      } else if (written > 0) {
        check.adler = check.sum(target.subarray(0, written), check.adler);
      }
      if (ended) this.#checkTrailer(check);
    }
    return written;
  }

  /** Gives zlib's state back for the next stream. Safe to call twice. */
  close(): void {
    if (this.#driven !== undefined) giveBack(this.#kind, this.#driven);
    this.#driven = undefined;
    this.#whole = undefined;
  }

  /** Closes the stream: `using stream = new InflateStream(bytes)`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * Compares the sum with the trailer, as zlib does at a stream's end: a trailer cut short is
   * not checked (zlib waits for the rest), and nothing is inflated after it.
   */
  #checkTrailer(check: { adler: number; ended: boolean }): void {
    check.ended = true;
    const at = this.#consumed;
    const input = this.#compressed;
    if (input.length - at < 4) return;
    const trailer = ((input[at] << 24) | (input[at + 1] << 16) | (input[at + 2] << 8) |
      input[at + 3]) >>> 0;
    if (trailer !== check.adler >>> 0) throw wrongCheck();
  }
}
