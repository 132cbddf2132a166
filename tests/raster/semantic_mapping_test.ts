import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { ConfigError } from "../../lib/errors.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { applySemanticMapping } from "../../lib/raster/semantic_mapping.ts";

type Colour = readonly [number, number, number];

function imageOf(pixels: Colour[]): RgbImage {
  return { width: pixels.length, height: 1, data: new Uint8Array(pixels.flat()) };
}

function pixelsOf(image: RgbImage): number[][] {
  return Array.from({ length: image.width * image.height }, (_, i) => [
    ...image.data.subarray(i * 3, i * 3 + 3),
  ]);
}

Deno.test("applySemanticMapping() recolours labelled pixels by their bChannel", () => {
  const mask = imageOf([[1, 1, 3], [200, 200, 3], [7, 7, 5], [0, 0, 0]]);
  const mapped = applySemanticMapping(mask, new Map([[3, [255, 0, 0] as Colour]]));
  assert.deepEqual(pixelsOf(mapped), [[255, 0, 0], [255, 0, 0], [7, 7, 5], [0, 0, 0]]);
});

Deno.test("applySemanticMapping() judges every rule on the original pixel", () => {
  // Label 3 becomes a colour whose B is 4, label 4's bChannel: the SDK would remap it again.
  const mask = imageOf([[1, 1, 3], [2, 2, 4]]);
  const mapping = new Map<number, Colour>([[3, [10, 20, 4]], [4, [30, 40, 3]]]);
  assert.deepEqual(pixelsOf(applySemanticMapping(mask, mapping)), [[10, 20, 4], [30, 40, 3]]);
});

Deno.test("applySemanticMapping() leaves pixels with R = 0 and unmapped bChannels untouched", () => {
  const mask = imageOf([[0, 0, 3], [0, 9, 3], [5, 5, 9], [254, 254, 2]]);
  const mapped = applySemanticMapping(mask, new Map([[3, [1, 2, 3] as Colour]]));
  assert.deepEqual(pixelsOf(mapped), pixelsOf(mask));
});

Deno.test("applySemanticMapping() returns a new image and leaves its input alone", () => {
  const mask = imageOf([[1, 1, 3]]);
  const before = mask.data.slice();
  const mapped = applySemanticMapping(mask, new Map([[3, [9, 9, 9] as Colour]]));
  assert.notEqual(mapped.data, mask.data);
  assertSameData(mask.data, before);
  assertSameData(applySemanticMapping(mask, new Map()).data, before);
});

Deno.test("applySemanticMapping() ignores bChannel 0, as the SDK does", () => {
  const mask = imageOf([[4, 4, 0]]);
  const mapped = applySemanticMapping(mask, new Map([[0, [9, 9, 9] as Colour]]));
  assert.deepEqual(pixelsOf(mapped), [[4, 4, 0]]);
});

Deno.test("applySemanticMapping() rejects bChannels and colours outside 0 to 255", async (t) => {
  const mask = imageOf([[1, 1, 1]]);
  await t.step("a bChannel of 256", () => {
    assert.throws(
      () => applySemanticMapping(mask, new Map([[256, [0, 0, 0] as Colour]])),
      errorWith(ConfigError, "bChannel 256"),
    );
  });
  await t.step("a colour component of 300", () => {
    assert.throws(
      () => applySemanticMapping(mask, new Map([[1, [300, 0, 0] as Colour]])),
      errorWith(ConfigError, "[300,0,0]"),
    );
  });
  await t.step("a colour with two components", () => {
    const short = [1, 2] as unknown as Colour;
    assert.throws(() => applySemanticMapping(mask, new Map([[1, short]])), ConfigError);
  });
});
