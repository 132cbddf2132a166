/**
 * The strip reader's labels for the `binary` format (`RowConversion` `labels`): the kernels read
 * each pixel's label as they unfilter the rows, and make each label's mask as Up-filtered
 * scanlines with their form for the pixel digest, so the encoder only deflates.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { ConvertedRows, RgbRows, RowLabels } from "./png_rows.ts";
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
  const { width, labels, seen, vectorList } = layout;
  const held = seen + count * 256;
  kernels.heldLabels(labels, count, width, vectorList, held);
  return new StripLabels(kernels, memory, layout, count);
}

/**
 * A strip's labels; each row's are marked when first asked (the format's renderer needs the
 * strip's only). A class, not an object literal with a getter, whose properties V8 would keep in
 * a dictionary.
 */
class StripLabels implements RowLabels {
  readonly bytes: Uint8Array;
  readonly held: Uint8Array;
  #seen: Uint8Array | undefined;
  #mark: () => Uint8Array;

  constructor(
    kernels: KernelExports,
    memory: Uint8Array,
    layout: ConversionLayout,
    count: number,
  ) {
    const { width, labels, seen, same } = layout;
    const held = seen + count * 256;
    this.bytes = memory.subarray(labels, labels + count * width);
    this.held = memory.subarray(held, held + 256);
    this.#mark = () => {
      kernels.rowBytesSeen(labels, count, width, seen, same);
      return memory.subarray(seen, seen + count * 256);
    };
  }

  get seen(): Uint8Array {
    return this.#seen ??= this.#mark();
  }
}

/**
 * The masks of a strip's labels, one label a call, as `RgbRows.labelMask` gives them: 255 where
 * the pixel's label is the one asked, else 0, Up-filtered under the row written above. Each
 * call's rows replace the last's, in one object whose views are made once a strip (a `binary`
 * mask asks for about five labels' masks a strip).
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param layout Where the buffers are.
 * @param count The strip's rows, whose labels {@linkcode labelStrip} made.
 * @returns The strip's `labelMask`.
 */
export function labelMasks(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  count: number,
): NonNullable<RgbRows["labelMask"]> {
  const words = new Int32Array(memory.buffer, 0, memory.buffer.byteLength >> 2);
  // The runs of the last mask made: where each run of bytes that are not zero starts and ends.
  const runs = { next: 0, end: 0 };
  // The deflater skips the zeros between the runs in one call, not one call a run.
  const skipZeros: ConvertedRows["skipZeros"] = (bytes, from, to) => {
    const at = bytes.byteOffset;
    while (runs.next < runs.end && words[runs.next] < at + from) runs.next += 2;
    return runs.next < runs.end ? Math.min(words[runs.next] - at, to) : to;
  };
  let rows: ConvertedRows | undefined;
  return (label, above) => {
    const end = maskScanlines(kernels, memory, layout, { label, above, count });
    // The kernel wrote the rows' form for the digest as it made them.
    const formEnd = words[layout.ends >> 2];
    runs.next = layout.runs >> 2;
    runs.end = end >> 2;
    rows ??= {
      ...scannedRows(kernels, memory, layout, { count, rowBytes: layout.width, formEnd }),
      skipZeros,
    };
    rows.form = memory.subarray(layout.form, formEnd);
    return rows;
  };
}

/**
 * Writes one label's mask over a strip's rows at the conversion's scanlines (see
 * `KernelExports.labelScanlines`), the mask written above them first.
 *
 * @returns The end of the runs written.
 */
function maskScanlines(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ConversionLayout,
  mask: { label: number; above: Uint8Array; count: number },
): number {
  const { width, scan, flags } = layout;
  memory.set(mask.above.subarray(0, width), scan + 1);
  const stride = width + 1;
  return kernels.labelScanlines(
    layout.labels,
    mask.count,
    width,
    mask.label,
    scan + 1,
    scan + stride,
    stride,
    flags,
    layout.same,
    layout.runs,
    layout.form,
    layout.ends,
    layout.vectorList,
  );
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
