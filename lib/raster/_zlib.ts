/**
 * The one place that talks to the runtime's zlib (`node:zlib`, native in Deno and Node), so the
 * codec can move to another backend by changing this file only.
 *
 * @module
 */

import {
  constants,
  deflate as deflateWithCallback,
  inflate as inflateWithCallback,
} from "node:zlib";

/** Options of {@linkcode inflate}. */
export interface InflateOptions {
  /** Refuse to produce more than this many bytes; default: no limit beyond the runtime's. */
  maxOutputLength?: number;
}

/** The error code `node:zlib` gives when the output would exceed `maxOutputLength`. */
export const OUTPUT_TOO_LARGE = "ERR_BUFFER_TOO_LARGE";

/**
 * Inflates a zlib stream. A stream cut short yields the bytes decoded so far instead of an error,
 * so callers can say where the data ends; corrupt data and a wrong checksum still reject.
 *
 * @param compressed The zlib stream (RFC 1950).
 * @param options The output limit.
 * @returns The inflated bytes.
 * @throws {Error} from `node:zlib` when the stream is corrupt or the output exceeds the limit.
 *
 * @example
 * ```ts
 * import { deflate, inflate } from "./_zlib.ts";
 *
 * const packed = await deflate(new Uint8Array(1000), { level: 9 });
 * console.log((await inflate(packed)).length); // 1000
 * ```
 */
export function inflate(compressed: Uint8Array, options: InflateOptions = {}): Promise<Uint8Array> {
  const settings = {
    finishFlush: constants.Z_SYNC_FLUSH,
    ...(options.maxOutputLength === undefined ? {} : { maxOutputLength: options.maxOutputLength }),
  };
  return new Promise((resolve, reject) => {
    inflateWithCallback(compressed, settings, (error, result) => {
      if (error) reject(error);
      else resolve(new Uint8Array(result.buffer, result.byteOffset, result.byteLength));
    });
  });
}

/** Options of {@linkcode deflate}. */
export interface DeflateOptions {
  /** The zlib compression level, 0 (stored) to 9 (smallest). */
  level: number;
}

/**
 * Deflates bytes into a zlib stream.
 *
 * @param bytes The bytes to compress.
 * @param options The compression level.
 * @returns The zlib stream (RFC 1950).
 *
 * @example
 * ```ts
 * import { deflate } from "./_zlib.ts";
 *
 * const packed = await deflate(new Uint8Array(1000), { level: 6 });
 * console.log(packed.length < 100); // true
 * ```
 */
export function deflate(bytes: Uint8Array, options: DeflateOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    deflateWithCallback(bytes, { level: options.level }, (error, result) => {
      if (error) reject(error);
      else resolve(new Uint8Array(result.buffer, result.byteOffset, result.byteLength));
    });
  });
}
