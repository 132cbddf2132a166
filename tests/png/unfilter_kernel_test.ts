/**
 * The kernels' unfilter (every filter type, 3 and 4 bytes a pixel, its flat runs and its pixels
 * four at a time) against the TypeScript unfilter of the general decoder, on rows that are not
 * masks: noise with runs of zeros between, so that every path meets bytes unlike their
 * neighbours (a mask's red and green are often equal).
 *
 * @module
 */
import { assertSameBytes } from "../_std/same_bytes.ts";
import { align16, SLACK, withKernels } from "../../lib/png/kernels.ts";
import { unfilterRows } from "../../lib/png/_unfilter.ts";

/** A seeded generator of bytes (xorshift). */
function bytesFrom(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  };
}

/** Scanlines of `rows` rows: random filter types; noise in short bursts, zeros between them. */
function scanlines(width: number, bpp: number, rows: number, seed: number): Uint8Array {
  const next = bytesFrom(seed);
  const rowBytes = width * bpp;
  const data = new Uint8Array(rows * (rowBytes + 1));
  for (let r = 0; r < rows; r++) {
    const at = r * (rowBytes + 1);
    data[at] = next() % 5;
    let noisy = next() % 2 === 0;
    for (let i = 0; i < rowBytes;) {
      const run = 1 + (next() % 90);
      for (let k = 0; k < run && i < rowBytes; k++, i++) data[at + 1 + i] = noisy ? next() : 0;
      noisy = !noisy;
    }
  }
  return data;
}

Deno.test("the kernels unfilter every filter type as the TypeScript unfilter does, on noise between runs of zeros", () => {
  for (const bpp of [3, 4]) {
    for (const width of [1, 2, 5, 16, 17, 21, 61, 100, 333, 1000]) {
      for (const seed of [1, 2, 3]) {
        const rows = 24;
        const data = scanlines(width, bpp, rows, seed * 7919 + width);
        const rowBytes = width * bpp;
        const wanted = data.slice();
        unfilterRows(wanted, {
          at: 0,
          rows,
          rowBytes,
          bytesPerPixel: bpp,
          above: new Uint8Array(rowBytes),
        });
        const zero = 0;
        const at = align16(rowBytes + SLACK);
        const got = withKernels(at + data.length + SLACK, (kernels, memory) => {
          memory.fill(0, 0, at + data.length + SLACK);
          memory.set(data, at);
          kernels.unfilter(at, rows, rowBytes, bpp, zero, 0);
          return memory.slice(at, at + data.length);
        });
        // Filter-type bytes are left as they were; every row's bytes are compared.
        assertSameBytes(got, wanted, `${bpp} bytes a pixel, ${width} wide, seed ${seed}`);
      }
    }
  }
});
