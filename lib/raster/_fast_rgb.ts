/**
 * The fast path for the PNGs masks nearly always are, 8-bit RGB or RGBA without interlacing:
 * unfiltering, alpha dropping, recolouring and re-filtering in the SIMD kernels, in one copy of
 * the data. Every other flavour takes the general path in `decode_png.ts`.
 *
 * @module
 */

import { align16, SLACK, withKernels } from "./_kernels.ts";
import { type CheckedPng, inflatePngInto } from "./_inflate_png.ts";
import type { PngHeader } from "./_png_header.ts";
import { invalidFilterError } from "./_unfilter.ts";
import { deflateSync } from "./_zlib.ts";

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

/** What {@linkcode transcodeFastRgb} does besides dropping alpha. */
export interface FastTranscodeOptions {
  /** 256 entries of four bytes (flag, r, g, b) by B value, or `undefined` for no recolouring. */
  colourTable?: Uint8Array;
  /** The zlib level of the new image data. */
  level: number;
}

interface Layout {
  width: number;
  height: number;
  channels: number;
  /** Input row bytes, without the filter-type byte. */
  inRow: number;
  /** Output row bytes, without the filter-type byte. */
  outRow: number;
  zero: number;
  table: number;
  input: number;
  output: number;
  end: number;
}

function layoutOf(header: PngHeader, options: { separateOutput: boolean }): Layout {
  const { width, height } = header;
  const channels = header.colourType === 6 ? 4 : 3;
  const inRow = width * channels;
  const outRow = width * 3;
  const zero = 0;
  const table = align16(zero + inRow + SLACK);
  const input = align16(table + 1024);
  const inputEnd = input + (inRow + 1) * height + SLACK;
  // RGB is recoloured where it was inflated; RGBA, and any row-by-row transcode, needs a second
  // buffer.
  const inPlace = channels === 3 && !options.separateOutput;
  const output = inPlace ? input : align16(inputEnd);
  const end = inPlace ? inputEnd : output + (outRow + 1) * height + SLACK;
  return { width, height, channels, inRow, outRow, zero, table, input, output, end };
}

/**
 * Turns a checked 8-bit RGB or RGBA PNG into the image data of an 8-bit RGB PNG: inflated
 * straight into the kernels' memory, unfiltered, alpha dropped, optionally recoloured,
 * Up-filtered and deflated.
 *
 * @param png The checked PNG, of a fast flavour.
 * @param options The recolouring table and the zlib level.
 * @returns The zlib stream for the new PNG's IDAT chunk.
 * @throws {PngError} when the image data is truncated or corrupt, or a row has an invalid
 * filter type.
 */
export function transcodeFastRgb(png: CheckedPng, options: FastTranscodeOptions): Uint8Array {
  const { colourTable, level } = options;
  const layout = layoutOf(png.header, { separateOutput: colourTable === undefined });
  const { width, height, channels, inRow, outRow, zero, input, output, table } = layout;
  return withKernels(layout.end, (kernels, memory) => {
    memory.fill(0, zero, zero + inRow);
    inflatePngInto(png, memory.subarray(input));
    if (colourTable === undefined) {
      const badRow = kernels.transcodeRows(input, height, width, channels, zero, output);
      throwOnBadRow(memory, layout, badRow);
    } else {
      // Recolouring comes between unfiltering and filtering, so it takes separate passes.
      throwOnBadRow(memory, layout, kernels.unfilter(input, height, inRow, channels, zero));
      if (channels === 4) {
        kernels.packRgb(input + 1, inRow + 1, output + 1, outRow + 1, height, width, 4);
      }
      memory.set(colourTable, table);
      kernels.mapColours(output + 1, outRow + 1, height, width, table);
      kernels.filterUp(output, height, outRow);
    }
    return deflateSync(memory.subarray(output, output + (outRow + 1) * height), { level });
  });
}

/**
 * Checks a plain 8-bit RGB PNG that is to be written as it is: its whole image data is inflated
 * (into the kernels' memory, then dropped) and every row's filter type read.
 *
 * @param png The checked PNG, 8-bit RGB.
 * @throws {PngError} when the image data is truncated or corrupt, or a row has an invalid
 * filter type.
 */
export function verifyFastRgb(png: CheckedPng): void {
  const { rowBytes, height } = png.passes[0];
  withKernels(png.totalBytes + 1, (_kernels, memory) => {
    inflatePngInto(png, memory);
    for (let row = 0; row < height; row++) {
      const type = memory[row * (rowBytes + 1)];
      if (type > 4) throw invalidFilterError(type, row, 0);
    }
  });
}

/**
 * Decodes inflated 8-bit RGB or RGBA scanlines to packed RGB pixels.
 *
 * @param scanlines The inflated, still filtered image data of a fast-flavour PNG.
 * @param header Its header.
 * @returns `width * height * 3` bytes, in a buffer of their own.
 * @throws {PngError} when a row has an invalid filter type.
 */
export function decodeFastRgb(scanlines: Uint8Array, header: PngHeader): Uint8Array {
  const layout = layoutOf(header, { separateOutput: false });
  const { width, height, channels, inRow, input, outRow } = layout;
  // Packed rows go after the input (RGB) or in the output area (RGBA), never over the input.
  const packed = channels === 3 ? align16(layout.end) : layout.output;
  return withKernels(Math.max(layout.end, packed + outRow * height + SLACK), (kernels, memory) => {
    copyIn(memory, scanlines, layout);
    throwOnBadRow(memory, layout, kernels.unfilter(input, height, inRow, channels, layout.zero));
    kernels.packRgb(input + 1, inRow + 1, packed, outRow, height, width, channels);
    return memory.slice(packed, packed + outRow * height);
  });
}

/** Puts the scanlines and the zero row above the first one into the kernels' memory. */
function copyIn(memory: Uint8Array, scanlines: Uint8Array, layout: Layout): void {
  memory.fill(0, layout.zero, layout.zero + layout.inRow);
  memory.set(scanlines, layout.input);
}

function throwOnBadRow(memory: Uint8Array, layout: Layout, badRow: number): void {
  const { input, inRow } = layout;
  if (badRow >= 0) throw invalidFilterError(memory[input + badRow * (inRow + 1)], badRow, 0);
}
