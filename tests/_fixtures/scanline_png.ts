/**
 * 8-bit RGB and RGBA PNGs built from their scanlines, for tests that choose each row's filter,
 * damage the scanlines or the zlib stream, and cut the image data into IDAT chunks anywhere.
 * Written from the PNG specification, independently of `lib/png` (its own CRC and filters).
 *
 * @module
 */

import { deflateSync } from "node:zlib";
import { concatenate } from "../../lib/concatenate.ts";

/** An 8-bit image of `channels` samples a pixel (3: RGB, 4: RGBA), row-major. */
export interface RawImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

/**
 * The image's scanlines, row `y` filtered with `filters[y]` (0 None, 1 Sub, 2 Up, 3 Average,
 * 4 Paeth), each after its filter-type byte.
 */
export function filteredScanlines(image: RawImage, filters: readonly number[]): Uint8Array {
  const { width, height, channels, data } = image;
  const rowBytes = width * channels;
  const out = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    out[y * (rowBytes + 1)] = filters[y];
    for (let i = 0; i < rowBytes; i++) {
      const at = y * rowBytes + i;
      const a = i >= channels ? data[at - channels] : 0;
      const b = y > 0 ? data[at - rowBytes] : 0;
      const c = y > 0 && i >= channels ? data[at - rowBytes - channels] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filters[y]];
      out[y * (rowBytes + 1) + 1 + i] = (data[at] - predictor) & 0xff;
    }
  }
  return out;
}

/**
 * A PNG of the image's size and colour type holding `stream` as its image data, cut into IDAT
 * chunks at `cuts` (offsets into the stream; an empty chunk where two are equal).
 */
export function pngOfStream(
  image: Pick<RawImage, "width" | "height" | "channels">,
  stream: Uint8Array,
  cuts: readonly number[] = [],
): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  header.set([8, image.channels === 3 ? 2 : 6, 0, 0, 0], 8);
  const chunks = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header)];
  let from = 0;
  for (const cut of [...cuts, stream.length]) {
    chunks.push(chunk("IDAT", stream.subarray(from, cut)));
    from = cut;
  }
  chunks.push(chunk("IEND", new Uint8Array(0)));
  return concatenate(chunks);
}

/** The zlib stream of `scanlines` at `level` (0 to 9). */
export function zlibOf(scanlines: Uint8Array, level: number): Uint8Array {
  return new Uint8Array(deflateSync(scanlines, { level }));
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  let crc = 0xffffffff;
  for (const byte of out.subarray(4, 8 + data.length)) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  view.setUint32(8 + data.length, (crc ^ 0xffffffff) >>> 0);
  return out;
}
