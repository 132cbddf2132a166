/**
 * The SIMD kernels' functions, as the WebAssembly module (`_kernels.wat`) exports them: offsets
 * are positions in the kernels' memory.
 *
 * @module
 */

import type { RunTokenKernel } from "../flate/run_deflate.ts";

/**
 * The kernels, as exported by the WebAssembly module; the run-length deflater's
 * (`runTokens`, `countSymbols`, `writeSymbols`) are described where it takes them.
 */
export interface KernelExports
  extends Pick<RunTokenKernel, "runTokens" | "countSymbols" | "writeSymbols"> {
  /**
   * Adler-32 (RFC 1950) of the `length` bytes at `ptr`, going on from `adler` (`b << 16 | a`, 1
   * for a new sum); a signed 32-bit number (`>>> 0` for the check as zlib stores it).
   */
  adler32(ptr: number, length: number, adler: number): number;
  /**
   * Reverses the scanline filters in place, counting the census of RGB or RGBA pixels into the
   * tables at `census` unless it is 0, and carrying the Adler-32 at `sums` on over the scanlines
   * as `transcodeRows` does, unless it is 0 or left out; -1, or the first row with a bad filter
   * type.
   */
  unfilter(
    ptr: number,
    rows: number,
    rowBytes: number,
    bpp: number,
    zero: number,
    census: number,
    sums?: number,
  ): number;
  /**
   * Unfilters RGB or RGBA scanlines row by row and writes each as an Up-filtered RGB scanline,
   * counting the census into the tables at `census` unless it is 0, and, unless `flags` is 0,
   * one byte per row at `flags`: 0 when the written row is all zeros, else 1, and, unless `form`
   * is 0, the canonical form of the written rows' differences from `form`; unless `sums` is 0,
   * carries the Adler-32 at `sums` (4 bytes) on over the scanlines as they were inflated (up to
   * a row with a bad filter type, not summed); the first row with a bad filter type, or else -1
   * less the form's end (-1 without a form).
   */
  transcodeRows(
    input: number,
    rows: number,
    width: number,
    channels: number,
    zero: number,
    output: number,
    census: number,
    flags: number,
    form: number,
    patch: number,
    sums: number,
  ): number;
  /** Copies rows as RGB, dropping alpha when `channels` is 4. */
  packRgb(
    src: number,
    srcStride: number,
    dst: number,
    dstStride: number,
    rows: number,
    width: number,
    channels: number,
  ): void;
  /** Recolours RGB pixels with `R >= 1` by their B value through a 256 × 4-byte table. */
  mapColours(ptr: number, stride: number, rows: number, width: number, table: number): void;
  /**
   * The census of mask pixels (R, then G, then B): 1 at `bSeen + B` for each labelled pixel's B,
   * and `B + 1` at `firstB + 2 * R` (16 bits) for each instance's first pixel, where still 0;
   * `zero` points at a row of zero bytes, the row above the first.
   */
  census(
    ptr: number,
    stride: number,
    rows: number,
    width: number,
    channels: number,
    zero: number,
    bSeen: number,
    firstB: number,
  ): void;
  /**
   * Applies the Up filter in place to scanlines (filter-type byte first); unless `flags` is 0,
   * byte `flags + r - 1` becomes 0 where row `r` (from 1) repeats the row above, else 1.
   */
  filterUp(ptr: number, rows: number, rowBytes: number, flags: number): void;
  /** The position of the first nonzero byte in `[ptr, end)`, or `end`. */
  skipZeros(ptr: number, end: number): number;
  /** The index of the first of `n` bytes at `p` unlike the byte at the same place from `q`, or `n`. */
  firstDifferent(p: number, q: number, n: number): number;
  /**
   * Unfilters scanlines (`ptr`: row 0's filter-type byte; `zero`: the raw row above it) of RGB or
   * RGBA pixels (`channels` bytes each) and converts them into rows `outStride` bytes apart:
   * `mode` 0, a byte a pixel (0 where red is 0, else the class at `table + blue`); `mode` 1, 16
   * bits big-endian (red); `mode` 2, the panoptic pixel (red unless the class is 0 or stuff, 1 at
   * `table + 256 + class`; the class; 0). Pixels that repeat those above are copied from the row
   * written above; unless `census` is 0, the others' census is counted into the tables there (as
   * `unfilter` counts it). Unless `patch` is 0, an Up-filtered row after the first is added to the
   * raw row above where it differs, rather than unfiltered where it is: only the last row is then
   * surely raw. Unless `sums` is 0, carries the Adler-32 there as `transcodeRows` does. -1, or the
   * first row with a bad filter type.
   */
  unfilterConvert(
    ptr: number,
    rows: number,
    width: number,
    channels: number,
    zero: number,
    out: number,
    outStride: number,
    mode: number,
    table: number,
    census: number,
    patch: number,
    sums: number,
  ): number;
  /**
   * Per row of 3-byte pixels, the number of runs of equal pixels, then each run's first column
   * and pixel (`R + 256 G + 65536 B`), 32-bit numbers from `out`; returns the end written.
   */
  pixelRuns(ptr: number, stride: number, rows: number, width: number, out: number): number;
  /**
   * Unfilters scanlines (`ptr`: row 0's filter-type byte; `zero`: the raw row above it) of RGB or
   * RGBA pixels and reads each pixel's label, a byte (its blue where its red is not 0, else 0),
   * into rows of bytes back to back at `out`; a byte a row at `same`: 1 where the row's labels are
   * those of the row above (known so), else 0. From `vectorList`, a slot of `4 * (1 + width /
   * 16)` bytes a row: how many of the row's 16 labels differ from those above, then each one's
   * offset (32 bits each); none in the first row and in a row `same` marks. Unless `census` is 0,
   * counts the pixels' census as `unfilter` does (the first row's against the row above, the
   * others' where 16 pixels are unlike those above). Unless `patch` is 0, an Up-filtered row
   * after the first is added to the raw row above where it differs, rather than unfiltered where
   * it is: only the last row is then surely raw. Unless `sums` is 0, carries the Adler-32 there as
   * `transcodeRows` does. -1, or the first row with a bad filter type.
   */
  unfilterLabels(
    ptr: number,
    rows: number,
    width: number,
    channels: number,
    zero: number,
    out: number,
    same: number,
    vectorList: number,
    census: number,
    patch: number,
    sums: number,
  ): number;
  /**
   * The Up-filtered scanlines of one label's mask (255 where the byte is `label`, else 0) from
   * rows of labels (back to back), `stride` bytes apart; `above` holds the raw mask above the
   * first row and gets the last row's; a byte a row at `flags`: 0 where the row repeats the one
   * above, else 1. A row below the first that `same` marks (see `unfilterLabels`) is not read. From
   * `runs`: where each run of the scanlines' bytes that are not zero starts and ends (32 bits
   * each, in order); returns the end of what it wrote there. From `form`: the rows' canonical
   * form, as `digestPieces` writes it from the scanlines; the end of what it wrote there goes to
   * the 32 bits at `formEnd`. The scanlines' bytes must be zeros but those the form there (to
   * that end) lists, from the call before: made zeros first. Below the first row, only the 16
   * bytes `unfilterLabels` listed at `vectorList` are looked at.
   */
  labelScanlines(
    labels: number,
    rows: number,
    width: number,
    label: number,
    above: number,
    out: number,
    stride: number,
    flags: number,
    same: number,
    runs: number,
    form: number,
    formEnd: number,
    vectorList: number,
  ): number;

  /**
   * Marks which bytes each row of bytes holds: 1 at `seen + 256 * row + byte` (each row's 256
   * bytes zeroed first); a row below the first that `same` marks gets the marks of the row above.
   */
  rowBytesSeen(ptr: number, rows: number, width: number, seen: number, same: number): void;
  /**
   * Marks which labels rows of labels (back to back) hold: 1 at `held + label` (256 bytes zeroed
   * first), from the first row's labels and, below it, those `unfilterLabels` listed at `vectorList`
   * (the others repeat those above) and each row's labels after its last 16.
   */
  heldLabels(labels: number, rows: number, width: number, vectorList: number, held: number): void;
  /**
   * Writes the canonical form of rows that the pixel digest hashes, from `out`: `above`
   * is the row above the first, or -1 when the rows are Up differences already; rows whose byte
   * at `flags` is 0 (unless `flags` is 0) have none. Returns the end of what it wrote, at most
   * `rows * (4 + 20 * ceil(rowBytes / 16))` bytes.
   */
  digestPieces(
    ptr: number,
    stride: number,
    rows: number,
    rowBytes: number,
    above: number,
    flags: number,
    out: number,
  ): number;
  /**
   * As `unfilter` (without flags), also writing the rows' canonical form from `out` as `digestPieces` does (an
   * Up-filtered row's pieces taken from its filtered bytes as it is unfiltered; unless `patch` is
   * 0, such a row after the strip's first is added to the raw row above instead, and only the
   * strip's last row is left raw), and, unless `sums` is 0 or left out, carrying the Adler-32
   * there as `transcodeRows` does; the form's end, or `-1 - r` when row `r` has a bad filter
   * type.
   */
  unfilterForm(
    ptr: number,
    rows: number,
    rowBytes: number,
    bpp: number,
    zero: number,
    census: number,
    out: number,
    patch: number,
    sums?: number,
  ): number;
}
