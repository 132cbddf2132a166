import { deflateSync } from "node:zlib";
import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { PngError } from "../../lib/errors.ts";
import { scanlinePasses } from "../../lib/png/_adam7.ts";
import { writePng } from "../../lib/png/_chunks.ts";
import { checkPng } from "../../lib/png/inflate_png.ts";
import { readPngRows } from "../../lib/png/png_rows.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { drawMask, type MaskPngOptions, writeMaskPng } from "../../testing/mask_png.ts";
import { joinedStrips } from "./_strips.ts";

const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);

/** Decodes in strips, checking they come top to bottom, none larger than asked; joins them. */
function stripped(png: Uint8Array, stripRows?: number): { data: Uint8Array; strips: number } {
  const checked = checkPng(png, undefined);
  return joinedStrips(checked, (onRows) => readPngRows(checked, onRows, { stripRows }), stripRows);
}

Deno.test("readPngRows() gives every fixture flavour's reference pixels in strips of any size", async (t) => {
  const flavours: { file: string; expected: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  for (const { file, expected } of flavours) {
    await t.step(file, async () => {
      const png = await Deno.readFile(new URL(file, FLAVOURS));
      const reference = await Deno.readFile(new URL(expected, FLAVOURS));
      for (const stripRows of [8, 16, 24, undefined]) {
        const { data, strips } = stripped(png, stripRows);
        assertSameBytes(data, reference, `bytes of ${file} in strips of ${stripRows}`);
        if (stripRows === 8) assert.ok(strips > 1, `${file} took ${strips} strips`);
      }
    });
  }
});

Deno.test("readPngRows() decodes every colour type, 16-bit and interlaced, in 8-row strips as decodePng() does whole", async (t) => {
  const mask = drawMask({ width: 203, height: 150 }, [
    { id: 3, bChannel: 2, circle: [100, 75, 60] },
    { id: 9, bChannel: 7, rect: [0, 0, 40, 150] },
    { id: 200, bChannel: 1, rect: [150, 140, 203, 150] },
  ]);
  const flavours: MaskPngOptions[] = [
    { colourType: 0, bitDepth: 1 },
    { colourType: 0, bitDepth: 16 },
    { colourType: 2, bitDepth: 16 },
    { colourType: 3, bitDepth: 4 },
    { colourType: 4, bitDepth: 8 },
    { colourType: 6, bitDepth: 16 },
  ];
  for (const flavour of flavours) {
    for (const interlace of [false, true]) {
      const options = { ...flavour, interlace, filter: "cycle" as const };
      await t.step(JSON.stringify(options), async () => {
        const png = writeMaskPng(mask, options);
        const whole = await decodePng(png);
        const { data, strips } = stripped(png, 8);
        assert.equal(strips, Math.ceil(150 / 8));
        assertSameBytes(data, whole.data, "bytes in strips of 8");
      });
    }
  }
});

/** An interlaced 16×16 RGB PNG of zero rows, with some rows' filter type changed. */
function interlacedWithFilters(filters: [pass: number, row: number, type: number][]): Uint8Array {
  const header = { width: 16, height: 16, bitDepth: 8, colourType: 2, interlaced: true };
  const { passes, totalBytes } = scanlinePasses(header);
  const raw = new Uint8Array(totalBytes);
  for (const [number, row, type] of filters) {
    const pass = passes.find((candidate) => candidate.number === number)!;
    raw[pass.offset + row * (pass.rowBytes + 1)] = type;
  }
  const ihdr = new Uint8Array([0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 1]);
  return writePng([
    { type: "IHDR", data: ihdr },
    { type: "IDAT", data: deflateSync(raw) },
    { type: "IEND", data: new Uint8Array(0) },
  ]);
}

Deno.test("readPngRows() reports the error decoding whole reports, though strips find another first", async () => {
  // Pass 7's row 0 is in the first strip; pass 1's row 1 (image row 8) only in the second.
  const png = interlacedWithFilters([[7, 0, 9], [1, 1, 7]]);
  let handed = 0;
  assert.throws(
    () => readPngRows(checkPng(png, undefined), () => handed++, { stripRows: 8 }),
    errorWith(PngError, "invalid filter type 7 on row 1 of Adam7 pass 1"),
  );
  assert.equal(handed, 0, "no strip is handed over once an error is found");
  await assert.rejects(
    () => decodePng(png),
    errorWith(PngError, "type 7 on row 1 of Adam7 pass 1"),
  );
  // Without the earlier pass's error, the later one is reported.
  assert.throws(
    () => stripped(interlacedWithFilters([[7, 0, 9]]), 8),
    errorWith(PngError, "invalid filter type 9 on row 0 of Adam7 pass 7"),
  );
});
