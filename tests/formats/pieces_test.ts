import assert from "../_std/assert.ts";
import { cocoRleString } from "../../lib/formats/coco_rle.ts";
import { maskInstances } from "../../lib/formats/mask_instances.ts";
import { pythonFloat, pythonNumber } from "../../lib/formats/python_number.ts";
import { deflatedEntry, ZipWriter } from "../../lib/formats/zip_writer.ts";
import { unzip } from "./_fixtures.ts";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { errorWith } from "../_std/error_with.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

Deno.test("pythonFloat() prints doubles as Python's repr does", () => {
  // Each pair is what CPython 3 prints for the value (repr of the float).
  const cases: [number, string][] = [
    [0, "0.0"],
    [1, "1.0"],
    [100, "100.0"],
    [0.00005, "5e-05"],
    [3.90625e-06, "3.90625e-06"],
    [1.5e16, "1.5e+16"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [0.1 + 0.2, "0.30000000000000004"],
    [0.0001, "0.0001"],
    [1234.5, "1234.5"],
    [-0.25, "-0.25"],
    [5e-324, "5e-324"],
    [1e21, "1e+21"],
    [123456789.125, "123456789.125"],
    // Either side of the range printed in fixed notation, and whole numbers in it.
    [0.00009999999999999999, "9.999999999999999e-05"],
    [9999999999999998, "9999999999999998.0"],
    [-2.5e-3, "-0.0025"],
    [-7, "-7.0"],
    [1 / 3, "0.3333333333333333"],
    [1919 / 1920, "0.9994791666666667"],
  ];
  for (const [value, text] of cases) assertEquals(pythonFloat(value), text, String(value));
  assertEquals([pythonNumber(1), pythonNumber(0), pythonNumber(0.5)], ["1", "0", "0.5"]);
});

/** A mask of 0/1 pixels from rows of text, as an RGB image with R = B = 1 on the 1s. */
function maskOf(rows: string[]) {
  const height = rows.length;
  const width = rows[0].length;
  const data = new Uint8Array(width * height * 3);
  rows.forEach((row, y) =>
    [...row].forEach((cell, x) => {
      if (cell === "1") data.set([1, 1, 1], (y * width + x) * 3);
    })
  );
  return { width, height, data };
}

const CLASS_1 = Uint8Array.from({ length: 256 }, (_, b) => (b === 1 ? 1 : 0));

Deno.test("cocoRleString() over maskInstances() gives the strings pycocotools.mask.encode gives", () => {
  // Each expected string was printed by pycocotools 2.0 `mask.encode` on the Fortran-order array.
  const cases: [string[], string][] = [
    [["00", "01"], "31"],
    [["10", "00"], "013"],
    [["11", "11"], "04"],
    [["101", "010", "111"], "0110020N"],
  ];
  for (const [rows, counts] of cases) {
    const [instance] = maskInstances(maskOf(rows), CLASS_1);
    assertEquals(cocoRleString(instance.counts), counts, rows.join("/"));
  }
  // A 40×30 mask: a 20×17 block, two corner pixels and a 2×7 bar (pycocotools: area 356, box
  // [0, 0, 30, 40]); its long runs need several characters and negative deltas.
  const rows = Array.from(
    { length: 40 },
    (_, y) =>
      Array.from(
        { length: 30 },
        (_, x) =>
          (y >= 5 && y < 25 && x >= 3 && x < 20) || (y === 0 && x === 0) ||
            (y === 39 && x === 29) ||
            (y >= 10 && y < 12 && x >= 22 && x < 29)
            ? "1"
            : "0",
      ).join(""),
  );
  const [instance] = maskInstances(maskOf(rows), CLASS_1);
  assertEquals(
    cocoRleString(instance.counts),
    "01l3c0hL0000000000000000000000000000000e2^OmM00000000000m0O",
  );
  assertEquals([instance.area, instance.bbox], [356, [0, 0, 30, 40]]);
});

Deno.test("ZipWriter writes a ZIP64 archive that a plain reader lists, past 65,535 entries", async () => {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter({ write: (bytes) => Promise.resolve(chunks.push(bytes.slice())) });
  const count = 65_540;
  for (let i = 0; i < count; i++) {
    await zip.add(`labels/${i}.txt`, new TextEncoder().encode(`${i}\n`));
  }
  await zip.close();
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((at, chunk) => (bytes.set(chunk, at), at + chunk.length), 0);
  const files = unzip(bytes);
  assertEquals(files.size, count);
  assertEquals(files.get("labels/0.txt"), "0\n");
  assertEquals(files.get(`labels/${count - 1}.txt`), `${count - 1}\n`);
});

Deno.test("ZipWriter.addDeflated() with deflatedEntry() writes the archive add() writes, byte for byte", async () => {
  const files = [["data.yaml", "nc: 1\n"], ["labels/a.txt", "0 0.5 0.25 1.0 0.75\n".repeat(50)]];
  const archives: Uint8Array[] = [];
  for (const deflatedElsewhere of [false, true]) {
    const chunks: Uint8Array[] = [];
    const zip = new ZipWriter({ write: (bytes) => Promise.resolve(chunks.push(bytes.slice())) }, {
      modified: new Date(2024, 0, 2, 3, 4, 6),
    });
    for (const [name, text] of files) {
      const bytes = new TextEncoder().encode(text);
      if (deflatedElsewhere) await zip.addDeflated(name, deflatedEntry(bytes));
      else await zip.add(name, bytes);
    }
    await zip.close();
    archives.push(new Uint8Array(chunks.flatMap((chunk) => [...chunk])));
  }
  assertEquals(archives[1], archives[0]);
  assertEquals([...unzip(archives[1])], files);
});

Deno.test("deflatedEntry() deflates at the level asked, and refuses a level zlib has not", () => {
  const bytes = new TextEncoder().encode("0 0.5 0.25 1.0 0.75\n".repeat(500));
  for (const level of [1, 3, 9]) {
    const entry = deflatedEntry(bytes, { level });
    assertEquals(new Uint8Array(entry.deflated), new Uint8Array(deflateRawSync(bytes, { level })));
    assertEquals(new Uint8Array(inflateRawSync(entry.deflated)), bytes);
  }
  assertEquals(
    new Uint8Array(deflatedEntry(bytes).deflated),
    new Uint8Array(deflateRawSync(bytes, { level: 6 })),
  );
  for (const level of [0, 10, 2.5]) {
    assert.throws(() => deflatedEntry(bytes, { level }), errorWith(RangeError, "level"));
  }
});
