import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import {
  drawMask,
  type MaskPngOptions,
  type RgbaImage,
  writeMaskPng,
} from "../../testing/mask_png.ts";

const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);

interface Flavour {
  file: string;
  expected: string;
  width: number;
  height: number;
}

/** Compares pixel buffers, naming the first differing pixel instead of dumping both arrays. */
function assertSamePixels(actual: Uint8Array, expected: Uint8Array, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: data length`);
  const at = actual.findIndex((value, i) => value !== expected[i]);
  if (at === -1) return;
  const pixel = Math.floor(at / 3);
  assert.fail(
    `${label}: pixel ${pixel} is [${actual.subarray(pixel * 3, pixel * 3 + 3)}], expected [${
      expected.subarray(pixel * 3, pixel * 3 + 3)
    }]`,
  );
}

Deno.test("decodePng() reads every independent fixture to exactly the reference pixels", async (t) => {
  const flavours: Flavour[] = JSON.parse(await Deno.readTextFile(new URL("index.json", FLAVOURS)));
  assert.ok(flavours.length >= 15);
  for (const flavour of flavours) {
    await t.step(`${flavour.file} matches ${flavour.expected}`, async () => {
      const image = await decodePng(await Deno.readFile(new URL(flavour.file, FLAVOURS)));
      assert.equal(image.width, flavour.width);
      assert.equal(image.height, flavour.height);
      assertSamePixels(
        image.data,
        await Deno.readFile(new URL(flavour.expected, FLAVOURS)),
        flavour.file,
      );
    });
  }
});

/** A seeded generator (mulberry32) so every run draws the same "random" pixels. */
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    bytes[i] = ((z ^ (z >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** The test's own statement of OpenCV's `IMREAD_COLOR` for what `writeMaskPng` stores. */
function referenceRgb(image: RgbaImage, options: MaskPngOptions): Uint8Array {
  const pixels = image.width * image.height;
  const rgb = new Uint8Array(pixels * 3);
  const depth = options.bitDepth ?? 8;
  for (let i = 0; i < pixels; i++) {
    const [r, g, b] = image.data.subarray(i * 4, i * 4 + 3);
    if (options.colourType === 0 || options.colourType === 4) {
      const grey = depth < 8 ? ((r >> (8 - depth)) * 255) / (2 ** depth - 1) : r;
      rgb.set([grey, grey, grey], i * 3);
    } else {
      rgb.set([r, g, b], i * 3);
    }
  }
  return rgb;
}

/** A mask with at most `colours` distinct RGBA values (background included), for palettes. */
function maskWithColours(size: { width: number; height: number }, colours: number): RgbaImage {
  const instances = [
    { id: 200, bChannel: 9, circle: [6, 5, 4] as const },
    { id: 254, bChannel: 3, rect: [0, 0, 4, 3] as const },
    { id: 1, bChannel: 1, rect: [8, 7, 13, 11] as const },
    ...Array.from({ length: 12 }, (_, k) => ({
      id: 10 + k,
      bChannel: k,
      rect: [k, 10, k + 1, 11] as const,
    })),
  ];
  return drawMask(size, instances.slice(0, colours - 1));
}

const COLOUR_TYPES_AND_DEPTHS: [MaskPngOptions["colourType"], MaskPngOptions["bitDepth"]][] = [
  [0, 1],
  [0, 2],
  [0, 4],
  [0, 8],
  [0, 16],
  [2, 8],
  [2, 16],
  [3, 1],
  [3, 2],
  [3, 4],
  [3, 8],
  [4, 8],
  [4, 16],
  [6, 8],
  [6, 16],
];
const SIZES = [{ width: 1, height: 1 }, { width: 5, height: 3 }, { width: 13, height: 11 }];
const FILTERS: MaskPngOptions["filter"][] = [0, 1, 2, 3, 4, "cycle"];

Deno.test("decodePng() reads every colour type, bit depth, interlace and filter", async (t) => {
  for (const [colourType, bitDepth] of COLOUR_TYPES_AND_DEPTHS) {
    await t.step(`colour type ${colourType} at ${bitDepth} bits`, async () => {
      for (const size of SIZES) {
        for (const interlace of [false, true]) {
          for (const filter of FILTERS) {
            const seed = size.width * 1000 + colourType * 100 + (bitDepth ?? 8);
            const image = colourType === 3
              ? maskWithColours(size, 2 ** Math.min(bitDepth ?? 8, 4))
              : { ...size, data: randomBytes(size.width * size.height * 4, seed) };
            const options = { colourType, bitDepth, interlace, filter, idatChunkSize: 9 };
            const decoded = await decodePng(writeMaskPng(image, options));
            assert.equal(decoded.width, size.width);
            assert.equal(decoded.height, size.height);
            const label = `${size.width}×${size.height} interlace=${interlace} filter=${filter}`;
            assertSamePixels(decoded.data, referenceRgb(image, options), label);
          }
        }
      }
    });
  }
});

Deno.test("decodePng() reads RGB input written without alpha as the same RGB", async () => {
  const data = randomBytes(7 * 4 * 3, 42);
  const png = writeMaskPng({ width: 7, height: 4, data }, { colourType: 6, filter: 4 });
  assertSameData((await decodePng(png)).data, data);
});

Deno.test("decodePng() keeps the high byte of 16-bit samples instead of rounding", async () => {
  // writeMaskPng stores v as v * 256 + 255: rounding would give 101 for 100.
  const data = new Uint8Array([100, 0, 126]);
  const png = writeMaskPng({ width: 1, height: 1, data }, { colourType: 2, bitDepth: 16 });
  assertSameData((await decodePng(png)).data, data);
});

Deno.test("decodePng() drops alpha without compositing it over black", async () => {
  const data = new Uint8Array([10, 20, 30, 0, 40, 50, 60, 128]);
  const png = writeMaskPng({ width: 2, height: 1, data }, { colourType: 6 });
  assert.deepEqual([...(await decodePng(png)).data], [10, 20, 30, 40, 50, 60]);
});

Deno.test("decodePng() accepts an image exactly at the pixel limit", async () => {
  const png = writeMaskPng({ width: 10, height: 10, data: new Uint8Array(300) }, {
    colourType: 2,
  });
  assert.equal((await decodePng(png, { maxPixels: 100 })).width, 10);
});
