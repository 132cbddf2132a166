import { writePng } from "./_chunks.ts";
import { filterScanlines, type PngFilter } from "./_filter.ts";
import { deflateSync } from "../flate/zlib.ts";

/** What {@linkcode pngFileSync} writes: a non-interlaced image of one colour type and bit depth. */
export interface PngFileParts {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The bit depth: 8 or 16. */
  bitDepth: 8 | 16;
  /** The colour type: 0 grey, 2 RGB, 3 palette. */
  colourType: 0 | 2 | 3;
  /** The samples, row by row, big-endian for 16 bits. */
  samples: Uint8Array;
  /** Bytes per complete pixel (for the filters). */
  bytesPerPixel: number;
  /** For palette images: the PLTE chunk's RGB triplets. */
  palette?: Uint8Array;
  /** The zlib level. */
  level: number;
  /** The scanline filter. */
  filter: PngFilter;
}

/**
 * Encodes a whole image as a PNG file on the calling thread: for images of a few kilobytes (the
 * report's thumbnails).
 */
export function pngFileSync(parts: PngFileParts): Uint8Array {
  return pngOfImageData(parts, deflateSync(scanlinesOf(parts), { level: parts.level }));
}

function scanlinesOf(parts: PngFileParts): Uint8Array {
  return filterScanlines(parts.samples, {
    rowBytes: parts.samples.length / parts.height,
    bytesPerPixel: parts.bytesPerPixel,
    filter: parts.filter,
  });
}

/**
 * Frames a PNG file around its compressed image data: signature, IHDR, PLTE when given, one
 * IDAT, IEND.
 *
 * @param parts The image's size, bit depth, colour type and palette.
 * @param idat The zlib stream of its filtered scanlines.
 * @returns The file's bytes.
 */
export function pngOfImageData(
  parts: Pick<PngFileParts, "width" | "height" | "bitDepth" | "colourType" | "palette">,
  idat: Uint8Array,
): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, parts.width);
  view.setUint32(4, parts.height);
  header.set([parts.bitDepth, parts.colourType, 0, 0, 0], 8);
  return writePng([
    { type: "IHDR", data: header },
    ...(parts.palette ? [{ type: "PLTE", data: parts.palette }] : []),
    { type: "IDAT", data: idat },
    { type: "IEND", data: new Uint8Array(0) },
  ]);
}
