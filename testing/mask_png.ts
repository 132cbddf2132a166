/**
 * Fixture builders for mask tests and the demo: draw a mask that follows the platform's pixel
 * convention, and write it as a PNG of any flavour. The writer is independent of
 * `lib/png/encode_png.ts` (its own CRC, filters, packing and interlacing) so tests of the
 * decoder do not check our code against itself.
 *
 * @module
 */

import { deflateSync } from "node:zlib";
import type { RgbImage } from "../lib/png/rgb_image.ts";

/**
 * An 8-bit RGBA image: `width * height * 4` bytes, row-major, red, green, blue, alpha.
 *
 * @example One labelled pixel next to the background
 * ```ts
 * import type { RgbaImage } from "./mask_png.ts";
 *
 * const image: RgbaImage = { width: 2, height: 1, data: new Uint8Array([3, 3, 1, 255, 0, 0, 0, 0]) };
 * ```
 */
export interface RgbaImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** `width * height * 4` bytes. */
  data: Uint8Array;
}

/**
 * One labelled instance for {@linkcode drawMask}: a rectangle, a disc, or both.
 *
 * @example Instance 200 of the label with bChannel 9, a disc of radius 5
 * ```ts
 * import type { MaskInstance } from "./mask_png.ts";
 *
 * const instance: MaskInstance = { id: 200, bChannel: 9, circle: [10, 10, 5] };
 * ```
 */
export interface MaskInstance {
  /** The instance id, 1 to 255 (the red channel holds it). */
  id: number;
  /** The label's bChannel, 0 to 255 (the blue channel holds it). */
  bChannel: number;
  /** A rectangle `[x0, y0, x1, y1]`: pixels with `x0 <= x < x1` and `y0 <= y < y1`. */
  rect?: readonly [number, number, number, number];
  /** A disc `[cx, cy, r]`: pixels with `(x - cx)² + (y - cy)² <= r²`. */
  circle?: readonly [number, number, number];
}

/**
 * Draws a mask in the platform's convention: a labelled pixel is `(id, id % 255, bChannel, 255)`,
 * the background `(0, 0, 0, 0)`. Later instances paint over earlier ones.
 *
 * @param size The mask's width and height in pixels.
 * @param instances The instances to paint, in order.
 * @returns The RGBA mask.
 * @throws {RangeError} when an id is not 1 to 255 or a bChannel not 0 to 255.
 *
 * @example
 * ```ts
 * import { drawMask } from "./mask_png.ts";
 *
 * const mask = drawMask({ width: 4, height: 3 }, [{ id: 7, bChannel: 2, rect: [0, 0, 2, 1] }]);
 * console.log([...mask.data.subarray(0, 8)]); // [7, 7, 2, 255, 7, 7, 2, 255]
 * ```
 */
export function drawMask(
  size: { width: number; height: number },
  instances: readonly MaskInstance[],
): RgbaImage {
  const { width, height } = size;
  const data = new Uint8Array(width * height * 4);
  for (const { id, bChannel, rect, circle } of instances) {
    if (!isInRange(id, 1, 255)) throw new RangeError(`Instance id ${id} is not from 1 to 255.`);
    if (!isInRange(bChannel, 0, 255)) throw new RangeError(`bChannel ${bChannel} is not 0 to 255.`);
    const colour = [id, id % 255, bChannel, 255];
    // Only the shapes' bounding box is visited, so large masks stay quick to draw.
    const [left, top, right, bottom] = boundsOf(rect, circle);
    for (let y = Math.max(0, top); y < Math.min(height, bottom); y++) {
      for (let x = Math.max(0, left); x < Math.min(width, right); x++) {
        const inRect = rect !== undefined && x >= rect[0] && x < rect[2] && y >= rect[1] &&
          y < rect[3];
        const inCircle = circle !== undefined &&
          (x - circle[0]) ** 2 + (y - circle[1]) ** 2 <= circle[2] ** 2;
        if (inRect || inCircle) data.set(colour, (y * width + x) * 4);
      }
    }
  }
  return { width, height, data };
}

/** The smallest integer box `[left, top, right, bottom)` holding both shapes. */
function boundsOf(rect: MaskInstance["rect"], circle: MaskInstance["circle"]): number[] {
  const boxes = [
    ...(rect ? [rect] : []),
    ...(circle ? [[-1, -1, 1, 1].map((sign, k) => circle[k % 2] + sign * circle[2])] : []),
  ];
  return [0, 1, 2, 3].map((k) => {
    const edges = boxes.map((box) => box[k]);
    return k < 2 ? Math.floor(Math.min(...edges)) : Math.floor(Math.max(...edges)) + 1;
  });
}

function isInRange(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

/**
 * Options of {@linkcode writeMaskPng}: the PNG flavour to write.
 *
 * @example Grey at 16 bits, interlaced, every row with the Paeth filter
 * ```ts
 * import type { MaskPngOptions } from "./mask_png.ts";
 *
 * const options: MaskPngOptions = { colourType: 0, bitDepth: 16, interlace: true, filter: 4 };
 * ```
 */
export interface MaskPngOptions {
  /** 0 grey (from R), 2 RGB, 3 palette (+ tRNS when some alpha is below 255), 4 grey + alpha, 6 RGBA. */
  colourType: 0 | 2 | 3 | 4 | 6;
  /** Bits per sample, as PNG allows for the colour type. Default: 8. */
  bitDepth?: 1 | 2 | 4 | 8 | 16;
  /** Adam7 interlacing. Default: `false`. */
  interlace?: boolean;
  /** The filter type of every row, or `"cycle"` for row `y` to use `y % 5`. Default: 0 (None). */
  filter?: 0 | 1 | 2 | 3 | 4 | "cycle";
  /** Split the zlib stream into IDAT chunks of at most this many bytes. Default: one IDAT. */
  idatChunkSize?: number;
  /** The zlib level, 0 to 9. Default: 6. */
  level?: number;
}

const DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Adam7 passes as `[x0, y0, dx, dy]`. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/**
 * Writes an RGB or RGBA image (told apart by its data length) as a PNG of the given flavour.
 * Grey takes the red channel; grey below 8 bits keeps the top bits of red (`R >> (8 - depth)`);
 * a palette lists the distinct RGBA colours in order of first appearance. Missing alpha is 255.
 * A 16-bit sample is written as `v * 256 + 255`: its high byte is the 8-bit value `v` and a
 * decoder that rounds to 8 bits instead of taking the high byte gets `v + 1` for `v < 127`.
 *
 * @param image The pixels.
 * @param options The PNG flavour.
 * @returns The PNG file's bytes.
 * @throws {RangeError} when the data length fits neither RGB nor RGBA, the bit depth is not
 * allowed for the colour type, or a palette would need more than `2 ** bitDepth` colours.
 *
 * @example A 16-colour palette PNG at 4 bits, interlaced, in many IDAT chunks
 * ```ts
 * import { drawMask, writeMaskPng } from "./mask_png.ts";
 *
 * const mask = drawMask({ width: 9, height: 9 }, [{ id: 3, bChannel: 1, circle: [4, 4, 3] }]);
 * const png = writeMaskPng(mask, { colourType: 3, bitDepth: 4, interlace: true, idatChunkSize: 8 });
 * console.log(png[25]); // 3 (colour type)
 * ```
 */
export function writeMaskPng(image: RgbImage | RgbaImage, options: MaskPngOptions): Uint8Array {
  const { width, height, data } = image;
  const { colourType, bitDepth = 8, interlace = false, filter = 0, level = 6 } = options;
  const channels = data.length === width * height * 4 ? 4 : 3;
  if (data.length !== width * height * channels) {
    throw new RangeError(`Image data of ${data.length} bytes is neither RGB nor RGBA.`);
  }
  if (!DEPTHS[colourType]?.includes(bitDepth)) {
    throw new RangeError(`Bit depth ${bitDepth} is not allowed with colour type ${colourType}.`);
  }
  const rgba = (i: number, c: number) => c < channels ? data[i * channels + c] : 255;
  const palette = colourType === 3 ? paletteOf(width * height, rgba) : undefined;
  if (palette !== undefined && palette.colours.length > 2 ** bitDepth) {
    throw new RangeError(
      `${palette.colours.length} colours do not fit a ${bitDepth}-bit palette.`,
    );
  }
  const samplesOf = (i: number): number[] => {
    if (colourType === 0) return [rgba(i, 0) >> (bitDepth < 8 ? 8 - bitDepth : 0)];
    if (colourType === 2) return [rgba(i, 0), rgba(i, 1), rgba(i, 2)];
    if (colourType === 3) return [palette!.indexOf(i)];
    if (colourType === 4) return [rgba(i, 0), rgba(i, 3)];
    return [rgba(i, 0), rgba(i, 1), rgba(i, 2), rgba(i, 3)];
  };
  const samplesPerPixel = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType];
  const bitsPerPixel = samplesPerPixel * bitDepth;
  const rows: number[] = [];
  let rowNumber = 0;
  for (const [x0, y0, dx, dy] of interlace ? ADAM7 : [[0, 0, 1, 1]]) {
    const passWidth = Math.ceil(Math.max(0, width - x0) / dx);
    let previous = new Array<number>(Math.ceil((passWidth * bitsPerPixel) / 8)).fill(0);
    for (let y = y0; y < height && passWidth > 0; y += dy) {
      const raw = new Array<number>(previous.length).fill(0);
      for (let k = 0, x = x0; x < width; k++, x += dx) {
        samplesOf(y * width + x).forEach((sample, s) => {
          const sampleIndex = k * samplesPerPixel + s;
          if (bitDepth === 16) raw.splice(sampleIndex * 2, 2, sample, 255);
          else if (bitDepth === 8) raw[sampleIndex] = sample;
          else {
            const bit = sampleIndex * bitDepth;
            raw[bit >> 3] |= sample << (8 - bitDepth - (bit & 7));
          }
        });
      }
      const type = filter === "cycle" ? rowNumber % 5 : filter;
      rows.push(type, ...filterRow(type, raw, previous, Math.max(1, bitsPerPixel >> 3)));
      previous = raw;
      rowNumber++;
    }
  }
  const header = [...u32(width), ...u32(height), bitDepth, colourType, 0, 0, interlace ? 1 : 0];
  const compressed = deflateSync(new Uint8Array(rows), { level });
  const chunkSize = options.idatChunkSize ?? Math.max(1, compressed.length);
  const chunks = [chunk("IHDR", header)];
  if (palette !== undefined) {
    chunks.push(chunk("PLTE", palette.colours.flatMap((colour) => colour.slice(0, 3))));
    const alphas = palette.colours.map((colour) => colour[3]);
    while (alphas.length > 0 && alphas[alphas.length - 1] === 255) alphas.pop();
    if (alphas.length > 0) chunks.push(chunk("tRNS", alphas));
  }
  for (let start = 0; start < compressed.length; start += chunkSize) {
    chunks.push(chunk("IDAT", [...compressed.subarray(start, start + chunkSize)]));
  }
  chunks.push(chunk("IEND", []));
  return new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, ...chunks.flat()]);
}

function paletteOf(pixels: number, rgba: (i: number, c: number) => number) {
  const colours: number[][] = [];
  const indexByKey = new Map<string, number>();
  const indices = new Array<number>(pixels);
  for (let i = 0; i < pixels; i++) {
    const colour = [rgba(i, 0), rgba(i, 1), rgba(i, 2), rgba(i, 3)];
    const key = colour.join();
    if (!indexByKey.has(key)) indexByKey.set(key, colours.push(colour) - 1);
    indices[i] = indexByKey.get(key)!;
  }
  return { colours, indexOf: (i: number) => indices[i] };
}

function filterRow(type: number, raw: number[], previous: number[], bpp: number): number[] {
  return raw.map((value, i) => {
    const left = i >= bpp ? raw[i - bpp] : 0;
    const up = previous[i];
    const upLeft = i >= bpp ? previous[i - bpp] : 0;
    const predictors = [0, left, up, Math.floor((left + up) / 2), paeth(left, up, upLeft)];
    return (value - predictors[type] + 256) % 256;
  });
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((v) => Math.abs(estimate - v));
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

function u32(value: number): number[] {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}

function chunk(type: string, data: number[]): number[] {
  const body = [...type].map((letter) => letter.charCodeAt(0)).concat(data);
  return [...u32(data.length), ...body, ...u32(crc(body))];
}

function crc(bytes: number[]): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
