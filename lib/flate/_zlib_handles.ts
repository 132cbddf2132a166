/**
 * The stream handles under `node:zlib`'s own streams (the calls its `inflateSync` and
 * `deflateSync` make), driven piece by piece by `InflateStream` and `DeflateStream` and kept for
 * the next stream of their kind. With `zlib.ts`, the only files that talk to the runtime's zlib.
 *
 * @module
 */

/** The part of `node:zlib`'s internal stream handle that the piecewise streams drive. */
export interface ZlibHandle {
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
export interface Driven {
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
 * import { forceWholeBuffers } from "./_zlib_handles.ts";
 * import { InflateStream } from "./inflate_stream.ts";
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

/**
 * A handle of a kind for a new stream: one given back earlier, else one of a stream `create`
 * makes; `undefined` where the handle is missing or {@linkcode forceWholeBuffers} is on.
 */
export function takeHandle(kind: string, create: () => { close(): void }): Driven | undefined {
  if (wholeBuffersForced) return undefined;
  const spare = SPARE_HANDLES.get(kind);
  SPARE_HANDLES.delete(kind);
  return spare ?? drive(create());
}

/** Gives a stream's handle back, reset, for the next stream of its kind. */
export function giveBack(kind: string, driven: Driven): void {
  if (SPARE_HANDLES.has(kind)) return driven.stream.close();
  driven.handle.reset();
  driven.failure = undefined;
  SPARE_HANDLES.set(kind, driven);
}
