/**
 * A COCO compressed RLE decoder for tests, written from the format's description (pycocotools'
 * maskApi), not from `lib/`: each count is read in 5-bit groups from the lowest, a group
 * `char - 48` with bit 0x20 saying "more follows" and bit 0x10 of the last group being the sign;
 * from the fourth count on, the count two before is added. Runs alternate 0s and 1s from 0s,
 * down the columns.
 *
 * @module
 */

/** A compressed RLE as COCO writes it. */
export interface CompressedRle {
  size: [number, number];
  counts: string;
}

/** The run lengths of a compressed RLE. */
function countsOf(rle: CompressedRle): number[] {
  const counts: number[] = [];
  for (let at = 0; at < rle.counts.length;) {
    let value = 0;
    let shift = 0;
    let group: number;
    do {
      group = rle.counts.charCodeAt(at++) - 48;
      value |= (group & 0x1f) << shift;
      shift += 5;
    } while (group & 0x20);
    if (group & 0x10) value |= -1 << shift;
    if (counts.length > 2) value += counts[counts.length - 2];
    counts.push(value);
  }
  return counts;
}

/** The pixels of a compressed RLE as a row-major mask, 1 inside. */
export function rleMask(rle: CompressedRle): { width: number; height: number; data: Uint8Array } {
  const [height, width] = rle.size;
  const data = new Uint8Array(width * height);
  let position = 0;
  countsOf(rle).forEach((count, i) => {
    for (let k = 0; k < count && i % 2 === 1; k++) {
      const at = position + k;
      data[(at % height) * width + Math.floor(at / height)] = 1;
    }
    position += count;
  });
  return { width, height, data };
}

/** The pixels `x,y` of a compressed RLE. */
export function decodeRle(rle: CompressedRle): Set<string> {
  const { width, data } = rleMask(rle);
  const pixels = new Set<string>();
  data.forEach((inside, p) => inside && pixels.add(`${p % width},${Math.floor(p / width)}`));
  return pixels;
}
