import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { inflateSync } from "node:zlib";
import { decodePng } from "../../lib/png/decode_png.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

/** The chunks of a PNG as `[type, data]`, read by hand so the test does not trust the decoder. */
function chunksOf(png: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: [string, Uint8Array][] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    chunks.push([type, png.subarray(at + 8, at + 8 + length)]);
    at += length + 12;
  }
  return chunks;
}

function inflatedOf(png: Uint8Array): number[] {
  const idat = chunksOf(png).filter(([type]) => type === "IDAT").map(([, data]) => [...data]);
  return [...inflateSync(new Uint8Array(idat.flat()))];
}

Deno.test("drawMask() paints instances in the platform's pixel convention", () => {
  const mask = drawMask({ width: 4, height: 3 }, [
    { id: 255, bChannel: 7, rect: [0, 0, 2, 1] },
    { id: 9, bChannel: 1, circle: [3, 2, 1] },
    { id: 4, bChannel: 2, rect: [3, 2, 4, 3] },
  ]);
  const pixel = (
    x: number,
    y: number,
  ) => [...mask.data.subarray((y * 4 + x) * 4, (y * 4 + x + 1) * 4)];
  assert.deepEqual(pixel(0, 0), [255, 0, 7, 255], "G is id % 255");
  assert.deepEqual(pixel(1, 0), [255, 0, 7, 255]);
  assert.deepEqual(pixel(2, 0), [0, 0, 0, 0], "the rectangle's right edge is exclusive");
  assert.deepEqual(pixel(3, 1), [9, 9, 1, 255], "the disc includes its edge");
  assert.deepEqual(pixel(2, 1), [0, 0, 0, 0], "a corner at distance √2 is outside the disc");
  assert.deepEqual(pixel(3, 2), [4, 4, 2, 255], "a later instance paints over an earlier one");
});

Deno.test("drawMask() clips shapes at the mask's edges", () => {
  const mask = drawMask({ width: 3, height: 3 }, [
    { id: 1, bChannel: 1, circle: [0, 0, 1] },
    { id: 2, bChannel: 2, rect: [2, -5, 9, 9] },
  ]);
  const reds = Array.from({ length: 9 }, (_, i) => mask.data[i * 4]);
  assert.deepEqual(reds, [1, 1, 2, 1, 0, 2, 0, 0, 2]);
});

Deno.test("drawMask() rejects ids and bChannels that do not fit a byte", () => {
  assert.throws(() => drawMask({ width: 1, height: 1 }, [{ id: 0, bChannel: 1 }]), RangeError);
  assert.throws(() => drawMask({ width: 1, height: 1 }, [{ id: 256, bChannel: 1 }]), RangeError);
  assert.throws(() => drawMask({ width: 1, height: 1 }, [{ id: 1, bChannel: 256 }]), RangeError);
});

Deno.test("writeMaskPng() writes the chunks of the flavour asked for", async (t) => {
  const mask = drawMask({ width: 9, height: 5 }, [{ id: 3, bChannel: 2, circle: [4, 2, 2] }]);
  await t.step("a palette with tRNS for a mask with transparent background", () => {
    const chunks = chunksOf(writeMaskPng(mask, { colourType: 3, bitDepth: 2, interlace: true }));
    assert.deepEqual(chunks.map(([type]) => type), ["IHDR", "PLTE", "tRNS", "IDAT", "IEND"]);
    assert.deepEqual([...chunks[0][1].subarray(8)], [2, 3, 0, 0, 1]);
    assert.deepEqual([...chunks[1][1]], [0, 0, 0, 3, 3, 2]);
    assert.deepEqual([...chunks[2][1]], [0]);
  });
  await t.step("a palette without tRNS for opaque pixels", () => {
    const rgb = { width: 2, height: 1, data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    const types = chunksOf(writeMaskPng(rgb, { colourType: 3, bitDepth: 1 })).map(([type]) => type);
    assert.deepEqual(types, ["IHDR", "PLTE", "IDAT", "IEND"]);
  });
  await t.step("IDAT chunks no longer than idatChunkSize", () => {
    const idats = chunksOf(writeMaskPng(mask, { colourType: 6, idatChunkSize: 5 }))
      .filter(([type]) => type === "IDAT");
    assert.ok(idats.length > 3);
    assert.ok(idats.every(([, data]) => data.length <= 5));
  });
});

Deno.test("writeMaskPng() packs samples as documented", async (t) => {
  await t.step("16-bit samples as v * 256 + 255", () => {
    const rgb = { width: 1, height: 1, data: new Uint8Array([100, 0, 7]) };
    const expected = [0, 100, 255, 0, 255, 7, 255];
    assertSameData(inflatedOf(writeMaskPng(rgb, { colourType: 2, bitDepth: 16 })), expected);
  });
  await t.step("1-bit grey from the top bit of R, most significant bit first", () => {
    const reds = [0, 255, 0, 255, 128, 127, 0, 200, 255];
    const rgb = { width: 9, height: 1, data: new Uint8Array(reds.flatMap((r) => [r, 0, 0])) };
    const expected = [0, 0b01011001, 0b10000000];
    assertSameData(inflatedOf(writeMaskPng(rgb, { colourType: 0, bitDepth: 1 })), expected);
  });
  await t.step("rows with the filter type asked for", () => {
    const rgb = { width: 1, height: 5, data: new Uint8Array(15) };
    const filters = inflatedOf(writeMaskPng(rgb, { colourType: 2, filter: "cycle" }))
      .filter((_, i) => i % 4 === 0);
    assert.deepEqual(filters, [0, 1, 2, 3, 4]);
  });
});

Deno.test("writeMaskPng() output decodes to the pixels written", async () => {
  const mask = drawMask({ width: 31, height: 17 }, [
    { id: 200, bChannel: 9, circle: [10, 8, 7] },
    { id: 254, bChannel: 3, rect: [20, 0, 31, 17] },
  ]);
  const png = writeMaskPng(mask, { colourType: 6, interlace: true, filter: "cycle" });
  const rgb = (await decodePng(png)).data;
  for (let i = 0; i < 31 * 17; i++) {
    assert.deepEqual([...rgb.subarray(i * 3, i * 3 + 3)], [
      ...mask.data.subarray(i * 4, i * 4 + 3),
    ]);
  }
});

Deno.test("writeMaskPng() rejects what the flavour cannot hold", () => {
  const mask = drawMask({ width: 4, height: 1 }, [
    { id: 1, bChannel: 1, rect: [1, 0, 2, 1] },
    { id: 2, bChannel: 1, rect: [2, 0, 3, 1] },
  ]);
  assert.throws(
    () => writeMaskPng(mask, { colourType: 3, bitDepth: 1 }),
    errorWith(RangeError, "3 colours"),
  );
  assert.throws(() => writeMaskPng(mask, { colourType: 2, bitDepth: 4 }), RangeError);
  assert.throws(() => writeMaskPng(mask, { colourType: 3, bitDepth: 16 }), RangeError);
  const odd = { width: 2, height: 2, data: new Uint8Array(5) };
  assert.throws(
    () => writeMaskPng(odd, { colourType: 2 }),
    errorWith(RangeError, "neither RGB nor RGBA"),
  );
});
