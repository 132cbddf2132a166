import assert from "../_std/assert.ts";
import { deflateSync } from "node:zlib";
import { PngError } from "../../lib/errors.ts";
import { PNG_SIGNATURE, writeChunk } from "../../lib/png/_chunks.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodePng } from "../../lib/png/encode_png.ts";

interface Header {
  width: number;
  height: number;
  bitDepth?: number;
  colourType?: number;
  interlace?: number;
}

function ihdr({ width, height, bitDepth = 8, colourType = 2, interlace = 0 }: Header): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([bitDepth, colourType, 0, 0, interlace], 8);
  return data;
}

/** A PNG with valid CRCs around whatever chunks a test needs, IEND appended unless told not to. */
function pngOf(chunks: [string, Uint8Array][], options: { iend?: boolean } = {}): Uint8Array {
  const all = [...chunks, ...(options.iend === false ? [] : [["IEND", new Uint8Array()] as const])];
  const parts = [PNG_SIGNATURE, ...all.map(([type, data]) => writeChunk(type, data))];
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (bytes.set(part, offset), offset + part.length), 0);
  return bytes;
}

/** Unfiltered scanlines (filter byte 0) of an RGB image, `rows` rows of `width` grey pixels. */
function scanlines(width: number, rows: number, rowBytes = width * 3): Uint8Array {
  return new Uint8Array((rowBytes + 1) * rows).fill(7).map((v, i) => i % (rowBytes + 1) ? v : 0);
}

async function assertPngError(bytes: Uint8Array, message: RegExp, maxPixels?: number) {
  await assert.rejects(() => decodePng(bytes, { maxPixels }), (error: unknown) => {
    assert.ok(error instanceof PngError, `expected a PngError, got ${error}`);
    assert.match(error.message, message);
    assert.match(error.message, /^[a-z]/, "the message is a lower-case clause");
    return true;
  });
}

const GOOD = await encodePng({ width: 97, height: 61, data: new Uint8Array(97 * 61 * 3).fill(9) });

Deno.test("decodePng() rejects data without the PNG signature", async () => {
  await assertPngError(new Uint8Array([1, 2, 3]), /signature is missing/);
  const wrong = GOOD.slice();
  wrong[1] = 0;
  await assertPngError(wrong, /signature is missing/);
});

Deno.test("decodePng() rejects a chunk whose CRC does not match", async () => {
  const corrupt = GOOD.slice();
  corrupt[8 + 25 + 10] ^= 0x01; // a byte of the IDAT data, right after IHDR
  await assertPngError(corrupt, /chunk "IDAT" at byte 33 fails its CRC check/);
});

Deno.test("decodePng() rejects a file cut short", async () => {
  await assertPngError(GOOD.subarray(0, GOOD.length >> 1), /^the PNG is truncated: chunk "IDAT"/);
  await assertPngError(GOOD.subarray(0, GOOD.length - 5), /^the PNG is truncated: 7 stray bytes/);
});

Deno.test("decodePng() says at which row the image data ends", async (t) => {
  const header: [string, Uint8Array] = ["IHDR", ihdr({ width: 97, height: 61 })];
  await t.step("when the zlib stream is complete but short", async () => {
    const short = deflateSync(scanlines(97, 12.5));
    await assertPngError(
      pngOf([header, ["IDAT", short]]),
      /^the PNG is truncated: IDAT data ends at row 12 of 61$/,
    );
  });
  await t.step("when the zlib stream itself is cut", async () => {
    const full = deflateSync(scanlines(97, 61));
    await assertPngError(
      pngOf([header, ["IDAT", full.subarray(0, full.length - 6)]]),
      /^the PNG is truncated: IDAT data ends at row \d+ of 61$/,
    );
  });
  await t.step("when an interlaced image stops in a pass", async () => {
    const interlaced = ihdr({ width: 16, height: 16, interlace: 1 });
    await assertPngError(
      pngOf([["IHDR", interlaced], ["IDAT", deflateSync(new Uint8Array(30))]]),
      /^the PNG is truncated: IDAT data ends in Adam7 pass 3 of 7$/,
    );
  });
  await t.step("and refuses more data than the pixels need", async () => {
    await assertPngError(
      pngOf([header, ["IDAT", deflateSync(scanlines(97, 62))]]),
      /more image data than its 97×61 pixels need/,
    );
  });
});

Deno.test("decodePng() rejects a PNG without IEND, IDAT or IHDR first", async () => {
  await assertPngError(GOOD.subarray(0, GOOD.length - 12), /no IEND chunk/);
  await assertPngError(pngOf([["IHDR", ihdr({ width: 1, height: 1 })]]), /no IDAT chunk/);
  const idat: [string, Uint8Array] = ["IDAT", deflateSync(scanlines(1, 1))];
  await assertPngError(pngOf([idat]), /starts with chunk "IDAT" instead of IHDR/);
  await assertPngError(PNG_SIGNATURE, /no chunks/);
});

Deno.test("decodePng() rejects an invalid header", async (t) => {
  const cases: [string, Header, RegExp][] = [
    ["zero width", { width: 0, height: 5 }, /width is 0; it must be from 1/],
    ["zero height", { width: 5, height: 0 }, /height is 0/],
    ["colour type 5", { width: 1, height: 1, colourType: 5 }, /colour type 5; PNG allows 0, 2/],
    [
      "palette at 16 bits",
      { width: 1, height: 1, bitDepth: 16, colourType: 3 },
      /bit depth 16 with colour type 3 \(palette\); PNG allows 1, 2, 4, 8 for it/,
    ],
    ["RGB at 4 bits", { width: 1, height: 1, bitDepth: 4, colourType: 2 }, /bit depth 4 with/],
    ["grey at 3 bits", { width: 1, height: 1, bitDepth: 3, colourType: 0 }, /bit depth 3 with/],
    ["interlace method 2", { width: 1, height: 1, interlace: 2 }, /interlace method 2/],
  ];
  for (const [name, header, message] of cases) {
    await t.step(name, async () => {
      const idat = deflateSync(scanlines(1, 1));
      await assertPngError(pngOf([["IHDR", ihdr(header)], ["IDAT", idat]]), message);
    });
  }
  await t.step("compression method 1", async () => {
    const header = ihdr({ width: 1, height: 1 });
    header[10] = 1;
    await assertPngError(pngOf([["IHDR", header]]), /compression method 1/);
  });
});

Deno.test("decodePng() refuses a huge header before allocating anything", async () => {
  // 10^10 pixels would need 30 GB: the header alone must be refused.
  const bomb = pngOf([["IHDR", ihdr({ width: 100000, height: 100000 })], [
    "IDAT",
    new Uint8Array(10),
  ]]);
  await assertPngError(
    bomb,
    /^the PNG is 100000×100000 \(10000000000 pixels\), above the limit of 100000000 pixels/,
  );
  const small = await encodePng({ width: 10, height: 10, data: new Uint8Array(300) });
  await assertPngError(small, /10×10 \(100 pixels\), above the limit of 99 pixels/, 99);
  await assert.rejects(() => decodePng(small, { maxPixels: 0 }), RangeError);
});

Deno.test("decodePng() rejects a row with an unknown filter type", async () => {
  const rows = scanlines(2, 3);
  rows[7] = 5; // the second row's filter byte
  const png = pngOf([["IHDR", ihdr({ width: 2, height: 3 })], ["IDAT", deflateSync(rows)]]);
  await assertPngError(png, /^the PNG has an invalid filter type 5 on row 1; PNG defines 0 to 4$/);
});

Deno.test("decodePng() rejects palette problems", async (t) => {
  const header = ihdr({ width: 3, height: 1, colourType: 3 });
  const idat = deflateSync(new Uint8Array([0, 0, 1, 5]));
  await t.step("an index beyond the palette", async () => {
    const palette = new Uint8Array([1, 2, 3, 4, 5, 6]);
    await assertPngError(
      pngOf([["IHDR", header], ["PLTE", palette], ["IDAT", idat]]),
      /palette index 5 but its palette has only 2 colours/,
    );
  });
  await t.step("no PLTE chunk", async () => {
    await assertPngError(pngOf([["IHDR", header], ["IDAT", idat]]), /no PLTE chunk/);
  });
  await t.step("a PLTE chunk of a wrong length", async () => {
    const png = pngOf([["IHDR", header], ["PLTE", new Uint8Array(4)], ["IDAT", idat]]);
    await assertPngError(png, /PLTE chunk holds 4 bytes/);
  });
});

Deno.test("decodePng() rejects a broken chunk layout or zlib stream", async (t) => {
  const header: [string, Uint8Array] = ["IHDR", ihdr({ width: 1, height: 1 })];
  const idat: [string, Uint8Array] = ["IDAT", deflateSync(scanlines(1, 1))];
  await t.step("an unknown critical chunk", async () => {
    await assertPngError(
      pngOf([header, ["ABCD", new Uint8Array()], idat]),
      /critical chunk "ABCD"/,
    );
  });
  await t.step("IDAT chunks that are not consecutive", async () => {
    const text: [string, Uint8Array] = ["tEXt", new Uint8Array([65, 0, 66])];
    await assertPngError(pngOf([header, idat, text, idat]), /IDAT chunks are not consecutive/);
  });
  await t.step("corrupt zlib data", async () => {
    await assertPngError(
      pngOf([header, ["IDAT", new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff])]]),
      /image data is not valid zlib data/,
    );
  });
});

Deno.test("decodePng() ignores unknown ancillary chunks and data after IEND", async () => {
  const png = pngOf([
    ["IHDR", ihdr({ width: 1, height: 1 })],
    ["tEXt", new Uint8Array([65, 0, 66])],
    ["IDAT", deflateSync(new Uint8Array([0, 1, 2, 3]))],
  ]);
  const image = await decodePng(new Uint8Array([...png, 1, 2, 3]));
  assert.deepEqual([...image.data], [1, 2, 3]);
});
