import { deflateSync } from "node:zlib";
import assert from "../_std/assert.ts";
import { assertSameBytes, assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { PngError } from "../../lib/errors.ts";
import { writePng } from "../../lib/png/_chunks.ts";
import { isFastFlavour } from "../../lib/png/fast_rgb.ts";
import { readFastRows } from "../../lib/png/_fast_rows.ts";
import { type CheckedPng, checkPng } from "../../lib/png/inflate_png.ts";
import { withKernels } from "../../lib/png/kernels.ts";
import { readPngRows, type RowConversion } from "../../lib/png/png_rows.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { type MaskRowsOptions, openMaskRows } from "../../lib/png/mask_rows.ts";
import { addToCensus, emptyCensus } from "../../lib/png/mask_census.ts";
import { drawMask, type MaskPngOptions, writeMaskPng } from "../../testing/mask_png.ts";
import { joinedStrips } from "./_strips.ts";

const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);

async function fixtures(): Promise<[string, Uint8Array][]> {
  const index: { file: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  const list: [string, Uint8Array][] = [];
  for (const { file } of index) list.push([file, await Deno.readFile(new URL(file, FLAVOURS))]);
  return list;
}

/** 8-bit RGB and RGBA masks with every filter type, one tall enough for many default strips. */
function generated(): [string, Uint8Array][] {
  const scene = (width: number, height: number) =>
    drawMask({ width, height }, [
      { id: 3, bChannel: 2, circle: [width / 2, height / 2, Math.min(width, height) / 3] },
      { id: 254, bChannel: 9, rect: [0, 0, Math.ceil(width / 4), height] },
      { id: 7, bChannel: 5, rect: [width - 3, 1, width, height] },
      { id: 3, bChannel: 1, rect: [1, height - 2, width - 1, height] },
    ]);
  const list: [string, Uint8Array][] = [];
  const filters: MaskPngOptions["filter"][] = [0, 1, 2, 3, 4, "cycle"];
  for (const colourType of [2, 6] as const) {
    for (const filter of filters) {
      list.push([
        `colour type ${colourType}, filter ${filter}`,
        writeMaskPng(scene(61, 47), {
          colourType,
          filter,
        }),
      ]);
    }
    list.push([
      `400×700 colour type ${colourType}`,
      writeMaskPng(scene(400, 700), { colourType, filter: "cycle" }),
    ]);
  }
  return list;
}

function general(png: CheckedPng) {
  return joinedStrips(png, (onRows) => {
    const census = emptyCensus();
    readPngRows(png, (rows) => {
      addToCensus(census, rows.data);
      onRows(rows);
    });
    return census;
  });
}

Deno.test("readFastRows() hands over the rows and census the general decoder gives, for every 8-bit RGB and RGBA flavour, in strips of any size", async (t) => {
  const masks = [...await fixtures(), ...generated()]
    .filter(([, png]) => isFastFlavour(checkPng(png, undefined).header));
  assert.ok(masks.length >= 5 + 14, `${masks.length} masks of the kernels' flavours`);
  for (const [label, png] of masks) {
    await t.step(label, () => {
      const checked = checkPng(png, undefined);
      const wanted = general(checked);
      for (const stripRows of [1, 7, 8, undefined]) {
        const fast = joinedStrips(
          checked,
          (onRows) => readFastRows(checked, onRows, { stripRows }),
          stripRows,
        );
        assertSameBytes(fast.data, wanted.data, `bytes in strips of ${stripRows}`);
        assertSameData(fast.result, wanted.result, `the census, strips of ${stripRows}`);
        if (stripRows === 1) assert.equal(fast.strips, checked.header.height);
      }
    });
  }
});

Deno.test("readFastRows() refuses the flavours only the general decoder reads", async () => {
  const others = (await fixtures())
    .filter(([, png]) => !isFastFlavour(checkPng(png, undefined).header));
  // Palette, grey, grey + alpha, 16-bit and interlaced.
  assert.equal(others.length, 10);
  for (const [file, png] of others) {
    assert.throws(
      () => readFastRows(checkPng(png, undefined), () => {}),
      errorWith(RangeError, "reads 8-bit RGB or RGBA PNGs without interlacing"),
      file,
    );
  }
});

/** A 16×40 RGB PNG of zero rows, maybe with one row's filter type changed and the data cut. */
function rgbPng(options: { badRow?: number; cutAt?: number } = {}): Uint8Array {
  const stride = 16 * 3 + 1;
  const raw = new Uint8Array(40 * stride);
  if (options.badRow !== undefined) raw[options.badRow * stride] = 9;
  const ihdr = new Uint8Array([0, 0, 0, 16, 0, 0, 0, 40, 8, 2, 0, 0, 0]);
  return writePng([
    { type: "IHDR", data: ihdr },
    { type: "IDAT", data: deflateSync(raw.subarray(0, options.cutAt ?? raw.length)) },
    { type: "IEND", data: new Uint8Array(0) },
  ]);
}

Deno.test("readFastRows() reports a bad filter type as decodePng() does, after the strips above it and no later one", async () => {
  const png = rgbPng({ badRow: 20 });
  const whole = await decodePng(png).then(() => "decoded", (error: Error) => error.message);
  assert.match(whole, /invalid filter type 9 on row 20/);
  const firsts: number[] = [];
  assert.throws(
    () =>
      readFastRows(checkPng(png, undefined), (rows) => firsts.push(rows.first), { stripRows: 8 }),
    (error: unknown) => error instanceof PngError && error.message === whole,
  );
  assert.deepEqual(firsts, [0, 8], "the strips before the bad row's, then none");
});

Deno.test("readFastRows() reports data cut short before a bad filter type above the cut", async () => {
  const png = rgbPng({ badRow: 3, cutAt: 30 * (16 * 3 + 1) });
  const whole = await decodePng(png).then(() => "decoded", (error: Error) => error.message);
  assert.match(whole, /truncated: IDAT data ends at row 30 of 40/);
  assert.throws(
    () => readFastRows(checkPng(png, undefined), () => {}, { stripRows: 8 }),
    (error: unknown) => error instanceof PngError && error.message === whole,
  );
});

Deno.test("readFastRows() refuses an onRows that calls the kernels, which would overwrite its strip", () => {
  const png = checkPng(rgbPng(), undefined);
  assert.throws(
    () => readFastRows(png, () => withKernels(16, () => undefined)),
    errorWith(RangeError, "withKernels() was called from inside another call"),
  );
  // The kernels are free again afterwards.
  assert.equal(withKernels(16, (_kernels, memory) => memory.length >= 16), true);
});

/** What the labels' reader gives for a mask: labels, marks, census and the rows, if kept. */
function labelsOf(png: CheckedPng, stripRows: number | undefined, convertedOnly: boolean) {
  const { width, height } = png.header;
  const bytes = new Uint8Array(width * height);
  const seen = new Uint8Array(height * 256);
  const held: number[][] = [];
  const rowsRead: string[] = [];
  const census = readFastRows(png, (rows) => {
    const labels = rows.labels!;
    bytes.set(labels.bytes, rows.first * width);
    seen.set(labels.seen, rows.first * 256);
    held.push([...labels.held.keys()].filter((label) => labels.held[label] === 1));
    try {
      rowsRead.push(`${rows.data.length} bytes`);
    } catch (error) {
      rowsRead.push(`${(error as Error).name}: ${(error as Error).message}`);
    }
  }, { stripRows, convert: { kind: "labels", convertedOnly } });
  return { bytes, seen, held, census, rowsRead };
}

Deno.test("readFastRows() reads the same labels and census whether the rows are kept raw or only the labels are read, and then refuses the rows", async (t) => {
  for (const [label, png] of generated()) {
    await t.step(label, () => {
      const checked = checkPng(png, undefined);
      const { width, height } = checked.header;
      const wanted = general(checked);
      const reference = new Uint8Array(width * height);
      for (let i = 0; i < reference.length; i++) {
        reference[i] = wanted.data[i * 3] === 0 ? 0 : wanted.data[i * 3 + 2];
      }
      for (const stripRows of [1, 7, undefined]) {
        const kept = labelsOf(checked, stripRows, false);
        const only = labelsOf(checked, stripRows, true);
        assertSameBytes(kept.bytes, reference, `labels, strips of ${stripRows}`);
        assertSameBytes(only.bytes, reference, `labels only, strips of ${stripRows}`);
        assertSameBytes(only.seen, kept.seen, `each row's labels, strips of ${stripRows}`);
        for (let row = 0; row < height; row++) {
          const inRow = new Set(reference.subarray(row * width, (row + 1) * width));
          const marked = [...Array(256).keys()].filter((b) => kept.seen[row * 256 + b] === 1);
          assert.deepEqual(marked, [...inRow].sort((a, b) => a - b), `row ${row}'s labels`);
        }
        assert.deepEqual(only.held, kept.held, "each strip's labels");
        assertSameData(kept.census, wanted.result, `the census, strips of ${stripRows}`);
        assertSameData(only.census, wanted.result, `the census, labels only, ${stripRows}`);
        assert.ok(kept.rowsRead.every((text) => text.endsWith(" bytes")), "the rows kept");
        const refused = "TypeError: The strip's RGB rows are not kept";
        assert.ok(only.rowsRead.every((text) => text.startsWith(refused)), "the rows refused");
      }
    });
  }
});

Deno.test("readFastRows() reading only the labels reports a bad filter type on its row, after the strips above it", () => {
  const png = rgbPng({ badRow: 20 });
  const firsts: number[] = [];
  assert.throws(
    () =>
      readFastRows(checkPng(png, undefined), (rows) => firsts.push(rows.first), {
        stripRows: 8,
        convert: { kind: "labels", convertedOnly: true },
      }),
    errorWith(PngError, "invalid filter type 9 on row 20"),
  );
  assert.deepEqual(firsts, [0, 8]);
});

/** A conversion's rows as the kernels give them, made raw again, with their form and census. */
function convertedOf(png: CheckedPng, stripRows: number | undefined, convert: RowConversion) {
  const { width, height } = png.header;
  const sample = convert.kind === "index" ? 1 : convert.kind === "instance16" ? 2 : 3;
  const raw = new Uint8Array(width * height * sample);
  const forms: number[] = [];
  const runs: number[] = [];
  const census = readFastRows(png, (rows) => {
    const converted = rows.converted!;
    const rowBytes = width * sample;
    for (let row = 0; row < converted.count; row++) {
      const at = (rows.first + row) * rowBytes;
      const scanline = converted.scanlines.subarray(row * converted.stride);
      assert.equal(scanline[0], 2, "Up-filtered");
      const differences = scanline.subarray(1, 1 + rowBytes);
      for (let i = 0; i < rowBytes; i++) {
        raw[at + i] = (differences[i] + (at === 0 && row === 0 ? 0 : raw[at - rowBytes + i])) &
          0xff;
      }
      assert.equal(converted.flags[row], differences.some((byte) => byte !== 0) ? 1 : 0);
    }
    forms.push(...converted.form);
    runs.push(...(converted.runs ?? []));
  }, { stripRows, convert });
  return { raw, forms, runs, census };
}

Deno.test("readFastRows() converts the same rows, form and census whether the rows are kept raw or only the converted rows are read, as the general decoder's pixels give them", async (t) => {
  const byBChannel = new Uint8Array(256).map((_, b) => (b * 7) % 251);
  const classOfB = new Uint8Array(256).map((_, b) => (b % 5 === 0 ? 0 : (b % 13) + 1));
  const stuff = new Uint8Array(256).map((_, c) => (c % 3 === 0 ? 1 : 0));
  const conversions: RowConversion[] = [
    { kind: "index", byBChannel },
    { kind: "instance16" },
    { kind: "panoptic", classOfB, stuff },
  ];
  for (const [label, png] of generated()) {
    await t.step(label, () => {
      const checked = checkPng(png, undefined);
      const wanted = general(checked);
      for (const convert of conversions) {
        const pixels = wanted.data.length / 3;
        const sample = convert.kind === "index" ? 1 : convert.kind === "instance16" ? 2 : 3;
        const reference = new Uint8Array(pixels * sample);
        for (let i = 0; i < pixels; i++) {
          const [red, blue] = [wanted.data[i * 3], wanted.data[i * 3 + 2]];
          if (convert.kind === "index") reference[i] = red === 0 ? 0 : byBChannel[blue];
          else if (convert.kind === "instance16") reference[i * 2 + 1] = red;
          else {
            const klass = red === 0 ? 0 : classOfB[blue];
            reference[i * 3] = klass === 0 || stuff[klass] === 1 ? 0 : red;
            reference[i * 3 + 1] = klass;
          }
        }
        for (const stripRows of [1, 7, undefined]) {
          const where = `${convert.kind}, strips of ${stripRows}`;
          const kept = convertedOf(checked, stripRows, convert);
          const only = convertedOf(checked, stripRows, { ...convert, convertedOnly: true });
          assertSameBytes(kept.raw, reference, `${where}: rows kept raw`);
          assertSameBytes(only.raw, reference, `${where}: converted rows only`);
          assert.deepEqual(only.forms, kept.forms, `${where}: the form`);
          assert.deepEqual(only.runs, kept.runs, `${where}: the runs`);
          if (convert.kind === "panoptic") {
            assert.deepEqual(kept.runs, runsOf(reference, checked.header), `${where}: the runs`);
          }
          assertSameData(kept.census, wanted.result, `${where}: the census`);
          assertSameData(only.census, wanted.result, `${where}: the census, converted only`);
        }
      }
    });
  }
});

/** Per row of 3-byte pixels, its runs of equal pixels as `ConvertedRows.runs` lists them. */
function runsOf(pixels: Uint8Array, size: { width: number; height: number }): number[] {
  const runs: number[] = [];
  for (let row = 0; row < size.height; row++) {
    const at = runs.push(0) - 1;
    let previous = -1;
    for (let x = 0; x < size.width; x++) {
      const i = (row * size.width + x) * 3;
      const pixel = pixels[i] + 256 * pixels[i + 1] + 65536 * pixels[i + 2];
      if (pixel === previous) continue;
      runs.push(x, pixel);
      runs[at]++;
      previous = pixel;
    }
  }
  return runs;
}

Deno.test("readFastRows() asked for the rows unpacked hands them over where they were unfiltered, with where each differs from the row before (the first, from the strip before's last), and packs RGB only when read", async (t) => {
  const masks = [...await fixtures(), ...generated()]
    .filter(([, png]) => isFastFlavour(checkPng(png, undefined).header));
  for (const [label, png] of masks) {
    await t.step(label, () => {
      const checked = checkPng(png, undefined);
      const { width, height, colourType } = checked.header;
      const wanted = general(checked).data;
      for (const stripRows of [1, 7, undefined]) {
        const data = new Uint8Array(width * height * 3);
        let [packedRead, differences] = [0, 0];
        // The row above each strip's first: the strip before's last, zeros above the image.
        let lastRow = new Uint8Array(width * (colourType === 6 ? 4 : 3));
        readFastRows(checked, (rows) => {
          const unpacked = rows.unpacked!;
          assert.equal(unpacked.channels, colourType === 6 ? 4 : 3);
          const rowBytes = width * unpacked.channels;
          assert.ok(unpacked.stride >= rowBytes);
          for (let r = 0; r < rows.count; r++) {
            const row = unpacked.data.subarray(r * unpacked.stride, r * unpacked.stride + rowBytes);
            for (let x = 0; x < width; x++) {
              const to = 3 * ((rows.first + r) * width + x);
              data.set(row.subarray(x * unpacked.channels, x * unpacked.channels + 3), to);
            }
            const above = r === 0 ? lastRow : unpacked.data.subarray((r - 1) * unpacked.stride);
            // From every byte: where it first differs, as the bytes say.
            for (let from = 0; from < rowBytes; from += 1 + (from % 5)) {
              let at = from;
              while (at < rowBytes && row[at] === above[at]) at++;
              assert.equal(unpacked.differsFrom(r, from), at, `row ${rows.first + r} from ${from}`);
              if (at < rowBytes) differences++;
            }
          }
          const last = (rows.count - 1) * unpacked.stride;
          lastRow = unpacked.data.slice(last, last + rowBytes);
          // Every other strip's RGB is read: the same rows, packed when asked.
          if (rows.first % 2 === 0) {
            const packed = wanted.subarray(
              rows.first * width * 3,
              (rows.first + rows.count) * width * 3,
            );
            assertSameBytes(rows.data, packed, `strip from ${rows.first}, packed`);
            packedRead++;
          }
        }, { stripRows, unpacked: true, census: false });
        assertSameBytes(data, wanted, `the unpacked rows in strips of ${stripRows}`);
        assert.ok(packedRead > 0, "some strips' RGB was read");
        // Rows are told where they differ (the masks' rows are not all alike).
        assert.ok(differences > 0, `rows differ in strips of ${stripRows}`);
      }
    });
  }
});

Deno.test("openMaskRows() hands over unpacked rows only on the kernels' route, and only when asked", () => {
  const rgba = writeMaskPng(
    drawMask({ width: 9, height: 4 }, [{ id: 2, bChannel: 3, rect: [1, 1, 5, 3] }]),
    {
      colourType: 6,
    },
  );
  const seen = (options: MaskRowsOptions) => {
    const kinds: string[] = [];
    openMaskRows(rgba, options).read((rows) => kinds.push(rows.unpacked ? "unpacked" : "packed"));
    return [...new Set(kinds)];
  };
  assert.deepEqual(seen({ unpacked: true }), ["unpacked"]);
  assert.deepEqual(seen({}), ["packed"]);
  assert.deepEqual(seen({ unpacked: true, generalDecoder: true }), ["packed"]);
  // A conversion's strips are not unpacked: they have their converted rows.
  const convert: RowConversion = { kind: "index", byBChannel: new Uint8Array(256) };
  assert.deepEqual(seen({ unpacked: true, convert }), ["packed"]);
});
