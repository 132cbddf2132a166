/**
 * The strip reader's labels for the `binary` format (`RowConversion` `labels`): the kernels read
 * each pixel's label as they unfilter the rows, and make each label's mask as Up-filtered
 * scanlines with their form for the pixel digest, so the encoder only deflates.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { ConvertedRows, RowLabels } from "./png_rows.ts";
import { type ConversionLayout, scannedRows, type UnfilteredStrip } from "./_converted_strip.ts";

/**
 * Unfilters a strip the kernels hold and reads its pixels' labels, a byte a pixel: its blue where
 * its red is not 0, row by row (see `KernelExports.unfilterLabels`).
 *
 * @param kernels The kernels.
 * @param layout Where the buffers are.
 * @param strip Where its scanlines are, and what else is read ({@linkcode UnfilteredStrip}).
 * @returns -1, or the first row with a bad filter type.
 */
export function unfilterLabels(
  kernels: KernelExports,
  layout: ConversionLayout,
  strip: UnfilteredStrip,
): number {
  const { width, labels, same, vectorList } = layout;
  const { count, at, channels, census, above } = strip;
  const patch = strip.convertedOnly ? 1 : 0;
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
