/**
 * The rows of a mask's canonical form (see `pixel_digest.ts`): each row's differences with the
 * row above, cut into pieces of {@linkcode PIXEL_PIECE_BYTES} bytes, those not all zeros written
 * with their number, then the row's end; staged, and handed to the hash 64 KiB at a time.
 *
 * @module
 */

/**
 * The bytes of a piece of a row's differences.
 *
 * @example
 * ```ts
 * import { PIXEL_PIECE_BYTES } from "@lab/masks/png";
 *
 * console.log(Math.ceil(100 / PIXEL_PIECE_BYTES)); // 7: the pieces of a row of 100 bytes
 * ```
 */
export const PIXEL_PIECE_BYTES = 16;

/**
 * Bytes of the canonical form gathered before each hash update (each call into `node:crypto`
 * costs more than copying a piece).
 */
const STAGE_BYTES = 64 * 1024;
const EMPTY = new Uint8Array(0);

/**
 * The most bytes of the canonical form that `rows` rows of `rowBytes` bytes can make.
 *
 * @param rows How many rows.
 * @param rowBytes The bytes of a row.
 * @returns The bound.
 *
 * @example
 * ```ts
 * import { pixelFormBound } from "@lab/masks/png";
 *
 * console.log(pixelFormBound(1, 16)); // 24: one piece and the row's end
 * ```
 */
export function pixelFormBound(rows: number, rowBytes: number): number {
  return rows * (4 + (4 + PIXEL_PIECE_BYTES) * Math.ceil(rowBytes / PIXEL_PIECE_BYTES));
}

/**
 * Stages the canonical form of rows, piece by piece, for a hash (each row checked for zero
 * pieces four 32-bit words at a time when its differences are given word-aligned).
 *
 * @example The form of one row of 16 bytes, all ones
 * ```ts
 * import { PixelPieces } from "./pixel_pieces.ts";
 *
 * const hashed: Uint8Array[] = [];
 * const pieces = new PixelPieces({ update: (bytes) => hashed.push(bytes.slice()) }, 16);
 * pieces.addRow(new Uint8Array(16).fill(1), 0, undefined, 0);
 * pieces.flush();
 * console.log(hashed[0].length); // 24: piece 1 (4 + 16 bytes), the row's end (4)
 * ```
 */
export class PixelPieces {
  #hash: { update(data: Uint8Array): unknown };
  #rowBytes: number;
  /**
   * The canonical form's bytes not hashed yet: `#stage[0..#staged)`; made when rows or
   * differences first come (a digest fed its form, `updateForm`, never needs it).
   */
  #stage: Uint8Array = EMPTY;
  #staged = 0;
  /** A view of the words of the buffer differences last came in. */
  #words: Int32Array<ArrayBufferLike> = new Int32Array(0);

  /**
   * @param hash Where the staged bytes go.
   * @param rowBytes The bytes of a row.
   */
  constructor(hash: { update(data: Uint8Array): unknown }, rowBytes: number) {
    this.#hash = hash;
    this.#rowBytes = rowBytes;
  }

  /**
   * Stages a row's pieces, and its end: its bytes minus those of `above` at `b`, or as they are
   * (a row of differences already).
   *
   * @param row The bytes holding the row.
   * @param p The row's first byte.
   * @param above The bytes holding the row above; `undefined` when `row` holds differences.
   * @param b The first byte of the row above.
   */
  addRow(row: Uint8Array, p: number, above: Uint8Array | undefined, b: number): void {
    const rowBytes = this.#rowBytes;
    this.#reserve(pixelFormBound(1, rowBytes));
    let start = 0;
    if (above === undefined && (row.byteOffset + p) % 4 === 0) start = this.#addWords(row, p);
    const stage = this.#stage;
    let out = this.#staged;
    for (let piece = start / PIXEL_PIECE_BYTES + 1; start < rowBytes; piece++) {
      const end = Math.min(start + PIXEL_PIECE_BYTES, rowBytes);
      let any = 0;
      for (let i = start, o = out + 4; i < end; i++, o++) {
        const difference = above === undefined ? row[p + i] : (row[p + i] - above[b + i]) & 255;
        stage[o] = difference;
        any |= difference;
      }
      if (any !== 0) {
        writeUint32(stage, out, piece);
        out += 4 + end - start;
      }
      start = end;
    }
    this.#staged = out;
    this.endRow();
  }

  /**
   * Stages the whole pieces of a row of differences that starts on a 32-bit word, four words a
   * piece; returns where the pieces left (a shorter last one) start.
   */
  #addWords(row: Uint8Array, p: number): number {
    const { buffer } = row;
    if (this.#words.buffer !== buffer) {
      this.#words = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    }
    const words = this.#words;
    const stage = this.#stage;
    const pieces = Math.floor(this.#rowBytes / PIXEL_PIECE_BYTES);
    let out = this.#staged;
    for (let piece = 0, w = (row.byteOffset + p) >> 2, i = p; piece < pieces; piece++) {
      if ((words[w] | words[w + 1] | words[w + 2] | words[w + 3]) !== 0) {
        writeUint32(stage, out, piece + 1);
        for (let k = 0; k < PIXEL_PIECE_BYTES; k++) stage[out + 4 + k] = row[i + k];
        out += 4 + PIXEL_PIECE_BYTES;
      }
      w += 4;
      i += PIXEL_PIECE_BYTES;
    }
    this.#staged = out;
    return pieces * PIXEL_PIECE_BYTES;
  }

  /** Stages the end of a row (all of a row without differences). */
  endRow(): void {
    this.#reserve(4);
    writeUint32(this.#stage, this.#staged, 0);
    this.#staged += 4;
  }

  /** Makes room for `bytes` more in the stage (made on first use), hashing what it holds. */
  #reserve(bytes: number): void {
    if (this.#stage === EMPTY) {
      this.#stage = new Uint8Array(Math.max(STAGE_BYTES, pixelFormBound(1, this.#rowBytes)));
    }
    if (this.#staged + bytes > this.#stage.length) this.flush();
  }

  /** Hashes what the stage holds. */
  flush(): void {
    if (this.#staged > 0) this.#hash.update(this.#stage.subarray(0, this.#staged));
    this.#staged = 0;
  }
}

/** Writes a 32-bit little-endian number. */
function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 255;
  bytes[at + 1] = (value >>> 8) & 255;
  bytes[at + 2] = (value >>> 16) & 255;
  bytes[at + 3] = value >>> 24;
}
