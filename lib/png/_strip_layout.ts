/**
 * Where the `rgb` fast path keeps a strip's buffers in the kernels' memory: the input rows as
 * inflated, the output rows, their flags and the digest's canonical form.
 *
 * @module
 */

import { align16, SLACK } from "./kernels.ts";
import { CENSUS_BYTES } from "./mask_census.ts";
import type { PngHeader } from "./_png_header.ts";
import { pixelFormBound } from "./pixel_pieces.ts";
import type { KernelStrip } from "./_strip_digest.ts";

/**
 * Input rows inflated per strip: about this many bytes, measured against 64 KiB and 1 MiB on
 * 1920×1080 RGBA masks (the strip, its output and zlib's state stay in a core's L2 cache).
 */
const STRIP_BYTES = 256 * 1024;

/** Where a strip's buffers are in the kernels' memory. */
export interface StripLayout {
  width: number;
  height: number;
  channels: number;
  /** Input row bytes, without the filter-type byte. */
  inRow: number;
  /** Output row bytes, without the filter-type byte. */
  outRow: number;
  /** Rows per strip. */
  rows: number;
  /** Zero bytes: the row above the first. */
  zero: number;
  /** The recolouring table. */
  table: number;
  /** The census tables. */
  census: number;
  /** The last recoloured row of the strip before (before it is filtered). */
  carry: number;
  /** Scanlines: slot 0 holds the last row of the strip before, the strip lands from slot 1. */
  input: number;
  /** Output scanlines, the same way. */
  output: number;
  /** Per output row of the strip: 0 when it is all zeros once filtered, else 1. */
  flags: number;
  /** The canonical form of a strip's pixels, for the digest. */
  pieces: number;
  /** A word for the image data's Adler-32, carried on by the kernel that transcodes a strip. */
  sums: number;
  end: number;
}

/**
 * The layout of an 8-bit RGB or RGBA PNG's strips.
 *
 * @param header The PNG's header.
 * @returns Where each buffer is.
 */
export function stripLayout(header: PngHeader): StripLayout {
  const { width, height } = header;
  const channels = header.colourType === 6 ? 4 : 3;
  const inRow = width * channels;
  const outRow = width * 3;
  const rows = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / (inRow + 1))));
  const zero = 0;
  const table = align16(zero + inRow + SLACK);
  const census = align16(table + 1024);
  const carry = align16(census + CENSUS_BYTES);
  const input = align16(carry + outRow + SLACK);
  const output = align16(input + (rows + 1) * (inRow + 1) + SLACK);
  const flags = align16(output + (rows + 1) * (outRow + 1) + SLACK);
  const pieces = align16(flags + rows + SLACK);
  const sums = align16(pieces + pixelFormBound(rows, outRow) + SLACK);
  const end = sums + 4 + SLACK;
  return {
    width,
    height,
    channels,
    inRow,
    outRow,
    rows,
    zero,
    table,
    census,
    carry,
    input,
    output,
    flags,
    pieces,
    sums,
    end,
  };
}

/**
 * A strip's Up-filtered output rows, for the digest.
 *
 * @param layout The strips' layout.
 * @param count The strip's rows.
 * @returns The rows, but for their flags.
 */
export function differences(layout: StripLayout, count: number): Omit<KernelStrip, "flags"> {
  const stride = layout.outRow + 1;
  const ptr = layout.output + stride + 1;
  return { ptr, stride, count, rowBytes: layout.outRow, above: -1, out: layout.pieces };
}

/**
 * The raw bytes of the row above a strip's first row: zeros, or slot 0.
 *
 * @param layout The strips' layout.
 * @param first The strip's first row.
 * @returns The row's offset in the kernels' memory.
 */
export function rowAbove(layout: StripLayout, first: number): number {
  return first === 0 ? layout.zero : layout.input + 1;
}
