/**
 * The strip reader's conversion of a strip for the formats of one sample a pixel (see
 * `RowConversion`): the kernels convert the unfiltered rows they hold (counting their census),
 * Up-filter them, flag the rows without differences and write their canonical form for the pixel
 * digest, so the encoder only deflates.
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
  /** Per row of the strip, the 16 labels that differ from those above (see `labelRows`). */
  vectorList: number;
}

/**
 * Converts a strip the kernels hold.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param strip The strip's first row in the image, its rows, where its unfiltered pixels are
 * (the first row's first byte, the distance between rows, the bytes of a pixel: 3 or 4), and
 * the census's tables (0: no census), counted as the pixels are converted.
 * @returns The converted rows, views of the memory.
 */
export function convertStrip(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  strip: {
    first: number;
    count: number;
    at: number;
    stride: number;
    channels: number;
    census: number;
  },
): ConvertedRows {
  const { width, mode, table, scan, carry, flags } = layout;
  const { first, count } = strip;
  const rowBytes = width * bytesPerPixel(mode);
  const stride = rowBytes + 1;
  // Above the image's first row: zeros.
  if (first === 0) memory.fill(0, scan, scan + stride);
  kernels.convertRows(
    strip.at,
    strip.stride,
    strip.channels,
    count,
    width,
    scan + stride + 1,
    stride,
    mode,
    table,
    strip.census,
  );
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

/**
 * One label's mask over rows of a strip whose labels {@linkcode labelStrip} made: 255 where the
 * pixel's label is `label`, else 0, Up-filtered under `above`, the mask written above them.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param mask The label, the row written above, and the strip's rows `from` to `to`.
 * @returns The mask's rows, views of the memory.
 */
export function labelScanlines(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  mask: { label: number; above: Uint8Array; from: number; to: number },
): ConvertedRows {
  const { width, scan, flags } = layout;
  const count = mask.to - mask.from;
  memory.set(mask.above.subarray(0, width), scan + 1);
  const labels = layout.labels + mask.from * width;
  const stride = width + 1;
  const same = layout.same + mask.from;
  const end = kernels.labelScanlines(
    labels,
    count,
    width,
    mask.label,
    scan + 1,
    scan + stride,
    stride,
    flags,
    same,
    layout.runs,
    layout.form,
    layout.ends,
    layout.vectorList + mask.from * 4 * (1 + (width >> 4)),
  );
  // The kernel wrote the rows' form for the digest as it made them.
  const formEnd = new Int32Array(memory.buffer, layout.ends, 1)[0];
  const rows = scannedRows(kernels, memory, layout, { count, rowBytes: width, formEnd });
  // The deflater skips the zeros between the runs found there in one call, not one call a run.
  const runs = new Int32Array(memory.buffer, layout.runs, (end - layout.runs) / 4);
  return { ...rows, skipZeros: skipToRuns(runs) };
}

/**
 * Readies the scanlines of the labels' masks for a new image: {@linkcode labelScanlines} writes
 * only the bytes that are not zeros, and makes the ones it wrote zeros again at its next call.
 *
 * @param memory The kernels' memory.
 * @param layout Where the buffers are.
 * @param rows The most rows of a strip.
 */
export function clearLabelScanlines(
  memory: Uint8Array,
  layout: ConversionLayout,
  rows: number,
): void {
  const stride = layout.width + 1;
  memory.fill(0, layout.scan, layout.scan + (rows + 1) * stride);
  // No form written yet: nothing to make zeros again.
  new Int32Array(memory.buffer, layout.ends, 1)[0] = layout.form;
}

/**
 * A deflater's `skipZeros` over scanlines whose runs of bytes that are not zero are known (each
 * run's first byte and the byte after it, in the kernels' memory, in order): asked from a zero
 * byte, in order, it gives the next run's first byte (or the end asked).
 */
function skipToRuns(runs: Int32Array): NonNullable<ConvertedRows["skipZeros"]> {
  let next = 0;
  return (bytes, from, to) => {
    const at = bytes.byteOffset;
    while (next < runs.length && runs[next] < at + from) next += 2;
    return next < runs.length ? Math.min(runs[next] - at, to) : to;
  };
}

/**
 * The scanlines the kernels wrote from slot 1 (the last row, raw, in slot 0, and the rows' flags
 * at `flags`), with the canonical form of their rows for the pixel digest (written here unless
 * its end is given: the kernel wrote it).
 */
function scannedRows(
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

/**
 * Unfilters a strip the kernels hold and reads its pixels' labels, a byte a pixel: its blue where
 * its red is not 0, row by row (see `KernelExports.unfilterLabels`).
 *
 * @param kernels The kernels.
 * @param layout Where the buffers are.
 * @param strip The strip's rows; where its scanlines of RGB or RGBA pixels are (row 0's
 * filter-type byte, the bytes of a pixel: 3 or 4); the census's tables (0: none, else the
 * pixels' census is counted here); the raw row above the first; whether only the labels are read
 * after (its Up-filtered rows are then added to the raw row above, not unfiltered where they
 * are: only the last row is left raw).
 * @returns -1, or the first row with a bad filter type.
 */
export function unfilterLabels(
  kernels: KernelExports,
  layout: ConversionLayout,
  strip: {
    count: number;
    at: number;
    channels: number;
    census: number;
    above: number;
    labelsOnly: boolean;
  },
): number {
  const { width, labels, same, vectorList } = layout;
  const { count, at, channels, census, above } = strip;
  const patch = strip.labelsOnly ? 1 : 0;
  return kernels.unfilterLabels(
    at,
    count,
    width,
    channels,
    above,
    labels,
    same,
    vectorList,
    census,
    patch,
  );
}

/**
 * The labels of a strip that {@linkcode unfilterLabels} read: a byte a pixel, which labels the
 * strip holds and, when first asked, which labels each row holds.
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
  const { width, labels, seen, same, vectorList } = layout;
  const held = seen + count * 256;
  kernels.heldLabels(labels, count, width, vectorList, held);
  let marked = false;
  return {
    bytes: memory.subarray(labels, labels + count * width),
    // Each row's labels only when asked: the format's renderer needs the strip's.
    get seen() {
      if (!marked) kernels.rowBytesSeen(labels, count, width, seen, same);
      marked = true;
      return memory.subarray(seen, seen + count * 256);
    },
    held: memory.subarray(held, held + 256),
  };
}
