/**
 * The census a mask's conversion counts (each label's B, each instance's first B in raster
 * order) is the one its pixels give, one by one, on every route: rows counted as they are
 * written, and rows counted from the pixel digest's pieces of differences.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { addToCensus, emptyCensus } from "../../lib/png/mask_census.ts";
import { PixelDigest } from "../../lib/png/pixel_digest.ts";
import { transcodeMask } from "../../lib/raster/transcode_png.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { seededRandom } from "../../testing/seeded_random.ts";

/**
 * An RGBA mask of many small instances at random places, each of its own B, some sharing an
 * instance id with another of another B (the first in raster order must win), so that first
 * pixels fall at every offset of the 16-byte pieces.
 */
function instanceMask(width: number, height: number, seed: number) {
  const random = seededRandom(seed);
  const data = new Uint8Array(width * height * 4);
  for (let k = 0; k < 3 + Math.floor(random() * 12); k++) {
    const id = 1 + Math.floor(random() * 6);
    const b = Math.floor(random() * 256);
    const [x0, y0] = [Math.floor(random() * width), Math.floor(random() * height)];
    const [w, h] = [1 + Math.floor(random() * 4), 1 + Math.floor(random() * 3)];
    for (let y = y0; y < Math.min(height, y0 + h); y++) {
      for (let x = x0; x < Math.min(width, x0 + w); x++) {
        data.set([id, Math.floor(random() * 256), b, 255], (y * width + x) * 4);
      }
    }
  }
  return { width, height, data };
}

Deno.test("the census of a converted mask is its pixels', with and without the pixel digest", async (t) => {
  for (const width of [1, 2, 5, 6, 7, 11, 16, 17, 22, 33, 64, 101]) {
    await t.step(`${width} pixels wide`, async () => {
      for (let seed = 1; seed <= 12; seed++) {
        const image = instanceMask(width, 9, width * 100 + seed);
        for (const colourType of [6, 2] as const) {
          for (const filter of [0, 1, 2, 4, "cycle"] as const) {
            const png = writeMaskPng(image, { colourType, filter });
            const expected = emptyCensus();
            addToCensus(expected, (await decodePng(png)).data);
            const where = `seed ${seed}, colour type ${colourType}, filter ${filter}`;
            for (const hashed of [false, true]) {
              const digest = hashed
                ? (size: { width: number; height: number }) =>
                  new PixelDigest({ ...size, layout: "rgb8" })
                : undefined;
              // A 1×1 recolouring forces the transcode route for RGB masks too.
              for (const mapping of [undefined, new Map([[255, [1, 2, 3]]])] as const) {
                const { census } = await transcodeMask(png, {
                  census: true,
                  digest,
                  colourByBChannel: mapping as Map<number, [number, number, number]> | undefined,
                });
                assert.deepEqual(
                  census,
                  expected,
                  `${where}, digest ${hashed}, mapped ${!!mapping}`,
                );
              }
            }
          }
        }
      }
    });
  }
});
