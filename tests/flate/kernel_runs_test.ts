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
      tokenKernel: { runTokens: kernels.runTokens, memory, at: tokens },
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
