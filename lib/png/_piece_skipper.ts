/**
 * The zero bytes of a strip's Up-filtered scanlines, as its canonical form tells them: the form
 * lists each row's 16-byte pieces of differences that are not all zeros, so the deflater finds
 * the next nonzero byte by reading that list instead of scanning the rows again.
 *
 * @module
 */

import { PIXEL_PIECE_BYTES } from "./pixel_digest.ts";

/** Where a strip's scanlines are, and their canonical form. */
export interface PiecedScanlines {
  /** The first scanline's filter-type byte (each filter type is not 0). */
  first: number;
  /** The distance between scanlines: one filter-type byte and the row. */
  stride: number;
  /** The canonical form of the rows after their filter-type bytes, as `digestPieces` writes it. */
  form: Uint8Array;
}

/**
 * Finds the first nonzero byte from a position of a strip's scanlines, reading the canonical
 * form's list of pieces; the positions asked only move forward, as a deflater asks them.
 *
 * @example
 * ```ts ignore
 * const skipper = new PieceSkipper({ first, stride, form });
 * deflate.writeScanlines(memory, { first, stride, count, flags, at, skipZeros: skipper.skip });
 * ```
 */
export class PieceSkipper {
  #form: Uint8Array;
  #first: number;
  #stride: number;
  /** The row the cursor is in, and the cursor: the next piece of that row in the form. */
  #row = 0;
  #cursor = 0;

  /** @param scanlines Where the strip's scanlines are, and their form. */
  constructor(scanlines: PiecedScanlines) {
    this.#form = scanlines.form;
    this.#first = scanlines.first;
    this.#stride = scanlines.stride;
  }

  /**
   * The first nonzero byte in `[from, to)`, or `to`.
   *
   * @param bytes The scanlines.
   * @param from A position after a scanline's filter-type byte.
   * @param to The end of what is asked.
   * @returns The position.
   */
  skip = (bytes: Uint8Array, from: number, to: number): number => {
    const form = this.#form;
    const stride = this.#stride;
    const relative = from - this.#first;
    const row = Math.floor(relative / stride);
    const rowStart = this.#first + row * stride + 1;
    const rowBytes = stride - 1;
    const column = from - rowStart;
    while (this.#row < row) this.#nextRow(rowBytes);
    let cursor = this.#cursor;
    for (;;) {
      const index = readUint32(form, cursor);
      if (index === 0) break;
      const start = (index - 1) * PIXEL_PIECE_BYTES;
      const end = Math.min(start + PIXEL_PIECE_BYTES, rowBytes);
      if (end > column) {
        for (let i = Math.max(start, column); i < end; i++) {
          if (bytes[rowStart + i] !== 0) {
            this.#cursor = cursor;
            return Math.min(rowStart + i, to);
          }
        }
      }
      cursor += 4 + end - start;
    }
    this.#cursor = cursor;
    return Math.min(rowStart + rowBytes, to);
  };

  /** Moves the cursor past the rest of its row's pieces and the row's end. */
  #nextRow(rowBytes: number): void {
    const form = this.#form;
    let cursor = this.#cursor;
    for (;;) {
      const index = readUint32(form, cursor);
      cursor += 4;
      if (index === 0) break;
      const start = (index - 1) * PIXEL_PIECE_BYTES;
      cursor += Math.min(start + PIXEL_PIECE_BYTES, rowBytes) - start;
    }
    this.#cursor = cursor;
    this.#row++;
  }
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}
