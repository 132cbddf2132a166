import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { PngError } from "../../lib/errors.ts";
import { PngRowEncoder, type PngRowEncoderOptions } from "../../lib/png/png_row_encoder.ts";
import { decodePng } from "../../lib/png/decode_png.ts";

const WIDTH = 301;
const HEIGHT = 257;

/** Flat regions with noisy edges, as masks are: enough bytes for many of zlib's blocks. */
function samples(rowBytes: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(rowBytes * HEIGHT);
  let state = seed;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < rowBytes; x++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const region = Math.floor(x / 37) + Math.floor(y / 29);
      bytes[y * rowBytes + x] = state % 17 === 0 ? state >>> 24 : region * 13;
    }
  }
  return bytes;
}

function encodeInStrips(
  options: PngRowEncoderOptions,
  bytes: Uint8Array,
  rows: number[],
): Uint8Array {
  using encoder = new PngRowEncoder(options);
  const rowBytes = bytes.length / options.height;
  let y = 0;
  for (let i = 0; y < options.height; i++) {
    const count = Math.min(rows[i % rows.length], options.height - y);
    encoder.writeRows(bytes.subarray(y * rowBytes, (y + count) * rowBytes));
    y += count;
  }
  return encoder.end();
}

const FLAVOURS: [string, Omit<PngRowEncoderOptions, "level">, number][] = [
  ["8-bit grey", { width: WIDTH, height: HEIGHT, bitDepth: 8, colourType: 0 }, 1],
  ["16-bit grey", { width: WIDTH, height: HEIGHT, bitDepth: 16, colourType: 0 }, 2],
  ["8-bit RGB", { width: WIDTH, height: HEIGHT, bitDepth: 8, colourType: 2 }, 3],
];

Deno.test("PngRowEncoder writes the same bytes however the rows are cut into strips, and they decode to the rows", async (t) => {
  for (const [name, flavour, bytesPerPixel] of FLAVOURS) {
    for (const level of [1, 2, 6]) {
      await t.step(`${name} at level ${level}`, async () => {
        const options = { ...flavour, level };
        const bytes = samples(WIDTH * bytesPerPixel, level);
        const whole = encodeInStrips(options, bytes, [HEIGHT]);
        for (const rows of [[1], [7], [64, 3, 1]]) {
          assertSameData(encodeInStrips(options, bytes, rows), whole, `strips of ${rows}`);
        }
        const image = await decodePng(whole);
        for (let p = 0; p < WIDTH * HEIGHT; p++) {
          // Grey is replicated, 16-bit keeps its high byte (the first).
          const expected = bytesPerPixel === 3
            ? [...bytes.subarray(p * 3, p * 3 + 3)]
            : Array(3).fill(bytes[p * bytesPerPixel]);
          assert.deepEqual([...image.data.subarray(p * 3, p * 3 + 3)], expected, `pixel ${p}`);
        }
      });
    }
  }
});

Deno.test("PngRowEncoder writes a palette image, and zero rows as if they were given", async () => {
  const palette = new Uint8Array([0, 0, 0, 250, 10, 20]);
  const options: PngRowEncoderOptions = {
    width: WIDTH,
    height: HEIGHT,
    bitDepth: 8,
    colourType: 3,
    palette,
    level: 6,
  };
  const indices = new Uint8Array(WIDTH * HEIGHT);
  indices.fill(1, 200 * WIDTH + 5);
  using encoder = new PngRowEncoder(options);
  encoder.writeZeroRows(200);
  encoder.writeRows(indices.subarray(200 * WIDTH));
  const png = encoder.end();
  assertSameData(png, encodeInStrips(options, indices, [HEIGHT]));
  const image = await decodePng(png);
  assert.deepEqual([...image.data.subarray(0, 3)], [0, 0, 0]);
  assert.deepEqual([...image.data.subarray(-3)], [250, 10, 20]);
});

Deno.test("PngRowEncoder refuses rows beyond the image, bytes that are not whole rows, and an image ended early", () => {
  const options: PngRowEncoderOptions = {
    width: 3,
    height: 2,
    bitDepth: 8,
    colourType: 0,
    level: 6,
  };
  using encoder = new PngRowEncoder(options);
  assert.throws(
    () => encoder.writeRows(new Uint8Array(4)),
    errorWith(PngError, "not whole rows of 3 bytes"),
  );
  assert.throws(
    () => encoder.writeRows(new Uint8Array(9)),
    errorWith(PngError, "within the image's 2 rows"),
  );
  encoder.writeRows(new Uint8Array(3));
  assert.throws(
    () => encoder.end(),
    errorWith(PngError, "the image has 2 rows but 1 were written"),
  );
});

Deno.test("PngRowEncoder filters rows of whole 32-bit words four bytes at a time to the same bytes as one at a time", () => {
  // 1,204 bytes a row (a whole number of words); every pair of byte values, across the 0x80 bit.
  const options: PngRowEncoderOptions = {
    width: 1204,
    height: 90,
    bitDepth: 8,
    colourType: 0,
    level: 6,
  };
  const rows = new Uint8Array(1204 * 90);
  for (let i = 0; i < rows.length; i++) rows[i] = (i * 131 + (i >> 7) * 17) & 255;
  const aligned = new PngRowEncoder(options);
  aligned.writeRows(rows);
  // The same rows at an odd offset: the encoder cannot read them as words.
  const shifted = new Uint8Array(rows.length + 1).subarray(1);
  shifted.set(rows);
  const unaligned = new PngRowEncoder(options);
  unaligned.writeRows(shifted);
  const [a, b] = [aligned.end(), unaligned.end()];
  const first = a.findIndex((value, i) => value !== b[i]);
  assert.equal(a.length, b.length);
  assert.equal(first, -1, `the files differ first at byte ${first}`);
});

Deno.test("PngRowEncoder refuses options that make no PNG, by name, before writing anything", async (t) => {
  const good: PngRowEncoderOptions = { width: 2, height: 1, bitDepth: 8, colourType: 0, level: 6 };
  // Each was written before as a file no decoder reads (or failed deep inside).
  const cases: [string, Record<string, unknown>, ErrorConstructor, string][] = [
    [
      "a height of 0",
      { height: 0 },
      RangeError,
      "options.height must be a whole number from 1 to 2147483647; got 0",
    ],
    [
      "a width that is text",
      { width: "2" },
      TypeError,
      'options.width must be a whole number from 1 to 2147483647; got the string "2"',
    ],
    [
      "a width of 1.5",
      { width: 1.5 },
      RangeError,
      "options.width must be a whole number from 1 to 2147483647; got 1.5",
    ],
    ["a bit depth of 4", { bitDepth: 4 }, RangeError, "options.bitDepth must be 8 or 16; got 4"],
    ["colour type 6", { colourType: 6 }, RangeError, "options.colourType must be 0, 2 or 3; got 6"],
    [
      "an unknown deflater",
      { deflater: "fast" },
      RangeError,
      'options.deflater must be "zlib" or "mask-rows"; got the string "fast"',
    ],
    [
      "zlib level 12",
      { level: 12 },
      RangeError,
      "options.level must be a whole number from 0 to 9; got 12",
    ],
    [
      "a palette image without its palette",
      { colourType: 3 },
      RangeError,
      "options.palette must be given with colourType 3 (a palette image)",
    ],
    [
      "a 16-bit palette image",
      { colourType: 3, bitDepth: 16, palette: new Uint8Array(3) },
      RangeError,
      "options.bitDepth must be 8 with colourType 3; got 16",
    ],
    [
      "a palette of 257 colours",
      { colourType: 3, palette: new Uint8Array(771) },
      RangeError,
      "options.palette must be a Uint8Array of 1 to 256 RGB triplets; got a Uint8Array",
    ],
  ];
  for (const [what, change, kind, message] of cases) {
    await t.step(what, () => {
      assert.throws(
        () => new PngRowEncoder({ ...good, ...change } as PngRowEncoderOptions),
        errorWith(kind, message),
      );
    });
  }
  // The edges PNG allows are taken.
  for (
    const change of [{ colourType: 3, palette: new Uint8Array(768) }, {
      bitDepth: 16,
      colourType: 2,
    }]
  ) {
    using encoder = new PngRowEncoder({ ...good, ...change } as PngRowEncoderOptions);
    assert.equal(encoder.rowsWritten, 0);
  }
});
