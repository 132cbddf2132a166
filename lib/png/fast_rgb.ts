/**
 * The fast path for the PNGs masks nearly always are, 8-bit RGB or RGBA without interlacing:
 * unfiltering, alpha dropping, recolouring, re-filtering and the census of the pixels in the
 * SIMD kernels, strip by strip as zlib inflates the rows into the kernels' memory and
 * `RunDeflate` (made for mask rows, mostly zeros once Up-filtered) deflates the new ones from it,
 * so each strip is worked on while it is in cache and the memory needed
 * stays a few hundred kilobytes whatever the image's size. Every other flavour, and every other
 * format, takes the general strip decoder in `_png_rows.ts`.
 *
 * @module
 */

import { kernelAdler, type KernelExports, withKernels } from "./kernels.ts";
import { type CheckedPng, inflatePngStrips } from "./inflate_png.ts";
import { clearCensus, type MaskCensus, readCensus } from "./mask_census.ts";
import type { RowSampler } from "./row_sampler.ts";
import type { PngHeader } from "./_png_header.ts";
import { invalidFilterError } from "./_unfilter.ts";
import { RunDeflate } from "../flate/run_deflate.ts";
import { deflateKernels } from "./_deflate_kernels.ts";
import type { PixelDigest } from "./pixel_digest.ts";
import { digestStrip, unfilterDigested } from "./_strip_digest.ts";
import { sinkRows, upZeroRows } from "./_pixel_sinks.ts";
import { differences, rowAbove, type StripLayout, stripLayout } from "./_strip_layout.ts";
import { carryCheck } from "./_strip_sums.ts";
import type { PngError } from "../errors.ts";

/**
 * Whether the fast path reads this PNG: 8-bit RGB or RGBA, not interlaced.
 *
 * @param header The PNG's header.
 * @returns `true` for the flavours the kernels handle.
 */
export function isFastFlavour(header: PngHeader): boolean {
  return header.bitDepth === 8 && !header.interlaced &&
    (header.colourType === 2 || header.colourType === 6);
}

/**
 * Takes a decoded image's rows as they come, e.g. to hash its pixels; `sameAsAbove` tells, where
 * the caller knows, whether a row is the same as the row above (`undefined`: not known).
 */
export interface PixelSink {
  /** Takes whole rows given back to back. */
  update(rows: Uint8Array, sameAsAbove?: (row: number) => boolean | undefined): void;
  /** Takes `count` rows that start `stride` bytes apart in `memory`, from `at`. */
  updateRows(
    memory: Uint8Array,
    at: number,
    stride: number,
    count: number,
    sameAsAbove?: (row: number) => boolean | undefined,
  ): void;
}

/** What {@linkcode transcodeFastRgb} does besides dropping alpha. */
export interface FastTranscodeOptions {
  /** 256 entries of four bytes (flag, r, g, b) by B value, or `undefined` for no recolouring. */
  colourTable?: Uint8Array;
  /** Also count the census of the original pixels (for the mask's statistics). */
  census?: boolean;
  /** Also sample the original pixels for a thumbnail. */
  sampler?: RowSampler;
  /** Also hashes the written image's pixels (RGB, recoloured). */
  digest?: Pick<PixelDigest, "updateForm">;
  /** Also takes the written image's rows (RGB, recoloured), unfiltered. */
  pixels?: PixelSink;
}

/** What {@linkcode transcodeFastRgb} and {@linkcode verifyFastRgb} give back. */
export interface FastTranscode {
  /** The zlib stream for the new PNG's IDAT chunk (none from `verifyFastRgb`). */
  idat?: Uint8Array;
  /** The census of the original pixels, when asked. */
  census?: MaskCensus;
}

/**
 * Turns a checked 8-bit RGB or RGBA PNG into the image data of an 8-bit RGB PNG: inflated strip
 * by strip into the kernels' memory, unfiltered, alpha dropped, optionally recoloured,
 * Up-filtered and deflated; the census of the original pixels is counted on the way if asked.
 *
 * @param png The checked PNG, of a fast flavour.
 * @param options The recolouring table and whether to count the census.
 * @returns The zlib stream for the new PNG's IDAT chunk, and the census.
 * @throws {PngError} when the image data is truncated or corrupt, or a row has an invalid
 * filter type.
 */
export function transcodeFastRgb(png: CheckedPng, options: FastTranscodeOptions): FastTranscode {
  const { colourTable, pixels, digest } = options;
  const layout = stripLayout(png.header);
  const { width, channels, inRow, outRow, input, output, table, carry, flags } = layout;
  const inStride = inRow + 1;
  const outStride = outRow + 1;
  return withKernels(layout.end, (kernels, memory) => {
    const deflate = new RunDeflate({ tokenKernel: deflateKernels() });
    if (colourTable !== undefined) memory.set(colourTable, table);
    // The row above the first recoloured row, for the Up filter: zeros.
    memory.fill(0, output, output + outStride);
    const strips = { ...options, sumsStrips: colourTable === undefined };
    const census = eachStrip(png, layout, { kernels, memory }, strips, (first, count, work) => {
      const { tables, sums } = work;
      const above = rowAbove(layout, first);
      if (colourTable === undefined) {
        // With a digest, the kernel writes the rows' canonical form as it makes them (and
        // counts the census from it); with nothing else reading the strip's rows, its
        // Up-filtered rows go out without being unfiltered where they are.
        const result = kernels.transcodeRows(
          input + inStride,
          count,
          width,
          channels,
          above,
          output + outStride,
          tables,
          flags,
          digest ? layout.pieces : 0,
          options.sampler || pixels ? 0 : 1,
          sums,
        );
        if (result >= 0) return result;
        if (digest) digest.updateForm(memory.subarray(layout.pieces, -1 - result));
        writeRows(deflate, memory, layout, { count, form: digest !== undefined });
        if (pixels) sinkRows(pixels, { kernels, memory, layout, count });
        return -1;
      }
      // Recolouring comes between unfiltering and filtering, so it takes separate passes.
      const badRow = recolourStrip(kernels, memory, layout, { count, above, tables }, pixels);
      if (badRow >= 0) return badRow;
      if (digest) {
        digestStrip(kernels, memory, digest, { ...differences(layout, count), flags: 0 });
      }
      deflate.write(memory, output + outStride, output + (count + 1) * outStride);
      // The strip's last rows, unfiltered, are the rows above the next strip's first.
      memory.copyWithin(output + 1, carry, carry + outRow);
      return -1;
    });
    // A copy the size of the stream, and the stream's buffer to the next mask's.
    const idat = deflate.end().slice();
    deflate.release();
    return { idat, census };
  });
}

/**
 * Unfilters a strip, packs it as RGB into the output rows, recolours and Up-filters them (the
 * sink gets them recoloured, before the filter); -1, or the first row with a bad filter type.
 */
function recolourStrip(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: StripLayout,
  strip: { count: number; above: number; tables: number },
  pixels: PixelSink | undefined,
): number {
  const { count, above, tables } = strip;
  const { width, channels, inRow, outRow, input, output, table, carry } = layout;
  const inStride = inRow + 1;
  const outStride = outRow + 1;
  const badRow = kernels.unfilter(input + inStride, count, inRow, channels, above, tables);
  if (badRow >= 0) return badRow;
  const rows = output + outStride;
  kernels.packRgb(input + inStride + 1, inStride, rows + 1, outStride, count, width, channels);
  kernels.mapColours(rows + 1, outStride, count, width, table);
  pixels?.updateRows(memory, rows + 1, outStride, count);
  const last = output + count * outStride + 1;
  memory.copyWithin(carry, last, last + outRow);
  kernels.filterUp(output, count + 1, outRow, 0);
  return -1;
}

/**
 * Deflates a strip's Up-filtered output rows, those the kernel flagged as zeros unread, and the
 * others' zeros found from the canonical form at `layout.pieces` when the digest wrote it.
 */
function writeRows(
  deflate: RunDeflate,
  memory: Uint8Array,
  layout: StripLayout,
  strip: { count: number; form: boolean },
): void {
  const stride = layout.outRow + 1;
  const first = layout.output + stride;
  const { count } = strip;
  const form = strip.form ? layout.pieces : undefined;
  deflate.writeScanlines(memory, { first, stride, count, flags: memory, at: layout.flags, form });
}

/**
 * Checks a plain 8-bit RGB PNG that is to be written as it is: its whole image data is inflated
 * (strip by strip, into the kernels' memory, then dropped) and every row's filter type read; to
 * count the census, sample a thumbnail or hand the rows to a sink, the rows are unfiltered too.
 *
 * @param png The checked PNG, 8-bit RGB.
 * @param options Whether to count the census, the thumbnail's sampler and the rows' sink.
 * @returns The census, when asked.
 * @throws {PngError} when the image data is truncated or corrupt, or a row has an invalid
 * filter type.
 */
export function verifyFastRgb(
  png: CheckedPng,
  options: {
    census?: boolean;
    sampler?: RowSampler;
    pixels?: PixelSink;
    digest?: Pick<PixelDigest, "updateForm">;
  } = {},
): FastTranscode {
  const layout = stripLayout(png.header);
  const { inRow, channels, input } = layout;
  const inStride = inRow + 1;
  // With nothing else asked, rows are not unfiltered: the check is summed apart.
  const unfilters = Boolean(options.census || options.sampler || options.pixels || options.digest);
  return withKernels(layout.end, (kernels, memory) => {
    const strips = { ...options, sumsStrips: unfilters };
    const census = eachStrip(png, layout, { kernels, memory }, strips, (first, count, work) => {
      const { tables, sums } = work;
      if (unfilters) {
        const above = rowAbove(layout, first);
        const same = options.pixels && upZeroRows(kernels, memory, layout, count);
        const strip = { ptr: input + inStride, count, rowBytes: inRow, above, census: tables };
        const badRow = options.digest
          ? unfilterDigested(kernels, memory, options.digest, {
            ...strip,
            bpp: channels,
            out: layout.pieces,
            // Nothing reads the strip's rows but the next strip, which reads its last.
            lastRowOnly: !options.sampler && !options.pixels,
            sums,
          })
          : kernels.unfilter(strip.ptr, count, inRow, channels, above, tables, sums);
        if (badRow < 0 && same && options.pixels) {
          options.pixels.updateRows(
            memory,
            input + inStride + 1,
            inStride,
            count,
            (row) => same[row] === 0 ? undefined : same[row] === 1,
          );
        }
        return badRow;
      }
      for (let row = 0; row < count; row++) {
        if (memory[input + (row + 1) * inStride] > 4) return row;
      }
      return -1;
    });
    return { census };
  });
}

/**
 * Inflates the PNG strip by strip into the layout's input (from slot 1) and runs `work` on each,
 * which returns -1 or the strip's first row with a bad filter type (and leaves the strip
 * unfiltered if a sampler is given); counts the census into the layout's tables if asked (`work`
 * gets their offset, or 0) and gives the sampler the unfiltered rows. With `sumsStrips`, `work`
 * gets the word where the stream's Adler-32 is (or 0) and carries it on over the strip's rows
 * up to a bad one, as `transcodeRows` does; the rest are summed here.
 */
function eachStrip(
  png: CheckedPng,
  layout: StripLayout,
  { kernels, memory }: { kernels: KernelExports; memory: Uint8Array },
  options: { census?: boolean; sampler?: RowSampler; sumsStrips?: boolean },
  work: (first: number, count: number, at: { tables: number; sums: number }) => number,
): MaskCensus | undefined {
  const { census, sampler } = options;
  const { zero, inRow, input, rows, channels } = layout;
  const inStride = inRow + 1;
  memory.fill(0, zero, zero + inRow);
  if (census) clearCensus(memory, layout.census);
  inflatePngStrips(png, {
    rows,
    window: memory.subarray(input + inStride, input + (rows + 1) * inStride),
    adler: kernelAdler(kernels, memory),
    sumsStrips: options.sumsStrips,
    onStrip(first, count, check): PngError | undefined {
      const strip = { at: input + inStride, stride: inStride, count, word: layout.sums };
      const tables = census ? layout.census : 0;
      const badRow = carryCheck(kernels, memory, strip, check, (sums) => {
        return work(first, count, { tables, sums });
      });
      if (badRow >= 0) {
        return invalidFilterError(memory[input + (badRow + 1) * inStride], first + badRow, 0);
      }
      sampler?.takeRows(memory, input + inStride + 1, inStride, first, count, channels);
      // The strip's last row, unfiltered, is the row above the next strip's first.
      memory.copyWithin(input, input + count * inStride, input + (count + 1) * inStride);
      return undefined;
    },
  });
  return census ? readCensus(memory, layout.census) : undefined;
}
