/**
 * The strip reader of the SIMD kernels, for the mask formats other than `rgb`: an 8-bit RGB or
 * RGBA PNG without interlacing (what masks nearly always are) is inflated strip by strip into
 * the kernels' memory, unfiltered and counted there, and handed over as 8-bit RGB rows, as the
 * general strip decoder in `_png_rows.ts` hands over every flavour. Memory stays a few hundred
 * kilobytes whatever the image's size.
 *
 * @module
 */

import type { PngError } from "../errors.ts";
import { isFastFlavour } from "./fast_rgb.ts";
import { type CheckedPng, inflatePngStrips, type StripCheck } from "./inflate_png.ts";
import { align16, kernelAdler, type KernelExports, SLACK, withKernels } from "./kernels.ts";
import type { ConvertedRows, RgbRows, RowConversion } from "./png_rows.ts";
import { rgbStrip } from "./_fast_strips.ts";
import { carryCheck } from "./_strip_sums.ts";
import {
  bytesPerPixel,
  type ConversionLayout,
  convertStrip,
  unfilterConverted,
} from "./_converted_strip.ts";
import { clearLabelScanlines, LabelStrips, unfilterLabels } from "./_label_strip.ts";
import { pixelFormBound } from "./pixel_pieces.ts";
import { invalidFilterError } from "./_unfilter.ts";
import { CENSUS_BYTES, clearCensus, type MaskCensus, readCensus } from "./mask_census.ts";

/** Options of {@linkcode readFastRows}. */
export interface ReadFastRowsOptions {
  /** Rows per strip. Default: about 256 KiB of inflated rows, as the `rgb` fast path reads. */
  stripRows?: number;
  /** Also hand the rows over converted (`RgbRows.converted`). */
  convert?: RowConversion;
  /** Count the census. Default: `true` (`false`: the census returned is empty). */
  census?: boolean;
  /** Hand over the rows where they were unfiltered (`RgbRows.unpacked`), packed when read. */
  unpacked?: boolean;
}

/** Inflated bytes per strip, as in `_fast_rgb.ts` (where this size was measured). */
const STRIP_BYTES = 256 * 1024;

/**
 * Decodes a checked 8-bit RGB or RGBA PNG without interlacing to 8-bit RGB as `readPngRows`
 * does, strip by strip, top to bottom, with the kernels unfiltering the rows and counting their
 * census. The whole image data is always read, with the same checks and messages as the general
 * decoder; after a bad filter type no more strips are handed over.
 *
 * `onRows` gets a view of the kernels' memory, valid until it returns: it must not call the
 * kernels itself (`withKernels` refuses a call from inside another).
 *
 * @param png The checked PNG, of a flavour {@linkcode isFastFlavour} accepts.
 * @param onRows Takes each strip of RGB rows.
 * @param options The strip size.
 * @returns The census of the image's pixels.
 * @throws {RangeError} when the PNG is of another flavour.
 * @throws {PngError} when the data is truncated, corrupt or longer than the image needs, or a
 * row has an invalid filter type.
 */
export function readFastRows(
  png: CheckedPng,
  onRows: (rows: RgbRows) => void,
  options: ReadFastRowsOptions = {},
): MaskCensus {
  const { header } = png;
  refuseSlowFlavour(header);
  const { width } = header;
  const convert = options.convert;
  const mode = convert?.kind === "instance16" ? 1 : convert?.kind === "panoptic" ? 2 : 0;
  const layout = rowsLayout(header, options.stripRows, mode, convert?.kind === "labels");
  const { channels, inRow, rows, tables, input, output, conversion, end } = layout;
  const inStride = inRow + 1;
  const repeats = new Uint8Array(rows);
  /** Whether the row above the next is black (all zeros), as far as is known: above row 0, yes. */
  let blackAbove = true;
  // The labels' masks are made of the labels, never of repeated rows: the labels are read as
  // the rows are unfiltered, those of a row that repeats the row above copied.
  const labelled = convert?.kind === "labels";
  const census = options.census === false ? 0 : tables;
  const packing = packingOf(options);
  return withKernels(end, (kernels, memory) => {
    prepareMemory(memory, layout, convert);
    const labels = labelled ? new LabelStrips(kernels, memory, conversion) : undefined;
    inflatePngStrips(png, {
      rows,
      window: memory.subarray(input + inStride, input + (rows + 1) * inStride),
      adler: kernelAdler(kernels, memory),
      sumsStrips: true,
      onStrip(first, count, check): PngError | undefined {
        const at = input + inStride;
        const scanlines = { at, stride: inStride, count };
        if (!labelled) blackAbove = markRepeats(kernels, memory, scanlines, repeats, blackAbove);
        const strip = { first, count, census, convert, check };
        const bad = unfilterStrip(kernels, memory, layout, strip);
        if (bad >= 0) {
          return invalidFilterError(memory[input + (bad + 1) * inStride], first + bad, 0);
        }
        const pixels = { at: at + 1, stride: inStride, channels };
        const rgb = rgbStrip({ kernels, memory, pixels, width, output }, first, count, packing);
        if (!labelled) rgb.repeats = repeats.subarray(0, count);
        if (convert) {
          addConversion(rgb, labels, () => convertStrip(kernels, memory, conversion, count));
        }
        onRows(rgb);
        // The strip's last row, unfiltered, is the row above the next strip's first.
        memory.copyWithin(input, input + count * inStride, input + (count + 1) * inStride);
        return undefined;
      },
    });
    return readCensus(memory, tables);
  });
}

/**
 * Unfilters a strip the kernels hold with the kernel its conversion needs (the plain unfilter, a
 * conversion's or the labels'), which counts the census (a conversion's of the pixels unlike
 * those above) and carries the stream's check over the rows; -1, or the first row with a bad
 * filter type.
 */
function unfilterStrip(
  kernels: KernelExports,
  memory: Uint8Array,
  layout: ReturnType<typeof rowsLayout>,
  strip: {
    first: number;
    count: number;
    census: number;
    convert: RowConversion | undefined;
    check: StripCheck | undefined;
  },
): number {
  const { inRow, channels, input, zero, conversion, sums } = layout;
  const { first, count, census, convert, check } = strip;
  const inStride = inRow + 1;
  const at = input + inStride;
  const above = first === 0 ? zero : input + 1;
  const convertedOnly = convert?.convertedOnly === true;
  return carryCheck(kernels, memory, { at, stride: inStride, count, word: sums }, check, (sums) => {
    const unfiltered = { at, count, channels, census, above, convertedOnly, sums };
    return convert?.kind === "labels"
      ? unfilterLabels(kernels, conversion, unfiltered)
      : convert
      ? unfilterConverted(kernels, memory, conversion, { ...unfiltered, first })
      : kernels.unfilter(at, count, inRow, channels, above, census, sums);
  });
}

/**
 * Readies the kernels' memory for an image: the zero row above the first, the conversion's
 * tables and buffers, the census's tables.
 */
function prepareMemory(
  memory: Uint8Array,
  layout: ReturnType<typeof rowsLayout>,
  convert: RowConversion | undefined,
): void {
  const { zero, inRow, input, conversion, rows, tables } = layout;
  // Zeros above the first row, where the unfilter reads them and where unpacked rows find them.
  memory.fill(0, zero, zero + inRow);
  memory.fill(0, input, input + inRow + 1);
  setTables(memory, conversion.table, convert);
  if (convert?.kind === "labels") clearLabelScanlines(memory, conversion, rows);
  clearCensus(memory, tables);
}

/**
 * When a strip's RGB rows are packed: the conversions read the unfiltered rows, so RGB is packed
 * only when a reader asks, or never when only the converted rows are read; a reader of the
 * unpacked rows gets them as they are.
 */
function packingOf(options: ReadFastRowsOptions): "now" | "asked" | "unpacked" | "never" {
  const { convert } = options;
  if (convert?.convertedOnly === true) return "never";
  return convert ? "asked" : options.unpacked ? "unpacked" : "now";
}

/** Throws for the flavours only the general decoder reads. */
function refuseSlowFlavour(header: CheckedPng["header"]): void {
  if (isFastFlavour(header)) return;
  throw new RangeError(
    `readFastRows() reads 8-bit RGB or RGBA PNGs without interlacing, not colour type ` +
      `${header.colourType} at ${header.bitDepth} bits${header.interlaced ? ", interlaced" : ""}`,
  );
}

/** Puts the conversion's tables in the kernels' memory. */
function setTables(memory: Uint8Array, table: number, convert: RowConversion | undefined): void {
  if (convert?.kind === "index") memory.set(convert.byBChannel.subarray(0, 256), table);
  else if (convert?.kind === "panoptic") {
    memory.set(convert.classOfB.subarray(0, 256), table);
    memory.set(convert.stuff.subarray(0, 256), table + 256);
  }
}

/** Adds to a strip what its conversion asks: its labels (and `labelMask`), or its rows. */
function addConversion(
  strip: RgbRows,
  labels: LabelStrips | undefined,
  converted: () => ConvertedRows,
): void {
  if (labels === undefined) strip.converted = converted();
  else {
    strip.labels = labels.take(strip.count);
    strip.labelMask = labels.labelMask;
  }
}

/**
 * Where the strip reader keeps its buffers in the kernels' memory: zero bytes (the row above the
 * first), the census tables, the scanlines (slot 0: the last row of the strip before; the strip
 * lands from slot 1), the RGB rows handed over, then the conversion's buffers, sized for `mode`
 * (and the labels' masks, when `labelled`).
 */
function rowsLayout(
  header: CheckedPng["header"],
  stripRows: number | undefined,
  mode: number,
  labelled: boolean,
) {
  const { width, height } = header;
  const channels = header.colourType === 6 ? 4 : 3;
  const inRow = width * channels;
  const outRow = width * 3;
  const rows = Math.max(1, Math.min(height, stripRows ?? Math.floor(STRIP_BYTES / (inRow + 1))));
  const zero = 0;
  const tables = align16(zero + inRow + SLACK);
  const input = align16(tables + CENSUS_BYTES);
  const output = align16(input + (rows + 1) * (inRow + 1) + SLACK);
  const rowBytes = width * bytesPerPixel(mode);
  const table = align16(output + rows * outRow + SLACK);
  const scan = align16(table + 512 + SLACK);
  const carry = align16(scan + (rows + 1) * (rowBytes + 1) + SLACK);
  const flags = align16(carry + rowBytes + SLACK);
  const form = align16(flags + rows + SLACK);
  const labels = align16(form + pixelFormBound(rows, rowBytes) + SLACK);
  const seen = align16(labels + rows * width + SLACK);
  // The labels of each row, then of the whole strip.
  const same = align16(seen + (rows + 1) * 256 + SLACK);
  // Runs: at most one a pixel, 8 bytes, and 4 bytes a row; a label's scanlines' runs of bytes
  // that are not zero, at most one every other byte, 8 bytes.
  const runs = align16(same + rows + SLACK);
  const runBytes = mode === 2 ? rows * (4 + width * 8) : labelled ? rows * (rowBytes + 2) * 4 : 0;
  // A word a kernel leaves a second result in; the lists of `unfilterLabels`.
  const ends = align16(runs + runBytes + SLACK);
  const vectorList = align16(ends + 4 + SLACK);
  // The word the kernels carry the image data's Adler-32 in.
  const sums = align16(vectorList + (labelled ? rows * 4 * (1 + (width >> 4)) : 0) + SLACK);
  const end = sums + 4 + SLACK;
  const conversion: ConversionLayout = {
    width,
    mode,
    table,
    scan,
    carry,
    flags,
    form,
    labels,
    seen,
    same,
    runs,
    ends,
    vectorList,
  };
  return { channels, inRow, outRow, rows, zero, tables, input, output, conversion, sums, end };
}

/**
 * Marks in `repeats` the scanlines (still filtered) that repeat the row above: Up-filtered to
 * zeros (a PNG encoder's pick for such rows), or black below a black row, where a black row is
 * zeros under None or Sub, or under the other filters below a black row (an encoder picks None,
 * tried first, for a black row).
 *
 * @returns Whether the last row is known to be black.
 */
function markRepeats(
  kernels: KernelExports,
  memory: Uint8Array,
  scanlines: { at: number; stride: number; count: number },
  repeats: Uint8Array,
  blackAbove: boolean,
): boolean {
  const { at, stride, count } = scanlines;
  for (let row = 0, p = at; row < count; row++, p += stride) {
    const filter = memory[p];
    const zeros = kernels.skipZeros(p + 1, p + stride) === p + stride;
    const black = zeros && (filter <= 1 || blackAbove);
    repeats[row] = (zeros && filter === 2) || (black && blackAbove) ? 1 : 0;
    blackAbove = black;
  }
  return blackAbove;
}
