/**
 * PNG chunk framing: the signature, then chunks of length, type, data and CRC-32.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import { crc32 } from "../flate/zlib.ts";

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE: Uint8Array = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** The largest chunk length PNG allows (2^31 - 1). */
const MAX_CHUNK_LENGTH = 0x7fffffff;

/** One chunk of a PNG; `data` is a view into the file's bytes. */
export interface PngChunk {
  /** The four-letter chunk type, e.g. `"IDAT"`. */
  type: string;
  /** The chunk's data, without length, type and CRC. */
  data: Uint8Array;
  /** Where the chunk starts in the file, for error messages. */
  offset: number;
}

/**
 * Walks the chunks of a PNG after checking its signature, verifying every chunk's length and CRC.
 * Stops at the end of the bytes; whether `IEND` was seen is the caller's business. With
 * `onAncillaryCrc`, an ancillary chunk (`tEXt`, `gAMA`...) whose CRC is wrong is skipped and
 * reported to it, as libpng warns and goes on (the SDK reads such masks).
 *
 * @param bytes The whole PNG file.
 * @param onAncillaryCrc Told why each skipped ancillary chunk was skipped.
 * @returns The chunks in file order.
 * @throws {PngError} when the signature is missing, a chunk is cut short, or a CRC is wrong (of
 * a critical chunk, or of any chunk without `onAncillaryCrc`).
 *
 * @example
 * ```ts
 * import { PNG_SIGNATURE, readChunks, writeChunk } from "./_chunks.ts";
 *
 * const file = new Uint8Array([...PNG_SIGNATURE, ...writeChunk("IEND", new Uint8Array())]);
 * console.log([...readChunks(file)].map((chunk) => chunk.type)); // ["IEND"]
 * ```
 */
export function* readChunks(
  bytes: Uint8Array,
  onAncillaryCrc?: (warning: string) => void,
): Generator<PngChunk> {
  if (bytes.length < 8 || PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) {
    throw new PngError("the PNG signature is missing: the data is not a PNG file");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    if (remaining < 12) {
      throw new PngError(
        `the PNG is truncated: ${remaining} stray bytes at byte ${offset} where a chunk should start`,
      );
    }
    const length = view.getUint32(offset);
    const type = chunkType(bytes, offset);
    if (length > MAX_CHUNK_LENGTH) {
      throw new PngError(
        `the PNG chunk "${type}" at byte ${offset} claims ${length} bytes, above the PNG limit of ${MAX_CHUNK_LENGTH}`,
      );
    }
    if (length + 12 > remaining) {
      throw new PngError(
        `the PNG is truncated: chunk "${type}" at byte ${offset} needs ${
          length + 12
        } bytes, only ${remaining} remain`,
      );
    }
    const stored = view.getUint32(offset + 8 + length);
    const computed = crc32(bytes.subarray(offset + 4, offset + 8 + length));
    if (stored !== computed) {
      const fault = `the PNG chunk "${type}" at byte ${offset} fails its CRC check (stored ${
        hex(stored)
      }, computed ${hex(computed)})`;
      // An ancillary chunk's type starts with a lower-case letter (bit 5 of its first byte).
      if (onAncillaryCrc === undefined || (bytes[offset + 4] & 0x20) === 0) {
        throw new PngError(`${fault}: the file is corrupt`);
      }
      onAncillaryCrc(`${fault}; the chunk was ignored, as libpng ignores it`);
      offset += length + 12;
      continue;
    }
    yield { type, data: bytes.subarray(offset + 8, offset + 8 + length), offset };
    offset += length + 12;
  }
}

function chunkType(bytes: Uint8Array, offset: number): string {
  const codes = bytes.subarray(offset + 4, offset + 8);
  const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (!codes.every(isLetter)) {
    throw new PngError(
      `the PNG chunk at byte ${offset} has an invalid type (bytes ${[...codes].join(", ")}): ` +
        "the file is corrupt",
    );
  }
  return String.fromCharCode(...codes);
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}

/**
 * Frames one chunk: length, type, data and CRC-32.
 *
 * @param type The four-letter chunk type.
 * @param data The chunk's data.
 * @returns The chunk's bytes, `data.length + 12` long.
 *
 * @example
 * ```ts
 * import { writeChunk } from "./_chunks.ts";
 *
 * console.log(writeChunk("IEND", new Uint8Array()).length); // 12
 * ```
 */
export function writeChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(data.length + 12);
  frameChunk(chunk, 0, type, data);
  return chunk;
}

/** Frames one chunk at `at` in `out` (which holds its `data.length + 12` bytes): see `writeChunk`. */
function frameChunk(out: Uint8Array, at: number, type: string, data: Uint8Array): void {
  const view = new DataView(out.buffer, out.byteOffset + at, data.length + 12);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
  out.set(data, at + 8);
  view.setUint32(data.length + 8, crc32(out.subarray(at + 4, at + data.length + 8)));
}

/**
 * Frames a whole PNG file: the signature, then each chunk with its length and CRC.
 *
 * @param chunks The chunks in file order, from `IHDR` to `IEND`.
 * @returns The file's bytes.
 *
 * @example
 * ```ts
 * import { writePng } from "./_chunks.ts";
 *
 * console.log(writePng([{ type: "IEND", data: new Uint8Array() }]).length); // 20
 * ```
 */
export function writePng(chunks: readonly { type: string; data: Uint8Array }[]): Uint8Array {
  // One buffer, each chunk framed in place: a worker writes file after file.
  let size = PNG_SIGNATURE.length;
  for (const { data } of chunks) size += data.length + 12;
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE);
  let at = PNG_SIGNATURE.length;
  for (const { type, data } of chunks) {
    frameChunk(out, at, type, data);
    at += data.length + 12;
  }
  return out;
}
