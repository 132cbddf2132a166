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
  const { count, at, channels, census, above, sums } = strip;
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
    sums,
  );
}

/**
 * The labels of an image's strips that {@linkcode unfilterLabels} read, and their masks, for
 * `RgbRows.labels` and `RgbRows.labelMask`. Made once an image: a strip's views and objects are
 * those of the strip before (all but the last strip have the same rows), valid until the next.
 *
 * @example
 * ```ts ignore
 * const strips = new LabelStrips(kernels, memory, layout);
 * // Each strip, once `unfilterLabels` read it:
 * const labels = strips.take(count);
 * const rows = strips.labelMask(label, above); // a label's mask, Up-filtered
 * ```
 */
export class LabelStrips {
  #kernels: KernelExports;
  #memory: Uint8Array;
  #layout: ConversionLayout;
  #words: Int32Array;
  /** The runs of the last mask made: where each run of bytes that are not zeros starts and ends. */
  #runs = { next: 0, end: 0 };
  /** The strip's rows. */
  #count = 0;
  #labels: StripLabels | undefined;
  #rows: ConvertedRows | undefined;

  /**
   * @param kernels The kernels.
   * @param memory Their memory.
   * @param layout Where the buffers are.
   */
  constructor(kernels: KernelExports, memory: Uint8Array, layout: ConversionLayout) {
    this.#kernels = kernels;
    this.#memory = memory;
    this.#layout = layout;
    this.#words = new Int32Array(memory.buffer, 0, memory.buffer.byteLength >> 2);
  }

  /**
   * The labels of the strip just read: a byte a pixel, which labels the strip holds and, when
   * first asked, which labels each row holds.
   *
   * @param count The strip's rows.
   * @returns The labels, views of the memory.
   */
  take(count: number): RowLabels {
    const { width, labels, seen, vectorList } = this.#layout;
    this.#kernels.heldLabels(labels, count, width, vectorList, seen + count * 256);
    if (count !== this.#count) {
      this.#count = count;
      this.#labels = new StripLabels(this.#kernels, this.#memory, this.#layout, count);
      this.#rows = undefined;
    } else this.#labels!.forget();
    return this.#labels!;
  }

  /**
   * The mask of one of the strip's labels, as `RgbRows.labelMask` gives it: 255 where the pixel's
   * label is `label`, else 0, Up-filtered under `above` (the row written above). Each call's
   * rows replace the last's, in the same object (a `binary` mask asks for about five labels'
   * masks a strip).
   */
  readonly labelMask = (label: number, above: Uint8Array): ConvertedRows => {
    const layout = this.#layout;
    const count = this.#count;
    const end = maskScanlines(this.#kernels, this.#memory, layout, { label, above, count });
    // The kernel wrote the rows' form for the digest as it made them.
    const formEnd = this.#words[layout.ends >> 2];
    this.#runs.next = layout.runs >> 2;
    this.#runs.end = end >> 2;
    const rowBytes = layout.width;
    const rows = this.#rows ??= {
      ...scannedRows(this.#kernels, this.#memory, layout, { count, rowBytes, formEnd }),
      skipZeros: this.#skipZeros,
    };
    rows.form = this.#memory.subarray(layout.form, formEnd);
    return rows;
  };

  /** The deflater skips the zeros between the mask's runs in one call, not one call a run. */
  #skipZeros: ConvertedRows["skipZeros"] = (bytes, from, to) => {
    const at = bytes.byteOffset;
    const words = this.#words;
    const runs = this.#runs;
    while (runs.next < runs.end && words[runs.next] < at + from) runs.next += 2;
    return runs.next < runs.end ? Math.min(words[runs.next] - at, to) : to;
  };
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

  /** A new strip of as many rows: its rows' labels are marked again when asked. */
  forget(): void {
    this.#seen = undefined;
  }
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
  const { above } = mask;
  memory.set(above.length === width ? above : above.subarray(0, width), scan + 1);
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
