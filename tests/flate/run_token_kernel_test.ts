import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { inflateSync } from "node:zlib";
import { RunDeflate } from "../../lib/flate/run_deflate.ts";
import { SLACK, withKernels } from "../../lib/png/kernels.ts";
import { seededRandom } from "../../testing/seeded_random.ts";

/** How the bytes are given: pieces of these sizes (the rest in one), some as zero rows. */
interface Feed {
  pieces: number[];
  pixel: 1 | 2 | 3;
  /** The kernel's room, in tokens: small ones make it stop and go on often. */
  capacity: number;
  /** Zero rows (`zeroRow`) of this many zeros given before each piece, if any. */
  zeroRowEvery?: number;
}

/** The stream of `bytes` fed as `feed` says, by the TypeScript tokens or the kernel's. */
function deflate(bytes: Uint8Array, feed: Feed, byKernel: boolean): Uint8Array {
  const at = SLACK + 5; // on no alignment
  const scratch = (at + bytes.length + SLACK + 3) & ~3;
  return withKernels(scratch + 32 + 6 * feed.capacity + SLACK, (kernels, memory) => {
    memory.set(bytes, at);
    const kernel = { memory, scratch, capacity: feed.capacity, runTokens: kernels.runTokens };
    const stream = new RunDeflate({ pixelBytes: feed.pixel, ...byKernel ? { kernel } : {} });
    // The TypeScript tokens read the bytes from a copy outside the kernels' memory.
    const source = byKernel ? memory : bytes.slice();
    const offset = byKernel ? at : 0;
    let from = 0;
    for (const size of [...feed.pieces, bytes.length]) {
      const to = Math.min(bytes.length, from + size);
      if (feed.zeroRowEvery) stream.zeroRow(2, feed.zeroRowEvery);
      stream.write(source, offset + from, offset + to);
      from = to;
    }
    return stream.end();
  });
}

function inflated(stream: Uint8Array): Uint8Array {
  return new Uint8Array(inflateSync(stream));
}

/** Mask-like rows: zeros, runs of a byte, runs of a pixel, a few literals, some noise. */
function maskLike(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length;) {
    const kind = random();
    const run = 1 + Math.floor(random() * (kind < 0.5 ? 900 : 300));
    if (kind < 0.5) i += run; // zeros
    else if (kind < 0.65) bytes.fill(1 + Math.floor(random() * 255), i, i + run);
    else if (kind < 0.85) {
      const pixel = [random() * 256, random() * 256, random() * 256];
      for (let k = 0; k < run && i + k < length; k++) bytes[i + k] = pixel[k % 3];
    } else {for (let k = 0; k < Math.min(run, 12) && i + k < length; k++) {
        bytes[i + k] = random() * 256;
      }}
    i += run;
  }
  return bytes;
}

Deno.test("the kernel's tokens give the same stream as RunDeflate's own, byte for byte", async (t) => {
  const noise = seededRandom(3);
  const cases: Record<string, Uint8Array> = {
    "no bytes": new Uint8Array(0),
    "one byte": new Uint8Array([9]),
    "zeros only": new Uint8Array(100_000),
    "noise, over several blocks of 16,384 tokens": Uint8Array.from(
      { length: 70_000 },
      () => noise() * 256,
    ),
    "a pixel repeated": Uint8Array.from({ length: 3000 }, (_, i) => [5, 0, 9][i % 3]),
    // The bytes taken count from the zeros too: a pixel run may start right after them.
    "zeros first, then a pixel repeated": Uint8Array.from(
      { length: 60 },
      (_, i) => i >= 6 && i % 3 === 0 ? 5 : 0,
    ),
    "runs of zeros of every length after a byte": Uint8Array.from(
      Array.from({ length: 600 }, (_, n) => [1, ...new Array(n).fill(0)]).flat(),
    ),
  };
  for (let seed = 1; seed <= 12; seed++) {
    cases[`mask-like rows, seed ${seed}`] = maskLike(40_000, seed);
  }
  for (const [name, bytes] of Object.entries(cases)) {
    await t.step(name, () => {
      const random = seededRandom(bytes.length + name.length);
      for (const pixel of [1, 2, 3] as const) {
        const feeds: Feed[] = [
          { pieces: [], pixel, capacity: 4096 },
          // Cut anywhere, even between a byte and the run after it; a room of 2 to 9 tokens.
          {
            pieces: Array.from({ length: 40 }, () => 1 + Math.floor(random() * 700)),
            pixel,
            capacity: 2 + Math.floor(random() * 8),
          },
          { pieces: [1, 2, 3, 5, 8, 13, 21, 34], pixel, capacity: 64, zeroRowEvery: 7 },
        ];
        for (const feed of feeds) {
          const expected = deflate(bytes, feed, false);
          const actual = deflate(bytes, feed, true);
          assertSameData(actual, expected, `${name}, ${JSON.stringify(feed).slice(0, 80)}`);
          if (!feed.zeroRowEvery) assertSameData(inflated(actual), bytes);
        }
      }
    });
  }
});

Deno.test("bytes outside the kernel's memory are tokenized by RunDeflate itself", () => {
  const bytes = maskLike(5000, 99);
  withKernels(1 << 16, (kernels, memory) => {
    const kernel = { memory, scratch: 1024, capacity: 64, runTokens: kernels.runTokens };
    memory.fill(0xee, 1024, 1024 + 32 + 6 * 64);
    const stream = new RunDeflate({ kernel });
    stream.write(bytes);
    assertSameData(inflated(stream.end()), bytes);
    // The kernel's room was not touched: the bytes were not in its memory.
    assert.ok(memory.subarray(1024, 1024 + 32 + 6 * 64).every((byte) => byte === 0xee));
  });
});
