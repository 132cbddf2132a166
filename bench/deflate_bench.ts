/**
 * `deno bench -A --config bench/deno.json bench/`: the zlib level and scanline filter of written
 * masks, chosen by measuring time against size on a 1920×1080 mask. Each bench's name carries the
 * size it produces; the encoder's default (Up, level 2) is the baseline. OpenCV's default, the
 * SDK's files, is Sub at level 1 with the RLE strategy.
 *
 * @module
 */

import { constants, deflateSync } from "node:zlib";
import { filterScanlines } from "../lib/png/_filter.ts";
import { decodePng } from "../lib/png/decode_png.ts";
import { decodeDataUri } from "../lib/raster/mask_data_uri.ts";
import { maskPool } from "./_mask_pool.ts";

const [mask] = await maskPool({ count: 1 });
const image = await decodePng(decodeDataUri(mask.uri));
const options = { rowBytes: image.width * 3, bytesPerPixel: 3 };

for (const filter of ["up", "sub", "none"] as const) {
  const lines = filterScanlines(image.data, { ...options, filter });
  for (const level of [1, 2, 3, 6, 9]) {
    for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_RLE]) {
      const settings = { level, strategy };
      const size = deflateSync(lines, settings).length;
      const rle = strategy === constants.Z_RLE ? " RLE" : "";
      Deno.bench(`${filter} level ${level}${rle}: ${(size / 1024).toFixed(1)} KB`, {
        group: filter,
        baseline: filter === "up" && level === 2 && rle === "",
      }, () => {
        deflateSync(lines, settings);
      });
    }
  }
}
