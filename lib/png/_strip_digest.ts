/**
 * The pixel digest of a strip the kernels hold: its canonical form written by the kernels next to
 * the strip, then hashed, so no row is copied or compared outside them.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { PixelDigest } from "./pixel_digest.ts";

/** Rows in the kernels' memory, and where their canonical form may be written. */
export interface KernelStrip {
  /** The first row's first byte. */
  ptr: number;
  /** The distance between rows. */
  stride: number;
  /** How many rows. */
  count: number;
  /** The bytes of a row. */
  rowBytes: number;
  /** The row above the first, or -1 when the rows are Up differences already. */
  above: number;
  /** One byte a row, 0 where the row has no difference; 0 when not known. */
  flags: number;
  /** Room for `pixelFormBound(count, rowBytes)` bytes. */
  out: number;
}

/**
 * Adds a strip the kernels hold to a digest.
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param digest The digest, fed differences only.
 * @param strip Where the rows are.
 * @returns The end of the form, written from `strip.out`.
 */
export function digestStrip(
  kernels: KernelExports,
  memory: Uint8Array,
  digest: Pick<PixelDigest, "updateForm">,
  strip: KernelStrip,
): number {
  const end = writeForm(kernels, strip);
  digest.updateForm(memory.subarray(strip.out, end));
  return end;
}

/** RGB or RGBA scanlines in the kernels' memory, still filtered, as `unfilter` takes them. */
export interface FilteredStrip {
  /** The first scanline's filter-type byte. */
  ptr: number;
  /** How many scanlines. */
  count: number;
  /** The bytes of a row, after its filter type. */
  rowBytes: number;
  /** The bytes of a pixel. */
  bpp: number;
  /** The raw row above the first. */
  above: number;
  /** The census's tables, or 0. */
  census: number;
  /** Room for `pixelFormBound(count, rowBytes)` bytes. */
  out: number;
  /**
   * Whether only the strip's last row need be left raw: an Up-filtered row is then added to
   * the raw row above where it differs, rather than unfiltered where it is.
   */
  lastRowOnly?: boolean;
  /** The word whose Adler-32 the kernel carries on over the rows (see `transcodeRows`), or 0. */
  sums?: number;
}

/**
 * Unfilters a strip the kernels hold and adds it to a digest, its canonical form cut as it is
 * unfiltered (an Up-filtered row's pieces are its filtered bytes).
 *
 * @param kernels The kernels.
 * @param memory Their memory.
 * @param digest The digest, fed its form.
 * @param strip Where the scanlines are.
 * @returns -1, or the first row with a bad filter type.
 */
export function unfilterDigested(
  kernels: KernelExports,
  memory: Uint8Array,
  digest: Pick<PixelDigest, "updateForm">,
  strip: FilteredStrip,
): number {
  const { ptr, count, rowBytes, bpp, above, census, out } = strip;
  const patch = strip.lastRowOnly ? 1 : 0;
  const { sums = 0 } = strip;
  const end = kernels.unfilterForm(ptr, count, rowBytes, bpp, above, census, out, patch, sums);
  if (end < 0) return -1 - end;
  digest.updateForm(memory.subarray(out, end));
  return -1;
}

/**
 * Writes the canonical form of a strip the kernels hold at `strip.out`.
 *
 * @param kernels The kernels.
 * @param strip Where the rows are.
 * @returns The end of the form written.
 */
export function writeForm(kernels: KernelExports, strip: KernelStrip): number {
  const { ptr, stride, count, rowBytes, above, flags, out } = strip;
  return kernels.digestPieces(ptr, stride, count, rowBytes, above, flags, out);
}
