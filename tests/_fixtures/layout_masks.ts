/**
 * Masks with the shapes that break layouts (panoptic, polygons), in the platform's convention
 * (R instance, G = R % 255, B the label's bChannel; car 1, person 2, road 3 of `SAMPLE_LABELS`):
 * several instances per class, two touching instances, a ring (a hole), one-pixel lines, an
 * instance in two parts, a person sharing a car's instance id, two touching road instances, an
 * unknown bChannel (9) and a labelled pixel with B = 0.
 *
 * @module
 */
import type { RgbImage } from "../../lib/png/rgb_image.ts";

/** Paints pixels of one instance into an RGB image. */
function painter(image: RgbImage) {
  return (x: number, y: number, r: number, b: number) => {
    image.data.set([r, r % 255, b], (y * image.width + x) * 3);
  };
}

/** Fills the box `[left, top, right, bottom)` with instance `r` of bChannel `b`. */
function fill(image: RgbImage, box: number[], r: number, b: number): void {
  const paint = painter(image);
  for (let y = box[1]; y < box[3]; y++) for (let x = box[0]; x < box[2]; x++) paint(x, y, r, b);
}

/** The hard shapes, on a 48×36 mask. */
export function layoutMask(): RgbImage {
  const image = { width: 48, height: 36, data: new Uint8Array(48 * 36 * 3) };
  const paint = painter(image);
  // Cars 1 and 2 touch along a column.
  fill(image, [2, 2, 10, 10], 1, 1);
  fill(image, [10, 2, 16, 12], 2, 1);
  // Car 3: a ring (a disc less a disc).
  for (let y = 0; y < 36; y++) {
    for (let x = 0; x < 48; x++) {
      const d = (x - 27) ** 2 + (y - 8) ** 2;
      if (d <= 36 && d > 6) paint(x, y, 3, 1);
    }
  }
  // Car 4: one-pixel lines, a horizontal one and a diagonal one (touching by corners only).
  for (let x = 2; x < 22; x++) paint(x, 15, 4, 1);
  for (let k = 0; k < 10; k++) paint(2 + k, 17 + k, 4, 1);
  // Car 5: two parts; person 1 shares car 1's id and has a hole.
  fill(image, [36, 14, 40, 18], 5, 1);
  fill(image, [42, 20, 46, 25], 5, 1);
  fill(image, [20, 18, 30, 27], 1, 2);
  fill(image, [23, 21, 26, 23], 0, 0);
  // Two road instances side by side; an unknown bChannel; R >= 1 with B = 0.
  fill(image, [0, 30, 24, 36], 10, 3);
  fill(image, [24, 30, 48, 36], 11, 3);
  fill(image, [36, 0, 40, 3], 7, 9);
  paint(47, 0, 8, 0);
  return image;
}

/** A second mask: one big instance whose outline is irregular, and a vertical one-pixel line. */
export function blobMask(): RgbImage {
  const image = { width: 40, height: 32, data: new Uint8Array(40 * 32 * 3) };
  const paint = painter(image);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 30; x++) {
      const r = 9 + 4 * Math.sin(x / 3) + 3 * Math.cos(y / 2);
      if ((x - 15) ** 2 + (y - 16) ** 2 <= r * r) paint(x, y, 1, 2);
    }
  }
  for (let y = 3; y < 29; y++) paint(35, y, 2, 1);
  return image;
}
