/**
 * The strip reader's conversion of a strip for the formats of one sample a pixel (see
 * `RowConversion`): the kernels unfilter and convert the rows they hold (counting their census),
 * Up-filter them, flag the rows without differences and write their canonical form for the pixel
 * digest, so the encoder only deflates. `_label_strip.ts` does the same for `binary`'s labels.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { ConvertedRows } from "./png_rows.ts";
import { writeForm } from "./_strip_digest.ts";

/** Where the conversion's buffers are in the kernels' memory. */
export interface ConversionLayout {
  /** Pixels a row. */
  width: number;
  /** 0: a byte a pixel by the table; 1: 16 bits a pixel; 2: the panoptic pixel, 3 bytes. */
  mode: number;
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
  /** A byte a row of the strip: 1 where its labels are those of the row above. */
  same: number;
  /**
   * `mode` 2: the runs of each row's pixels; a label's mask: the runs of its scanlines' bytes that
   * are not zero.
   */
  runs: number;
  /** A word where a kernel leaves a second result (`labelScanlines`: the end of the form). */
  ends: number;
  /** Per row of the strip, the 16 labels that differ from those above (see `unfilterLabels`). */
  vectorList: number;
}

/**
 * Unfilters a strip the kernels hold and converts its pixels (see
 * `KernelExports.unfilterConvert`) into the conversion's scanlines, from slot 1.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param strip Where its scanlines are and what else is read ({@linkcode UnfilteredStrip}), and
 * its first row in the image. With `convertedOnly`, its Up-filtered rows are added to the raw row
 * above, not unfiltered where they are: only the last row is left raw.
 * @returns -1, or the first row with a bad filter type.
 */
export function unfilterConverted(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  strip: UnfilteredStrip & { first: number },
): number {
  const { width, mode, table, scan } = layout;
  const stride = width * bytesPerPixel(mode) + 1;
  // Above the image's first row: zeros.
  if (strip.first === 0) memory.fill(0, scan, scan + stride);
  const { at, count, channels, above, census, sums } = strip;
  const patch = strip.convertedOnly ? 1 : 0;
  const out = scan + stride + 1;
  return kernels.unfilterConvert(
    at,
    count,
    width,
    channels,
    above,
    out,
    stride,
    mode,
    table,
    census,
    patch,
    sums,
  );
}

/**
 * The rows {@linkcode unfilterConverted} converted, Up-filtered, with their flags and form.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param count The strip's rows.
 * @returns The converted rows, views of the memory.
 */
export function convertStrip(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  count: number,
): ConvertedRows {
  const { width, mode, scan, carry, flags } = layout;
  const rowBytes = width * bytesPerPixel(mode);
  const stride = rowBytes + 1;
  const runs = mode === 2
    ? kernels.pixelRuns(scan + stride + 1, stride, count, width, layout.runs)
    : layout.runs;
  // The strip's last row, raw, becomes the row above the next strip's first once filtered.
  const last = scan + count * stride + 1;
  memory.copyWithin(carry, last, last + rowBytes);
  kernels.filterUp(scan, count + 1, rowBytes, flags);
  memory.copyWithin(scan + 1, carry, carry + rowBytes);
  const scanlines = scannedRows(kernels, memory, layout, { count, rowBytes });
  return {
    ...scanlines,
    ...(mode === 2
      ? { runs: new Int32Array(memory.buffer, layout.runs, (runs - layout.runs) / 4) }
      : {}),
  };
}

/** A strip to unfilter and convert (or label): see {@linkcode unfilterConverted}. */
export interface UnfilteredStrip {
  /** Its rows. */
  count: number;
  /** Row 0's filter-type byte. */
  at: number;
  /** The bytes of a pixel: 3 or 4. */
  channels: number;
  /** The census's tables, or 0. */
  census: number;
  /** The raw row above the first. */
  above: number;
  /** Whether only the converted rows (or labels) are read after. */
  convertedOnly: boolean;
  /** The word whose Adler-32 the kernel carries on over the rows (see `transcodeRows`), or 0. */
  sums: number;
}

/**
 * The scanlines the kernels wrote from slot 1 (the last row, raw, in slot 0, and the rows' flags
 * at `flags`), with the canonical form of their rows for the pixel digest (written here unless
 * its end is given: the kernel wrote it).
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param rows The strip's rows, the bytes of a row, and the form's end if written.
 * @returns The rows, views of the memory.
 */
export function scannedRows(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  rows: { count: number; rowBytes: number; formEnd?: number },
): ConvertedRows {
  const { scan, flags, form } = layout;
  const { count, rowBytes } = rows;
  const stride = rowBytes + 1;
  const ptr = scan + stride + 1;
  const end = rows.formEnd ??
    writeForm(kernels, { ptr, stride, count, rowBytes, above: -1, flags, out: form });
  return {
    scanlines: memory.subarray(scan + stride, scan + (count + 1) * stride),
    stride,
    count,
    flags: memory.subarray(flags, flags + count),
    form: memory.subarray(form, end),
    last: memory.subarray(scan + 1, scan + 1 + rowBytes),
    skipZeros: (bytes, from, to) => {
      const at = bytes.byteOffset;
      return kernels.skipZeros(at + from, at + to) - at;
    },
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
