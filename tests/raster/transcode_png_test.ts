import { deflateSync } from "node:zlib";
import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { PngError } from "../../lib/errors.ts";
import { writePng } from "../../lib/png/_chunks.ts";
import { transcodePng } from "../../lib/raster/transcode_png.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodePng } from "../../lib/png/encode_png.ts";
import { applySemanticMapping } from "../../lib/raster/semantic_mapping.ts";
import { drawMask, type MaskPngOptions, writeMaskPng } from "../../testing/mask_png.ts";

const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);
const MAPPING = new Map<number, [number, number, number]>([[2, [9, 8, 7]], [9, [1, 2, 250]]]);

/** A mask whose instances cover bChannels 2 and 9, drawn for odd sizes too. */
function mask(width: number, height: number) {
  return drawMask({ width, height }, [
    { id: 3, bChannel: 2, circle: [width / 2, height / 2, Math.min(width, height) / 3] },
    { id: 254, bChannel: 9, rect: [0, 0, Math.ceil(width / 4), height] },
    { id: 7, bChannel: 5, rect: [width - 2, 1, width, height] },
  ]);
}

Deno.test("transcodePng() gives decodePng()'s pixels for every fixture, recoloured or not", async (t) => {
  const flavours: { file: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  for (const { file } of flavours) {
    await t.step(file, async () => {
      const png = await Deno.readFile(new URL(file, FLAVOURS));
      const expected = await decodePng(png);
      const plain = await transcodePng(png);
      assertSameData(await decodePng(plain), expected);
      const mapped = await transcodePng(png, { colourByBChannel: MAPPING });
      assert.equal(mapped[25], 2, "colour type");
      assertSameData(await decodePng(mapped), applySemanticMapping(expected, MAPPING));
    });
  }
});

Deno.test("transcodePng() reads RGB and RGBA with every filter and odd widths exactly", async (t) => {
  const filters: MaskPngOptions["filter"][] = [0, 1, 2, 3, 4, "cycle"];
  for (const [width, height] of [[1, 1], [2, 3], [5, 4], [17, 9], [33, 20]]) {
    const noise = {
      width,
      height,
      data: crypto.getRandomValues(new Uint8Array(width * height * 4)),
    };
    for (const [name, image] of [["mask", mask(width, height)], ["noise", noise]] as const) {
      for (const type of [2, 6] as const) {
        await t.step(`${name} ${width}×${height}, colour type ${type}`, async () => {
          const expected = await decodePng(writeMaskPng(image, { colourType: 2, level: 0 }));
          for (const filter of filters) {
            const png = writeMaskPng(image, { colourType: type, filter });
            const plain = await transcodePng(png);
            assertSameData(await decodePng(plain), expected, `filter ${filter}`);
            const mapped = await transcodePng(png, { colourByBChannel: MAPPING });
            assertSameData(await decodePng(mapped), applySemanticMapping(expected, MAPPING));
          }
        });
      }
    }
  }
});

Deno.test("transcodePng() writes a plain 8-bit RGB mask unchanged when nothing is recoloured", async () => {
  const png = writeMaskPng(mask(40, 30), { colourType: 2, filter: "cycle" });
  assert.equal(await transcodePng(png), png);
  assert.notEqual(await transcodePng(png, { colourByBChannel: MAPPING }), png);
});

Deno.test("transcodePng() re-encodes an RGB mask with chunks that change how it is shown", async () => {
  const image = mask(40, 30);
  const rows = scanlinesOf(image);
  const plain = rgbPng(40, 30, rows);
  const withGamma = rgbPng(40, 30, rows, [{
    type: "gAMA",
    data: new Uint8Array([0, 0, 0xb1, 0x8f]),
  }]);
  assert.equal(await transcodePng(plain), plain);
  const written = await transcodePng(withGamma);
  assert.notEqual(written, withGamma);
  assertSameData(await decodePng(written), await decodePng(plain));
});

Deno.test("transcodePng() still checks a mask it would write unchanged", async (t) => {
  const rows = scanlinesOf(mask(40, 30));
  await t.step("a CRC", async () => {
    const corrupt = rgbPng(40, 30, rows);
    corrupt[40] ^= 1;
    await assert.rejects(() => transcodePng(corrupt), errorWith(PngError, "fails its CRC check"));
  });
  await t.step("a truncated zlib stream", async () => {
    const short = rgbPng(40, 30, rows.subarray(0, 12 * 121));
    await assert.rejects(
      () => transcodePng(short),
      errorWith(PngError, "IDAT data ends at row 12 of 30"),
    );
  });
  await t.step("a filter type", async () => {
    const badRows = rows.slice();
    badRows[5 * 121] = 7;
    const bad = rgbPng(40, 30, badRows);
    const message = "the PNG has an invalid filter type 7 on row 5; PNG defines 0 to 4";
    await assert.rejects(() => transcodePng(bad), errorWith(PngError, message));
    await assert.rejects(
      () => transcodePng(bad, { colourByBChannel: MAPPING }),
      errorWith(PngError, message),
    );
  });
});

Deno.test("transcodePng() refuses masks above maxPixels before inflating them", async () => {
  const png = await encodePng({ width: 10, height: 10, data: new Uint8Array(300) });
  await assert.rejects(
    () => transcodePng(png, { maxPixels: 99 }),
    errorWith(PngError, "above the limit"),
  );
});

/** RGB scanlines with filter None, from an RGBA mask. */
function scanlinesOf(image: { width: number; height: number; data: Uint8Array }): Uint8Array {
  const { width, height, data } = image;
  const rows = new Uint8Array(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rows.set(
        data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3),
        y * (width * 3 + 1) + 1 + x * 3,
      );
    }
  }
  return rows;
}

/** An 8-bit RGB PNG around the given scanlines, with extra chunks after IHDR. */
function rgbPng(
  width: number,
  height: number,
  scanlines: Uint8Array,
  extra: { type: string; data: Uint8Array }[] = [],
): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return writePng([
    { type: "IHDR", data: ihdr },
    ...extra,
    { type: "IDAT", data: deflateSync(scanlines) },
    { type: "IEND", data: new Uint8Array() },
  ]);
}

Deno.test("transcodePng() keeps rows that repeat the row above exact across strips, for every filter", async () => {
  // Tall enough for several strips; bands of repeated rows, so most rows repeat the one above.
  const image = drawMask({ width: 700, height: 400 }, [
    { id: 1, bChannel: 4, rect: [0, 0, 700, 90] },
    { id: 2, bChannel: 9, rect: [100, 130, 600, 260] },
    { id: 3, bChannel: 2, circle: [350, 330, 40] },
  ]);
  const expected = await decodePng(writeMaskPng(image, { colourType: 2, level: 0 }));
  for (const type of [2, 6] as const) {
    for (const filter of [0, 2, "cycle"] as const) {
      const plain = await transcodePng(writeMaskPng(image, { colourType: type, filter }));
      assertSameData(await decodePng(plain), expected, `colour type ${type}, filter ${filter}`);
    }
  }
});
