/**
 * Turns unfiltered scanlines into 8-bit RGB the way OpenCV's `IMREAD_COLOR` does
 * (the lab API spec, "What the SDK's mask export does", rule 5): alpha dropped without
 * compositing, grey replicated, palette expanded (tRNS ignored), 16-bit samples cut to their high
 * byte, grey below 8 bits scaled to 0..255.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import type { ScanlinePass } from "./_adam7.ts";
import { CHANNELS_BY_COLOUR_TYPE, type PngHeader } from "./_png_header.ts";
import type { RgbImage } from "./rgb_image.ts";

/** Options of {@linkcode createPassWriter}. */
export interface PassWriterOptions {
  /** The PLTE chunk's data, for a palette image. */
  palette?: Uint8Array;
  /** The image the pixels are written into; its size is the header's. */
  image: RgbImage;
}

/** Writes one unfiltered pass's pixels into the target image. */
export type PassWriter = (scanlines: Uint8Array, pass: ScanlinePass) => void;

/**
 * Prepares a writer for an image's format: one function that copies each pass of unfiltered
 * scanlines into the RGB image at the pass's pixel positions.
 *
 * @param header The PNG's header.
 * @param options The palette and the target image.
 * @returns The pass writer; it throws {@linkcode PngError} on a palette index out of range.
 *
 * @example
 * ```ts
 * import { createPassWriter } from "./_pass_to_rgb.ts";
 *
 * const image = { width: 2, height: 1, data: new Uint8Array(6) };
 * const header = { width: 2, height: 1, bitDepth: 1, colourType: 0, interlaced: false };
 * const write = createPassWriter(header, { image });
 * const pass = { number: 0, x0: 0, y0: 0, dx: 1, dy: 1, width: 2, height: 1, rowBytes: 1, offset: 0 };
 * write(new Uint8Array([0, 0b0100_0000]), pass);
 * console.log([...image.data]); // [0, 0, 0, 255, 255, 255]
 * ```
 */
export function createPassWriter(header: PngHeader, options: PassWriterOptions): PassWriter {
  const { colourType, bitDepth } = header;
  const { image, palette } = options;
  const out = image.data;
  const sampleBytes = bitDepth === 16 ? 2 : 1;
  const pixelBytes = CHANNELS_BY_COLOUR_TYPE[colourType] * sampleBytes;
  const indexed = colourType === 3 || (colourType === 0 && bitDepth <= 8);
  const lookup = indexed ? colourLookup(header, palette) : undefined;

  return (scanlines, pass) => {
    const stride = pass.rowBytes + 1;
    const step = pass.dx * 3;
    for (let y = 0; y < pass.height; y++) {
      const s = pass.offset + y * stride + 1;
      const o = ((pass.y0 + y * pass.dy) * image.width + pass.x0) * 3;
      if (lookup !== undefined) {
        writeIndexedRow(scanlines, s, { out, o, step, width: pass.width, bitDepth, lookup });
      } else if (colourType === 2 && bitDepth === 8 && step === 3) {
        out.set(scanlines.subarray(s, s + pass.width * 3), o);
      } else if (colourType === 2 || colourType === 6) {
        const g = sampleBytes;
        const b = 2 * sampleBytes;
        for (let x = 0, i = s, j = o; x < pass.width; x++, i += pixelBytes, j += step) {
          out[j] = scanlines[i];
          out[j + 1] = scanlines[i + g];
          out[j + 2] = scanlines[i + b];
        }
      } else {
        // Grey at 16 bits, or grey + alpha: the first byte of each pixel is the grey's high byte.
        for (let x = 0, i = s, j = o; x < pass.width; x++, i += pixelBytes, j += step) {
          const grey = scanlines[i];
          out[j] = grey;
          out[j + 1] = grey;
          out[j + 2] = grey;
        }
      }
    }
  };
}

/** Sample value -> RGB for palette images and grey images of 8 bits or fewer. */
interface ColourLookup {
  /** 3 bytes per sample value. */
  rgb: Uint8Array;
  /** Sample values at or above this are out of range (the palette's size). */
  entries: number;
}

function colourLookup(header: PngHeader, palette: Uint8Array | undefined): ColourLookup {
  const rgb = new Uint8Array(256 * 3);
  if (header.colourType === 3 && palette !== undefined) {
    rgb.set(palette);
    return { rgb, entries: palette.length / 3 };
  }
  const top = (1 << header.bitDepth) - 1;
  const scale = 255 / top;
  for (let value = 0; value <= top; value++) rgb.fill(value * scale, value * 3, value * 3 + 3);
  return { rgb, entries: 256 };
}

interface IndexedRow {
  out: Uint8Array;
  o: number;
  step: number;
  width: number;
  bitDepth: number;
  lookup: ColourLookup;
}

function writeIndexedRow(scanlines: Uint8Array, s: number, row: IndexedRow): void {
  const { out, step, width, bitDepth } = row;
  const { rgb, entries } = row.lookup;
  const mask = (1 << bitDepth) - 1;
  const perByte = 8 / bitDepth;
  for (let x = 0, j = row.o; x < width; x++, j += step) {
    let value: number;
    if (bitDepth === 8) value = scanlines[s + x];
    else {
      const byte = scanlines[s + Math.floor(x / perByte)];
      value = (byte >> (8 - bitDepth * (1 + (x % perByte)))) & mask;
    }
    if (value >= entries) {
      throw new PngError(
        `the PNG uses palette index ${value} but its palette has only ${entries} colours`,
      );
    }
    const k = value * 3;
    out[j] = rgb[k];
    out[j + 1] = rgb[k + 1];
    out[j + 2] = rgb[k + 2];
  }
}
