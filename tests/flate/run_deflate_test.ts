import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { deflateSync, inflateSync } from "node:zlib";
import { RunDeflate } from "../../lib/flate/run_deflate.ts";
import { concatenate } from "../../lib/concatenate.ts";
import { BitWriter } from "../../lib/flate/_bit_writer.ts";
import { canonicalCodes, huffmanLengths } from "../../lib/flate/_huffman.ts";
import { withKernels } from "../../lib/png/kernels.ts";
import { PngRowEncoder } from "../../lib/png/png_row_encoder.ts";

/** The bytes back, by two inflaters: `node:zlib` and the web's `DecompressionStream`. */
async function inflateBoth(stream: Uint8Array): Promise<Uint8Array[]> {
  const web = new Blob([stream.slice()]).stream().pipeThrough(new DecompressionStream("deflate"));
  return [new Uint8Array(inflateSync(stream)), new Uint8Array(await new Response(web).bytes())];
}

function deflateInPieces(bytes: Uint8Array, pieces: number[]): Uint8Array {
  const deflate = new RunDeflate();
  let from = 0;
  for (const size of pieces) {
    deflate.write(bytes, from, Math.min(bytes.length, from + size));
    from = Math.min(bytes.length, from + size);
  }
  deflate.write(bytes, from);
  return deflate.end();
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Up-filtered rows of a mask with rectangles: zeros but where a colour starts or ends. */
function maskRows(width: number, height: number): Uint8Array {
  const stride = width * 3 + 1;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    rows[y * stride] = 2;
    for (const [top, left, right, colour] of [[3, 5, 40, 7], [10, 20, 90, 200], [11, 0, 9, 1]]) {
      if (y !== top && y !== top + 4) continue;
      for (let x = left; x < Math.min(right, width); x++) {
        const value = y === top ? colour : 256 - colour;
        rows.fill(value, y * stride + 1 + 3 * x, y * stride + 1 + 3 * x + 3);
      }
    }
  }
  return rows;
}

Deno.test("RunDeflate writes zlib streams that two inflaters read back byte for byte", async (t) => {
  const next = random(7);
  const cases: Record<string, Uint8Array> = {
    "no bytes": new Uint8Array(0),
    "one byte": new Uint8Array([9]),
    "a megabyte of zeros": new Uint8Array(1 << 20),
    "Up-filtered mask rows": maskRows(97, 40),
    "noise (many blocks of literals)": Uint8Array.from({ length: 70_000 }, () => next() * 256),
    "a colour repeated along a row": Uint8Array.from({ length: 3000 }, (_, i) => [5, 0, 9][i % 3]),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    await t.step(name, async () => {
      for (const back of await inflateBoth(deflateInPieces(bytes, []))) {
        assertSameData(back, bytes);
      }
    });
  }
});

Deno.test("RunDeflate cuts zero runs of every length into matches deflate can say", async () => {
  // After a nonzero byte, runs of 1 to 800 zeros: 258 + 1 and 258 + 2 must not leave 1 or 2.
  const parts: number[] = [];
  for (let length = 1; length <= 800; length++) parts.push(1, ...new Array(length).fill(0));
  const bytes = Uint8Array.from(parts);
  for (const back of await inflateBoth(deflateInPieces(bytes, []))) assertSameData(back, bytes);
});

Deno.test("RunDeflate gives the same bytes back however its input is cut into pieces", () => {
  const next = random(11);
  const rows = maskRows(64, 30);
  for (let round = 0; round < 40; round++) {
    const pieces = Array.from({ length: 30 }, () => 1 + Math.floor(next() * 400));
    assertSameData(new Uint8Array(inflateSync(deflateInPieces(rows, pieces))), rows);
  }
});

Deno.test("RunDeflate compresses mask rows at least as well as zlib at level 2, which it replaces", () => {
  const rows = maskRows(1920, 1080);
  const stream = deflateInPieces(rows, [256 * 1024, 256 * 1024]);
  const zlib = deflateSync(rows, { level: 2 }).length;
  assert.ok(stream.length <= zlib, `${stream.length} bytes against zlib's ${zlib}`);
});

Deno.test("the kernels' skipZeros finds the first nonzero byte, and reads nothing past the end", () => {
  withKernels(4096, (kernels, memory) => {
    for (let from = 0; from < 20; from++) {
      for (let to = from; to < 150; to += 7) {
        for (const nonzero of [-1, from, to - 1, to, from + 16, from + 63, from + 64, from + 100]) {
          memory.fill(0, 0, 400);
          // A nonzero byte just past the end must not be found.
          memory[to] = 5;
          if (nonzero >= 0) memory[nonzero] = 1;
          const expected = nonzero >= from && nonzero < to ? nonzero : to;
          assert.equal(kernels.skipZeros(from, to), expected, `[${from}, ${to}), ${nonzero}`);
        }
      }
    }
  });
});

Deno.test("huffmanLengths() keeps codes within the limit and complete, however skewed", () => {
  // Fibonacci frequencies make the deepest trees: 25 symbols would need 24 bits.
  const fibonacci = [1, 1];
  while (fibonacci.length < 25) fibonacci.push(fibonacci.at(-1)! + fibonacci.at(-2)!);
  for (const limit of [7, 15]) {
    const lengths = huffmanLengths(Uint32Array.from(fibonacci), limit);
    assert.ok(Math.max(...lengths) <= limit);
    // Kraft's sum of a complete code is exactly 1.
    assert.equal(lengths.reduce((sum, length) => sum + 2 ** -length, 0), 1);
  }
  assert.deepEqual([...huffmanLengths(new Uint32Array([0, 3, 0, 1]), 15)], [0, 1, 0, 1]);
});

Deno.test("canonicalCodes() numbers codes by length, then symbol, as RFC 1951 says", () => {
  // The RFC's own example (3.2.2): lengths 3 3 3 3 3 2 4 4 give 010 011 100 101 110 00 1110 1111.
  const codes = canonicalCodes(new Uint8Array([3, 3, 3, 3, 3, 2, 4, 4]));
  const reversed = (code: number, bits: number) =>
    parseInt(code.toString(2).padStart(bits, "0").split("").reverse().join(""), 2);
  const expected = [0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111];
  const bits = [3, 3, 3, 3, 3, 2, 4, 4];
  assert.deepEqual([...codes], expected.map((code, i) => reversed(code, bits[i])));
});

Deno.test("RunDeflate.zeroRows() encodes the rows write() would, without reading them", () => {
  // Rows of 0 to 9 zeros after filter types 2 and 0, between rows with other bytes.
  const rows: number[][] = [];
  for (let zeros = 0; zeros < 10; zeros++) {
    rows.push([2, ...new Array(zeros).fill(0)], [0, ...new Array(zeros).fill(0)], [2, 7, 0, 7]);
  }
  const deflate = new RunDeflate();
  for (const row of rows) {
    if (row.slice(1).every((byte) => byte === 0)) deflate.zeroRows(row[0], row.length - 1, 1);
    else deflate.write(Uint8Array.from(row));
  }
  assertSameData(new Uint8Array(inflateSync(deflate.end())), Uint8Array.from(rows.flat()));
});

Deno.test("RunDeflate finds runs of 16-bit pixels when told a pixel's bytes, and refuses other sizes", async () => {
  // A 16-bit row of one id: high byte 0, low byte 7, 500 times; then noise between such runs.
  const rows = new Uint8Array(3000);
  for (let i = 0; i < 1000; i += 2) rows[i + 1] = 7;
  const noise = random(5);
  for (let i = 1000; i < 2000; i++) rows[i] = Math.floor(noise() * 256);
  for (let i = 2000; i < 3000; i += 2) rows.set([1, 200], i);
  const streams = [2, 3].map((pixelBytes) => {
    const deflate = new RunDeflate({ pixelBytes });
    deflate.write(rows, 0, 1500);
    deflate.write(rows, 1500);
    return deflate.end();
  });
  for (const stream of streams) {
    for (const back of await inflateBoth(stream)) assertSameData(back, rows, "16-bit rows");
  }
  // Runs of two-byte pixels are matches at distance 2: far fewer bytes than literals.
  assert.ok(
    streams[0].length + 200 < streams[1].length,
    `${streams[0].length} vs ${streams[1].length}`,
  );
  for (const pixelBytes of [0, 4, 1.5]) {
    assert.throws(
      () => new RunDeflate({ pixelBytes }),
      errorWith(
        RangeError,
        `options.pixelBytes must be a whole number from 1 to 3; got ${pixelBytes}`,
      ),
    );
  }
  assert.throws(
    () => new RunDeflate({ skipZeros: 5 as never }),
    errorWith(TypeError, "options.skipZeros must be a function; got 5"),
  );
});

/** Rows of a binary mask, Up-filtered (0, 255 and 1), a share of them zeros. */
function binaryRows(width: number, count: number, next: () => number): Uint8Array[] {
  return Array.from({ length: count }, () => {
    const row = new Uint8Array(width + 1);
    row[0] = 2;
    for (let edge = 0, edges = next() < 0.4 ? 0 : 1 + next() * 4; edge < edges; edge++) {
      const x = Math.floor(next() * width);
      row.fill(next() < 0.5 ? 255 : 1, 1 + x, 1 + Math.min(width, x + Math.floor(next() * 5)));
    }
    return row;
  });
}

Deno.test("RunDeflate.zeroRows() and zeroRows() write the very stream write() writes for one-byte pixels, across block ends", async () => {
  // Enough rows for several blocks of 16,384 tokens: mixed rows, and rows of zeros only after 0
  // to 2 short rows, so that blocks end at each of a zero row's three tokens.
  const streams: Uint8Array[][] = [1, 3, 4, 5, 37, 1920].map(
    (width) => binaryRows(width, 9000, random(width)),
    1,
  );
  for (let lead = 0; lead < 3; lead++) {
    streams.push([
      ...new Array(lead).fill(Uint8Array.of(2, 7)),
      ...binaryRows(1920, 17_000, () => 0),
    ]);
  }
  for (const [i, rows] of streams.entries()) {
    const byZeroRow = new RunDeflate({ pixelBytes: 1 });
    const byZeroRows = new RunDeflate({ pixelBytes: 1 });
    const byWrite = new RunDeflate({ pixelBytes: 1 });
    /** Rows of zeros not given to `byZeroRows` yet (it takes them together, up to 300). */
    let pending: Uint8Array[] = [];
    const flush = () => {
      if (pending.length > 0) byZeroRows.zeroRows(2, pending[0].length - 1, pending.length);
      pending = [];
    };
    for (const row of rows) {
      byWrite.write(row);
      if (row.subarray(1).some((byte) => byte !== 0)) {
        byZeroRow.write(row);
        flush();
        byZeroRows.write(row);
        continue;
      }
      byZeroRow.zeroRows(2, row.length - 1, 1);
      if (pending.length === 300 || pending[0]?.length !== row.length) flush();
      pending.push(row);
    }
    flush();
    const stream = byZeroRow.end();
    assertSameData(stream, byWrite.end(), `stream ${i}`);
    assertSameData(byZeroRows.end(), stream, `stream ${i}, zero rows together`);
    const bytes = concatenate(rows);
    for (const back of await inflateBoth(stream)) assertSameData(back, bytes, `stream ${i} back`);
  }
});

Deno.test("BitWriter's repeat() and putLong() write the bits put() writes one pattern at a time", () => {
  const patterns: [number, number][] = [];
  for (let bits = 1; bits <= 30; bits++) patterns.push([(2 ** bits - 1) & 0x2d5a5a5b, bits]);
  for (const [pattern, bits] of patterns) {
    for (let times = 0; times <= 13; times++) {
      for (const lead of [0, 3, 7]) {
        const byRepeat = new BitWriter();
        const byPut = new BitWriter();
        const byLong = new BitWriter();
        for (const writer of [byRepeat, byPut, byLong]) writer.put(0b101, lead);
        byRepeat.repeat(pattern, bits, times);
        for (let i = 0; i < times; i++) {
          byPut.put(pattern & 0xfff, Math.min(bits, 12));
          if (bits > 12) byPut.put(Math.floor(pattern / 4096), bits - 12);
          byLong.putLong(pattern, bits);
        }
        for (const writer of [byRepeat, byPut, byLong]) writer.alignToByte();
        const what = `${times} times ${bits} bits after ${lead}`;
        assertSameData(byRepeat.bytes(), byPut.bytes(), what);
        assertSameData(byLong.bytes(), byPut.bytes(), what);
      }
    }
  }
});

Deno.test("a BitWriter released gives its buffer to the next writer, which writes from its start", () => {
  const first = new BitWriter();
  for (let i = 0; i < 100; i++) first.byte(0xaa);
  const view = first.bytes();
  first.release();
  assert.equal(first.bytes().length, 0, "the released writer is empty");
  const next = new BitWriter();
  next.put(0b101, 3);
  next.alignToByte();
  next.byte(0x42);
  assert.deepEqual([...next.bytes()], [0b101, 0x42], "none of the first writer's bytes");
  // The view the first writer gave is the next writer's buffer now.
  assert.deepEqual([...view.subarray(0, 3)], [0b101, 0x42, 0xaa]);
  // Writing on after a release grows a new buffer.
  first.byte(1);
  assert.deepEqual([...first.bytes()], [1]);
});

Deno.test("a PNG row encoder's file holds its own copy of the stream, not the buffer given to the next", () => {
  const encode = (value: number) => {
    const encoder = new PngRowEncoder({
      width: 8,
      height: 2,
      bitDepth: 8,
      colourType: 0,
      level: 6,
      deflater: "mask-rows",
    });
    encoder.writeRows(new Uint8Array(16).fill(value));
    return encoder.end();
  };
  const first = encode(7);
  const copy = first.slice();
  encode(200);
  assert.deepEqual(first, copy);
});
