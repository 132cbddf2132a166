import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { inflateSync } from "node:zlib";
import { RUN_TOKEN_BYTES, RunDeflate } from "../../lib/flate/run_deflate.ts";
import { withKernels } from "../../lib/png/kernels.ts";

/** Where the bytes go in the kernels' memory, and where the tokens go after them. */
const AT = 64;

/**
 * Deflates `bytes` twice, cut at `cuts`: by TypeScript, and by the kernels from their memory.
 * The three bytes before the data must be as they were after the kernels' calls.
 */
function bothWays(bytes: Uint8Array, cuts: number[], pixelBytes = 3): [Uint8Array, Uint8Array] {
  const ends = [...cuts.filter((cut) => cut < bytes.length), bytes.length];
  const plain = new RunDeflate({ pixelBytes });
  let from = 0;
  for (const end of ends) plain.write(bytes, from, from = end);
  const tokens = (AT + bytes.length + 64 + 15) & ~15;
  const kernel = withKernels(tokens + RUN_TOKEN_BYTES, (kernels, memory) => {
    memory.fill(0, 0, tokens);
    memory.set([201, 202, 203], AT - 3);
    memory.set(bytes, AT);
    const deflate = new RunDeflate({
      pixelBytes,
      tokenKernel: { ...kernels, memory, at: tokens },
    });
    let from = 0;
    for (const end of ends) deflate.write(memory, AT + from, AT + (from = end));
    assert.deepEqual([...memory.subarray(AT - 3, AT)], [201, 202, 203]);
    return deflate.end().slice();
  });
  return [plain.end(), kernel];
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Mostly zeros, with short spans of a few values, some repeating: Up-filtered mask rows. */
function sparse(length: number, next: () => number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1 + Math.floor(next() * 90)) {
    const span = 1 + Math.floor(next() * 12);
    const value = next() < 0.5 ? 1 + Math.floor(next() * 255) : 0;
    for (let k = 0; k < span && i + k < length; k++) {
      bytes[i + k] = value === 0 ? Math.floor(next() * 256) : value;
    }
  }
  return bytes;
}

Deno.test("the kernels find the very tokens TypeScript finds: the same stream, byte for byte", async (t) => {
  const next = random(5);
  const cases: Record<string, Uint8Array> = {
    "sparse rows": sparse(200_000, next),
    "noise: many blocks of literals": Uint8Array.from({ length: 60_000 }, () => next() * 256),
    "a colour repeated along a row": Uint8Array.from({ length: 9000 }, (_, i) => [5, 0, 9][i % 3]),
    "runs of zeros of every length": Uint8Array.from(
      Array.from({ length: 600 }, (_, n) => [7, ...new Array(n).fill(0)]).flat(),
    ),
    "a byte repeated past 258": new Uint8Array(5000).fill(77),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    await t.step(name, () => {
      for (const pixelBytes of [1, 2, 3]) {
        const cuts = Array.from({ length: 12 }, () => Math.floor(next() * bytes.length));
        for (const pieces of [[], cuts.sort((a, b) => a - b)]) {
          const [plain, kernel] = bothWays(bytes, pieces, pixelBytes);
          assertSameData(kernel, plain);
          assertSameData(new Uint8Array(inflateSync(kernel)), bytes);
        }
      }
    });
  }
});

Deno.test("a run of two zeros that ends a block puts its second literal in the next block", () => {
  // 16,382 literals that repeat nothing, a zero after a nonzero byte (one more literal), then
  // two zeros: their first literal is the block's 16,384th token, the second the next block's.
  const literals = Array.from({ length: (1 << 14) - 2 }, (_, i) => 1 + (i % 250));
  const bytes = Uint8Array.from([...literals, 0, 0, 0, 9, 8, 7]);
  const [plain, kernel] = bothWays(bytes, []);
  assertSameData(kernel, plain);
  assertSameData(new Uint8Array(inflateSync(kernel)), bytes);
  // Shifted by one token either way, the block ends elsewhere: the same holds.
  for (const shift of [-1, 1]) {
    const shifted = Uint8Array.from([...literals.slice(0, literals.length + shift), 0, 0, 0, 9]);
    assertSameData(...bothWays(shifted, []));
  }
});

/** Up-filtered scanlines: every third row all zeros (flagged 0), the others sparse. */
function scanlines(n: number, count: number, next: () => number) {
  const stride = n + 1;
  const bytes = new Uint8Array(stride * count);
  const flags = new Uint8Array(count);
  for (let row = 0; row < count; row++) {
    bytes[row * stride] = 2;
    if (row % 3 === 2) continue;
    const data = sparse(n, next);
    // Now and then a row with a difference in its last byte only, or none at all but flagged 1.
    if (row % 7 === 1) data.fill(0).fill(9, n - 1);
    if (row % 11 === 4) data.fill(0);
    bytes.set(data, row * stride + 1);
    flags[row] = 1;
  }
  return { bytes, flags, stride };
}

Deno.test("the kernels find a strip's zeros from its pixels' canonical form: the same stream", async (t) => {
  const next = random(9);
  for (const n of [7, 16, 50, 96, 5760]) {
    await t.step(`rows of ${n} bytes`, () => {
      const count = 40;
      const { bytes, flags, stride } = scanlines(n, count, next);
      const plain = new RunDeflate();
      plain.write(new Uint8Array([2, 0, 0, 0]));
      plain.writeScanlines(bytes, { first: 0, stride, count, flags, at: 0 });
      const form = (AT + bytes.length + 64 + 15) & ~15;
      const tokens = (form + count * (4 + 20 * Math.ceil(n / 16)) + 64 + 15) & ~15;
      const kernel = withKernels(tokens + RUN_TOKEN_BYTES, (kernels, memory) => {
        memory.fill(0, 0, tokens);
        memory.set(bytes, AT);
        memory.set(flags, 8);
        assert.ok(kernels.digestPieces(AT + 1, stride, count, n, -1, 0, form) > form);
        const deflate = new RunDeflate({
          tokenKernel: { ...kernels, memory, at: tokens },
        });
        deflate.write(new Uint8Array([2, 0, 0, 0]));
        deflate.writeScanlines(memory, { first: AT, stride, count, flags: memory, at: 8, form });
        return deflate.end().slice();
      });
      assertSameData(kernel, plain.end());
      assertSameData(new Uint8Array(inflateSync(kernel)).subarray(4), bytes);
    });
  }
});

Deno.test("with the form, the kernels do not read the zeros it does not list", () => {
  const n = 5760;
  const { bytes, flags, stride } = scanlines(n, 6, random(3));
  // Row 4 is flagged as changed but holds zeros only: its form lists no piece.
  const stray = 4 * stride + 1 + 3000;
  const inflated = [true, false].map((withForm) =>
    withKernels(AT + 3 * bytes.length + 128 + RUN_TOKEN_BYTES, (kernels, memory) => {
      memory.fill(0, 0, AT + 3 * bytes.length);
      memory.set(bytes, AT);
      memory.set(flags, 8);
      const form = (AT + bytes.length + 64) & ~15;
      kernels.digestPieces(AT + 1, stride, 6, n, -1, 0, form);
      memory[AT + stray] = 77;
      const deflate = new RunDeflate({
        tokenKernel: { ...kernels, memory, at: (form + 2 * bytes.length) & ~15 },
      });
      const scanlines = { first: AT, stride, count: 6, flags: memory, at: 8 };
      deflate.writeScanlines(memory, withForm ? { ...scanlines, form } : scanlines);
      return new Uint8Array(inflateSync(deflate.end()));
    })
  );
  assert.deepEqual([inflated[0][stray], inflated[1][stray]], [0, 77]);
});

Deno.test("a block whose symbols outgrow the kernels' room is written by TypeScript, the same", () => {
  // 150 zero rows of a million zeros: about 145 KiB of symbols in one block, against 128 KiB.
  const streams = [false, true].map((byKernel) =>
    withKernels(AT + RUN_TOKEN_BYTES, (kernels, memory) => {
      const deflate = new RunDeflate(
        byKernel ? { tokenKernel: { ...kernels, memory, at: AT } } : {},
      );
      deflate.zeroRows(2, 1_000_000, 150);
      deflate.zeroRows(1, 20, 3);
      return deflate.end().slice();
    })
  );
  assertSameData(streams[1], streams[0]);
  assert.ok(streams[0].length > 128 * 1024, `${streams[0].length} bytes`);
});

Deno.test("a deflater lent the kernels call by call writes the same stream, its tokens its own", async (t) => {
  const next = random(13);
  const literals = Array.from({ length: (1 << 14) - 2 }, (_, i) => 1 + (i % 250));
  const cases: Record<string, Uint8Array> = {
    "sparse rows": sparse(150_000, next),
    "noise: many blocks of literals": Uint8Array.from({ length: 50_000 }, () => next() * 256),
    "two zeros that end a block": Uint8Array.from([...literals, 0, 0, 0, 9, 8, 7]),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    await t.step(name, () => {
      const cuts = [0, ...Array.from({ length: 6 }, () => Math.floor(next() * bytes.length))]
        .sort((a, b) => a - b);
      const pieces = cuts.map((from, k) => [from, cuts[k + 1] ?? bytes.length]);
      // Each piece as one scanline that is not zeros, the way a row encoder hands rows over.
      const flags = new Uint8Array([1]);
      const plain = new RunDeflate();
      for (const [from, to] of pieces) {
        if (to > from) {
          plain.writeScanlines(bytes.subarray(from, to), {
            first: 0,
            stride: to - from,
            count: 1,
            flags,
            at: 0,
          });
        }
      }
      const lent = new RunDeflate();
      for (const [from, to] of pieces) {
        if (to === from) continue;
        withKernels(AT + bytes.length + 64 + RUN_TOKEN_BYTES, (kernels, memory) => {
          memory.set(bytes, AT);
          const kernel = { ...kernels, memory, at: (AT + bytes.length + 64) & ~15 };
          const scanline = { first: 0, stride: to - from, count: 1, flags, at: 0, kernel };
          lent.writeScanlines(memory.subarray(AT + from, AT + to), scanline);
        });
      }
      const stream = withKernels(0, (kernels, memory) => lent.end({ ...kernels, memory, at: 0 }));
      assertSameData(stream, plain.end());
      assertSameData(new Uint8Array(inflateSync(stream)), bytes);
    });
  }
});

Deno.test("zero rows of any width are the same symbols by the kernels, packed or piece by piece", async (t) => {
  // Narrow rows pack into one pattern, wider ones into two, the widest are written piece by
  // piece; literals between the runs make the codes of each block differ.
  const widths = [
    ...Array.from({ length: 800 }, (_, n) => n + 1),
    1919,
    1920,
    5760,
    5761,
    7681,
    20_000,
    100_000,
  ];
  for (const pixelBytes of [1, 3]) {
    await t.step(`${pixelBytes} bytes a pixel`, () => {
      const streams = [false, true].map((byKernel) =>
        withKernels(AT + RUN_TOKEN_BYTES, (kernels, memory) => {
          const deflate = new RunDeflate({
            pixelBytes,
            ...(byKernel ? { tokenKernel: { ...kernels, memory, at: AT } } : {}),
          });
          const seed = random(11);
          for (const width of widths) {
            deflate.write(Uint8Array.of(1 + Math.floor(seed() * 200), 0, 3), 0, 3);
            deflate.zeroRows(1 + (width % 4), width, 1 + (width % 5));
          }
          return deflate.end().slice();
        })
      );
      assertSameData(streams[1], streams[0]);
      const expected = [];
      const seed = random(11);
      for (const width of widths) {
        expected.push(1 + Math.floor(seed() * 200), 0, 3);
        const row = [1 + (width % 4), ...new Array(width).fill(0)];
        for (let r = 0; r < 1 + (width % 5); r++) expected.push(...row);
      }
      assertSameData(new Uint8Array(inflateSync(streams[1])), Uint8Array.from(expected));
    });
  }
});
