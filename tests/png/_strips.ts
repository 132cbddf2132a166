/**
 * Joins the strips a strip reader hands over into one image, checking on the way that they come
 * top to bottom, without gaps, none larger than asked, each of whole RGB rows.
 *
 * @module
 */

import assert from "../_std/assert.ts";
import type { CheckedPng } from "../../lib/png/inflate_png.ts";
import type { RgbRows } from "../../lib/png/png_rows.ts";

/** The joined pixels, how many strips they came in, and what the reader returned. */
export interface JoinedStrips<T> {
  data: Uint8Array;
  strips: number;
  result: T;
}

/**
 * Reads all of a PNG's rows with `read` and joins them.
 *
 * @param png The checked PNG.
 * @param read Runs a strip reader with the given callback.
 * @param stripRows The largest strip allowed, if any.
 * @returns The pixels, the strip count and what `read` returned.
 */
export function joinedStrips<T>(
  png: CheckedPng,
  read: (onRows: (rows: RgbRows) => void) => T,
  stripRows?: number,
): JoinedStrips<T> {
  const { width, height } = png.header;
  const data = new Uint8Array(width * height * 3);
  let next = 0;
  let strips = 0;
  const result = read((rows) => {
    assert.equal(rows.first, next, "strips come in order, without gaps");
    if (stripRows !== undefined) assert.ok(rows.count <= stripRows);
    assert.equal(rows.data.length, rows.count * width * 3);
    data.set(rows.data, rows.first * width * 3);
    next += rows.count;
    strips++;
  });
  assert.equal(next, height, "every row is handed over");
  return { data, strips, result };
}
