/**
 * The strip reader's conversion of a strip for the formats of one sample a pixel (see
 * `RowConversion`): the kernels convert the RGB rows they hold, Up-filter them, flag the rows
 * without differences and write their canonical form for the pixel digest, so the encoder only
 * deflates.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { ConvertedRows, RowLabels } from "./png_rows.ts";
import { writeForm } from "./_strip_digest.ts";

/** Where the conversion's buffers are in the kernels' memory. */
export interface ConversionLayout {
  /** Pixels a row. */
  width: number;
  /** 0: a byte a pixel by the table; 1: 16 bits a pixel; 2: the panoptic pixel, 3 bytes. */
  mode: number;
  /** The packed RGB rows of the strip. */
  rgb: number;
  /** The tables of `mode` 0 and 2 (512 bytes). */
  table: number;
  /** Scanlines: slot 0 holds the last row of the strip before, raw; the strip lands from slot 1. */
  scan: number;
  /** Room for one converted row. */
  carry: number;
  /** One byte a row of the strip. */
  flags: number;
  /** The canonical form of the strip's rows. */
  form: number;
  /** A byte a pixel of the strip: its label. */
  labels: number;
  /** 256 bytes a row of the strip: the labels it holds. */
  seen: number;
  /** `mode` 2: the runs of each row's pixels. */
  runs: number;
}

/** The table that gives each byte its own value. */
const EACH_BYTE = Uint8Array.from({ length: 256 }, (_, byte) => byte);

/**
 * Converts a strip the kernels hold, or makes one label's mask of it from its labels.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param strip The strip's first row in the image and its rows; the row written above them;
 * the label whose mask is made, and the strip's row its rows start at.
 * @returns The converted rows, views of the memory.
 */
export function convertStrip(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  strip: { first: number; count: number; above?: Uint8Array; label?: number; from?: number },
): ConvertedRows {
  const { width, mode, rgb, table, scan, carry, flags, form } = layout;
  const { first, count } = strip;
  const rowBytes = width * bytesPerPixel(mode);
  const stride = rowBytes + 1;
  // Above the image's first row: zeros; or the row the caller wrote above.
  if (strip.above) memory.set(strip.above.subarray(0, rowBytes), scan + 1);
  else if (first === 0) memory.fill(0, scan, scan + stride);
  if (strip.label === undefined) {
    kernels.convertRows(rgb, count, width, scan + stride + 1, stride, mode, table);
  } else {
    // One label's mask, from the strip's labels (`labelStrip`) from its row `from`.
    const labels = layout.labels + (strip.from ?? 0) * width;
    kernels.labelMask(labels, count, width, strip.label, scan + stride + 1, stride);
  }
  const runs = mode === 2
    ? kernels.pixelRuns(scan + stride + 1, stride, count, width, layout.runs)
    : layout.runs;
  // The strip's last row, raw, becomes the row above the next strip's first once filtered.
  const last = scan + count * stride + 1;
  memory.copyWithin(carry, last, last + rowBytes);
  kernels.filterUp(scan, count + 1, rowBytes);
  memory.copyWithin(scan + 1, carry, carry + rowBytes);
  for (let row = 0, p = scan + stride + 1; row < count; row++, p += stride) {
    memory[flags + row] = kernels.skipZeros(p, p + rowBytes) === p + rowBytes ? 0 : 1;
  }
  const ptr = scan + stride + 1;
  const end = writeForm(kernels, { ptr, stride, count, rowBytes, above: -1, flags, out: form });
  return {
    scanlines: memory.subarray(scan + stride, scan + (count + 1) * stride),
    stride,
    count,
    flags: memory.subarray(flags, flags + count),
    form: memory.subarray(form, end),
    last: memory.subarray(scan + 1, scan + 1 + rowBytes),
    ...(mode === 2
      ? { runs: new Int32Array(memory.buffer, layout.runs, (runs - layout.runs) / 4) }
      : {}),
  };
}

/**
 * The bytes a pixel of a conversion `mode`.
 *
 * @param mode The mode.
 * @returns 1, 2 or 3.
 */
export function bytesPerPixel(mode: number): number {
  return mode === 2 ? 3 : mode + 1;
}

/**
 * The labels of a strip the kernels hold: a byte a pixel, its blue where red is not 0, and which
 * labels each row holds.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param count The strip's rows.
 * @returns The labels, views of the memory.
 */
export function labelStrip(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  count: number,
): RowLabels {
  const { width, rgb, table, labels, seen } = layout;
  memory.set(EACH_BYTE, table);
  kernels.convertRows(rgb, count, width, labels, width, 0, table);
  kernels.rowBytesSeen(labels, count, width, seen);
  return {
    bytes: memory.subarray(labels, labels + count * width),
    seen: memory.subarray(seen, seen + count * 256),
  };
}
