/**
 * zlib piece by piece, for the strips of the fast path: streams driven through the handle under
 * `node:zlib`'s own streams (the calls its `inflateSync` and `deflateSync` make), each handle
 * kept for the next stream. With `_zlib.ts`, the only files that talk to the runtime's zlib.
 *
 * @module
 */

import { constants, createDeflate, createInflate } from "node:zlib";
import { concatenate } from "../concatenate.ts";
import { type DeflateOptions, deflateSync, type InflateOptions, inflateSync } from "./zlib.ts";

/** The part of `node:zlib`'s internal stream handle that the piecewise streams drive. */
interface ZlibHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
  onerror: (message: string, errno: number) => void;
  reset(): void;
}

/** A `node:zlib` stream's handle and the state array its `writeSync` reports in. */
interface Driven {
  stream: { close(): void };
  handle: ZlibHandle;
  /** After each call: `[output space left, input bytes left]`. */
  state: Uint32Array;
  failure?: Error;
}

/**
 * The stream handle under `node:zlib`'s `Inflate` or `Deflate` (the same calls `inflateSync` and
 * `deflateSync` make, in Node and in Deno), or `undefined` where it is missing.
 */
function drive(stream: { close(): void }): Driven | undefined {
  const handle = (stream as unknown as { _handle?: ZlibHandle })._handle;
  const state = (stream as unknown as { _writeState?: Uint32Array })._writeState;
  if (
    typeof handle?.writeSync !== "function" || typeof handle.reset !== "function" ||
    !(state instanceof Uint32Array)
  ) {
    stream.close();
    return undefined;
  }
  const driven: Driven = { stream, handle, state };
  handle.onerror = (message, errno) => {
    driven.failure ??= Object.assign(new Error(message), { errno });
  };
  return driven;
}

/**
 * Handles given back by closed streams, reset, one per kind: the next stream of that kind takes
 * it. Creating a `node:zlib` stream for every mask allocated its buffers and zlib's state
 * (hundreds of kilobytes for deflate) anew each time; the allocator kept the freed memory.
 */
const SPARE_HANDLES = new Map<string, Driven>();

/** Set by {@linkcode forceWholeBuffers}: streams then take the fallback, as without a handle. */
let wholeBuffersForced = false;

/**
 * Makes the streams created from now on act as where `node:zlib`'s stream handle is missing
 * (whole buffers at once), so tests can prove the fallback writes the same bytes as the fast path.
 *
 * @param forced `true` to take the fallback, `false` to drive the handle again.
 *
 * @example
 * ```ts
 * import { forceWholeBuffers, InflateStream } from "./zlib_streams.ts";
 *
 * forceWholeBuffers(true);
 * using stream = new InflateStream(new Uint8Array());
 * forceWholeBuffers(false);
 * console.log(stream.piecewise); // false
 * ```
 */
export function forceWholeBuffers(forced: boolean): void {
  wholeBuffersForced = forced;
}

function takeHandle(kind: string, create: () => { close(): void }): Driven | undefined {
  if (wholeBuffersForced) return undefined;
  const spare = SPARE_HANDLES.get(kind);
  SPARE_HANDLES.delete(kind);
  return spare ?? drive(create());
}

function giveBack(kind: string, driven: Driven): void {
  if (SPARE_HANDLES.has(kind)) return driven.stream.close();
  driven.handle.reset();
  driven.failure = undefined;
  SPARE_HANDLES.set(kind, driven);
}

/** Where deflate writes before the bytes are copied out: each call copies them out at once. */
let deflateOutput: Uint8Array | undefined;

/** The bytes zlib's deflate is given at a time (the last block of a stream may be shorter). */
const DEFLATE_BLOCK = 64 * 1024;

/**
 * Inflates a zlib stream piece by piece, each piece straight into a window the caller gives
 * (e.g. a strip of rows in WebAssembly memory), so a large image never needs a buffer of its
 * own. Like {@linkcode inflate}, a stream cut short ends early instead of failing. Where
 * `node:zlib`'s stream handle is missing, the whole stream is inflated at the first read.
 *
 * @example
 * ```ts
 * import { deflateSync } from "./zlib.ts";
 * import { InflateStream } from "./zlib_streams.ts";
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
  #whole?: Uint8Array;
  #served = 0;
  #limit?: number;

  /**
   * Prepares to inflate a stream.
   *
   * @param compressed The zlib stream (RFC 1950).
   * @param options Where the handle is missing, the most bytes to inflate at the first read.
   */
  constructor(compressed: Uint8Array, options: InflateOptions = {}) {
    this.#compressed = compressed;
    this.#limit = options.maxOutputLength;
    this.#driven = takeHandle("inflate", () => createInflate());
  }

  /** Whether this stream drives `node:zlib`'s handle piece by piece (the fast path). */
  get piecewise(): boolean {
    return this.#driven !== undefined;
  }

  /**
   * Inflates the next bytes into `target`.
   *
   * @param target Where the bytes go.
   * @returns How many bytes were written at its start: fewer than its length only when the
   * stream ended (or was cut short).
   * @throws {Error} when the stream is corrupt or its checksum wrong (with `node:zlib`'s
   * message).
   */
  read(target: Uint8Array): number {
    const driven = this.#driven;
    if (driven === undefined) {
      this.#whole ??= inflateSync(this.#compressed, { maxOutputLength: this.#limit });
      const piece = this.#whole.subarray(this.#served, this.#served + target.length);
      target.set(piece);
      this.#served += piece.length;
      return piece.length;
    }
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
    this.#consumed = input.length - driven.state[1];
    return target.length - driven.state[0];
  }

  /** Gives zlib's state back for the next stream. Safe to call twice. */
  close(): void {
    if (this.#driven !== undefined) giveBack("inflate", this.#driven);
    this.#driven = undefined;
    this.#whole = undefined;
  }

  /** Closes the stream: `using stream = new InflateStream(bytes)`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

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
 * import { DeflateStream } from "./zlib_streams.ts";
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
