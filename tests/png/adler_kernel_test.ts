import assert from "../_std/assert.ts";
import { kernelAdler, withKernels } from "../../lib/png/kernels.ts";
import { adler32Of as slowAdler } from "../../lib/flate/inflate_stream.ts";

/** Mostly zeros, with nonzero bytes scattered in short bursts, as filtered mask rows are. */
function sparse(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) >>> 8;
  for (let at = next() % 300; at < length; at += 1 + (next() % 400)) {
    const burst = 1 + (next() % 40);
    for (let i = at; i < Math.min(length, at + burst); i++) bytes[i] = next() & 255;
  }
  return bytes;
}

Deno.test("the Adler-32 kernel sums as zlib does, across zero runs, vectors and reductions", async (t) => {
  const cases: [string, Uint8Array][] = [
    ["empty", new Uint8Array(0)],
    ["one byte", new Uint8Array([200])],
    ["all 255 (the sums' largest, over several reductions)", new Uint8Array(40_000).fill(255)],
    ["all zeros", new Uint8Array(70_001)],
    ["mask-like, 200 kB", sparse(200_003, 7)],
    ["random bytes", sparse(20_000, 3).map((_, i) => (i * 2654435761) >>> 24)],
  ];
  for (let length = 1; length < 300; length += 7) {
    cases.push([`${length} bytes`, sparse(length, length)]);
  }
  for (const [name, bytes] of cases) {
    await t.step(name, () => {
      withKernels(bytes.length + 64, (kernels, memory) => {
        // At an odd offset too: the kernel reads unaligned.
        for (const offset of [0, 3]) {
          memory.set(bytes, offset);
          const got = kernels.adler32(offset, bytes.length, 1) >>> 0;
          assert.equal(got, slowAdler(bytes), `at offset ${offset}`);
        }
      });
    });
  }
  await t.step("going on from an earlier sum, split anywhere", () => {
    const bytes = sparse(30_000, 11);
    const whole = slowAdler(bytes);
    withKernels(bytes.length + 16, (kernels, memory) => {
      memory.set(bytes);
      for (const cut of [1, 63, 64, 5504, 5505, 17_000]) {
        const first = kernels.adler32(0, cut, 1) >>> 0;
        assert.equal(kernels.adler32(cut, bytes.length - cut, first) >>> 0, whole, `cut at ${cut}`);
      }
    });
  });
  await t.step("going on from the largest sums, with the largest bytes after zero runs", () => {
    // Each chunk's vector sums at their largest: a and b at 65520, then bytes of 255 in blocks
    // between runs of zero blocks.
    const bytes = new Uint8Array(23_000);
    for (let at = 0; at < bytes.length; at += 640) bytes.fill(255, at, at + 320);
    const largest = (65520 << 16) | 65520;
    withKernels(bytes.length + 16, (kernels, memory) => {
      memory.set(bytes);
      assert.equal(
        kernels.adler32(0, bytes.length, largest) >>> 0,
        slowAdler(bytes, largest >>> 0),
      );
    });
  });
  await t.step("kernelAdler() sums bytes outside the kernels' memory in TypeScript", () => {
    const bytes = sparse(5_000, 5);
    const inside = withKernels(16, (kernels, memory) => kernelAdler(kernels, memory)(bytes, 77));
    assert.equal(inside, slowAdler(bytes, 77));
  });
});
