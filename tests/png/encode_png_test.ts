import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { PngError } from "../../lib/errors.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodePng, type EncodePngOptions } from "../../lib/png/encode_png.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { drawMask } from "../../testing/mask_png.ts";

function randomImage(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  crypto.getRandomValues(data);
  return { width, height, data };
}

function rgbOf(mask: { width: number; height: number; data: Uint8Array }): RgbImage {
  const data = new Uint8Array(mask.width * mask.height * 3);
  for (let i = 0; i < mask.width * mask.height; i++) {
    data.set(mask.data.subarray(i * 4, i * 4 + 3), i * 3);
  }
  return { width: mask.width, height: mask.height, data };
}

const FILTERS: EncodePngOptions["filter"][] = [
  "none",
  "sub",
  "up",
  "average",
  "paeth",
  "adaptive",
];

Deno.test("encodePng() round-trips random images through decodePng() with every filter", async (t) => {
  for (const filter of FILTERS) {
    await t.step(`filter ${filter}`, async () => {
      for (const [width, height] of [[1, 1], [2, 7], [97, 61], [300, 3]]) {
        const image = randomImage(width, height);
        const decoded = await decodePng(await encodePng(image, { filter }));
        assertSameData(decoded, image);
      }
    });
  }
});

Deno.test("encodePng() round-trips a mask at every zlib level", async () => {
  const mask = rgbOf(drawMask({ width: 64, height: 48 }, [
    { id: 3, bChannel: 2, circle: [30, 20, 15] },
    { id: 254, bChannel: 9, rect: [0, 0, 10, 48] },
  ]));
  const sizes = [];
  for (let level = 0; level <= 9; level++) {
    const png = await encodePng(mask, { level });
    sizes.push(png.length);
    assertSameData(await decodePng(png), mask);
  }
  assert.ok(sizes[9] < sizes[0], "level 9 is smaller than stored");
});

Deno.test("encodePng() writes an 8-bit RGB, non-interlaced PNG", async () => {
  const png = await encodePng(randomImage(5, 4));
  const text = new TextDecoder().decode(png);
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.equal(text.slice(12, 16), "IHDR");
  assert.deepEqual([...png.subarray(16, 29)], [0, 0, 0, 5, 0, 0, 0, 4, 8, 2, 0, 0, 0]);
  assert.equal(text.slice(-8, -4), "IEND");
});

Deno.test("encodePng() rejects bad images and options", async (t) => {
  await t.step("data of the wrong length", async () => {
    await assert.rejects(
      () => encodePng({ width: 2, height: 2, data: new Uint8Array(11) }),
      errorWith(PngError, "the image data holds 11 bytes; a 2×2 RGB image needs 12"),
    );
  });
  await t.step("a zero size", async () => {
    await assert.rejects(
      () => encodePng({ width: 0, height: 2, data: new Uint8Array() }),
      errorWith(PngError, "width is 0"),
    );
  });
  await t.step("a level outside 0 to 9", async () => {
    await assert.rejects(() => encodePng(randomImage(1, 1), { level: 10 }), RangeError);
  });
  await t.step("an unknown filter", async () => {
    const filter = "best" as EncodePngOptions["filter"];
    await assert.rejects(
      () => encodePng(randomImage(1, 1), { filter }),
      errorWith(RangeError, '"best"'),
    );
  });
});
