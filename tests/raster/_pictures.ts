/**
 * Small images as text, for the shape tests.
 *
 * @module
 */
import type { RgbImage } from "../../lib/png/rgb_image.ts";

/** The image as rows of characters: `.` for background, else the instance id (R) in base 36. */
export function picture(image: RgbImage): string[] {
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = "";
    for (let x = 0; x < image.width; x++) {
      const r = image.data[(y * image.width + x) * 3];
      row += r === 0 ? "." : r.toString(36);
    }
    rows.push(row);
  }
  return rows;
}

/** The distinct pixel colours of an image, as `r,g,b` strings, sorted. */
export function colours(image: RgbImage): string[] {
  const found = new Set<string>();
  for (let i = 0; i < image.data.length; i += 3) found.add(image.data.subarray(i, i + 3).join());
  return [...found].sort();
}
