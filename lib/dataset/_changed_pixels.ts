/**
 * How many pixels differ between two versions of a task's mask files.
 *
 * @module
 */

import { pngSamples } from "../png/png_samples.ts";
import { pixelLayoutOf } from "../png/pixel_layout.ts";

/** A mask file decoded whole: its size, bytes per pixel and samples. */
interface Decoded {
  width: number;
  height: number;
  pixelBytes: number;
  data: Uint8Array;
}

/** Decodes a PNG whole: its samples as stored, or 8-bit RGB for a flavour this tool does not write. */
export function decodeSamples(bytes: Uint8Array): Decoded {
  const png = pngSamples(bytes);
  const { width, height } = png;
  const raw = !png.interlaced && pixelLayoutOf(png.colourType, png.bitDepth) !== undefined;
  const rowBytes = raw ? png.rowBytes : width * 3;
  const data = new Uint8Array(rowBytes * height);
  let at = 0;
  const take = (rows: Uint8Array) => {
    data.set(rows, at);
    at += rows.length;
  };
  if (raw) png.readRaw(take);
  else png.readRgb(take);
  return { width, height, pixelBytes: rowBytes / width, data };
}

/**
 * The pixels that differ between the old and new files of a task, by path: a pixel counts once
 * however many files differ there; a file only one side has counts its nonzero pixels; files of
 * different sizes count every pixel of the larger.
 *
 * @param pairs Per path, the old and new file's bytes (`undefined` where a side has none).
 * @returns How many pixels differ.
 */
export function changedPixels(pairs: [Uint8Array | undefined, Uint8Array | undefined][]): number {
  let marks: Uint8Array | undefined;
  let size: { width: number; height: number } | undefined;
  for (const [before, after] of pairs) {
    const old = before && decodeSamples(before);
    const now = after && decodeSamples(after);
    const { width, height } = (now ?? old)!;
    if (old && now && (old.width !== now.width || old.height !== now.height)) {
      return Math.max(old.width * old.height, now.width * now.height);
    }
    if (size && (size.width !== width || size.height !== height)) {
      return Math.max(size.width * size.height, width * height);
    }
    size = { width, height };
    marks ??= new Uint8Array(width * height);
    markDifferences(marks, old, now);
  }
  return marks ? marks.reduce((sum, mark) => sum + mark, 0) : 0;
}

function markDifferences(marks: Uint8Array, old?: Decoded, now?: Decoded): void {
  const pixelBytes = (now ?? old)!.pixelBytes;
  const a = old?.data;
  const b = now?.data;
  for (let p = 0, i = 0; p < marks.length; p++) {
    for (let k = 0; k < pixelBytes; k++, i++) {
      if ((a ? a[i] : 0) !== (b ? b[i] : 0)) marks[p] = 1;
    }
  }
}
