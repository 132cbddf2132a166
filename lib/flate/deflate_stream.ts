/**
 * Deflate piece by piece, for the strips of the fast path: a stream driven through the handle
 * under `node:zlib`'s own `Deflate`, the handle kept for the next stream.
 *
 * @module
 */

import { constants, createDeflate } from "node:zlib";
import { concatenate } from "../concatenate.ts";
import { type DeflateOptions, deflateSync } from "./zlib.ts";
import { type Driven, giveBack, takeHandle } from "./_zlib_handles.ts";

/** Where deflate writes before the bytes are copied out: each call copies them out at once. */
let deflateOutput: Uint8Array | undefined;

/** The bytes zlib's deflate is given at a time (the last block of a stream may be shorter). */
const DEFLATE_BLOCK = 64 * 1024;

/**
 * Deflates bytes given piece by piece (e.g. strips of rows from WebAssembly memory, each copied
 * before the next is written over it) into one zlib stream. zlib is given the bytes in blocks of
 * a fixed size whatever the pieces, because at some levels (1, 5 and 6 measured) the runtime's
 * zlib compresses differently when its input comes in other pieces: the stream is the same
 * however the image is cut into strips, and at the masks' level 2 it is byte for byte the one
 * {@linkcode deflateSync} makes of the whole. Where `node:zlib`'s stream handle is missing, the
 * pieces are kept and deflated at the end.
 *
 * @example
 * ```ts
 * import { deflateSync } from "./zlib.ts";
 * import { DeflateStream } from "./deflate_stream.ts";
 *
 * using stream = new DeflateStream({ level: 2 });
 * stream.write(new Uint8Array(600));
 * stream.write(new Uint8Array(400));
 * const whole = deflateSync(new Uint8Array(1000), { level: 2 });
 * console.log(stream.end().join() === whole.join()); // true
 * ```
 */
export class DeflateStream {
  #driven: Driven | undefined;
  #level: number;
  #pieces: Uint8Array[] = [];
  #block?: Uint8Array;
  #blockBytes = 0;

  /**
   * Prepares a stream.
   *
   * @param options The compression level.
   */
  constructor(options: DeflateOptions) {
    this.#level = options.level;
    const { level } = options;
    this.#driven = takeHandle(`deflate ${level}`, () => createDeflate({ level }));
  }

  /** Whether this stream drives `node:zlib`'s handle piece by piece (the fast path). */
  get piecewise(): boolean {
    return this.#driven !== undefined;
  }

  /**
   * Compresses the next piece; zlib keeps what it needs, so `bytes` may change afterwards.
   *
   * @param bytes The next bytes.
   */
  write(bytes: Uint8Array): void {
    if (this.#driven === undefined) return void this.#pieces.push(bytes.slice());
    const block = this.#block ??= new Uint8Array(DEFLATE_BLOCK);
    for (let offset = 0; offset < bytes.length;) {
      const taken = Math.min(block.length - this.#blockBytes, bytes.length - offset);
      block.set(bytes.subarray(offset, offset + taken), this.#blockBytes);
      this.#blockBytes += taken;
      offset += taken;
      if (this.#blockBytes === block.length) {
        this.#run(constants.Z_NO_FLUSH, block);
        this.#blockBytes = 0;
      }
    }
  }

  /**
   * Ends the stream.
   *
   * @returns The whole zlib stream (RFC 1950).
   */
  end(): Uint8Array {
    if (this.#driven === undefined) {
      return deflateSync(concatenate(this.#pieces.splice(0)), { level: this.#level });
    }
    this.#run(constants.Z_FINISH, this.#block?.subarray(0, this.#blockBytes) ?? new Uint8Array(0));
    this.#blockBytes = 0;
    this.close();
    return concatenate(this.#pieces.splice(0));
  }

  /** Gives zlib's state back for the next stream. Safe to call twice. */
  close(): void {
    if (this.#driven !== undefined) giveBack(`deflate ${this.#level}`, this.#driven);
    this.#driven = undefined;
  }

  /** Closes the stream: `using stream = new DeflateStream({ level })`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #run(flush: number, bytes: Uint8Array): void {
    const driven = this.#driven!;
    const out = deflateOutput ??= new Uint8Array(64 * 1024);
    let offset = 0;
    // zlib stops when its output is full: call again until it has room left over.
    do {
      driven.handle.writeSync(flush, bytes, offset, bytes.length - offset, out, 0, out.length);
      if (driven.failure !== undefined) throw driven.failure;
      offset = bytes.length - driven.state[1];
      const produced = out.length - driven.state[0];
      if (produced > 0) this.#pieces.push(out.slice(0, produced));
    } while (driven.state[0] === 0);
  }
}
