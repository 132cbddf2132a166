import assert from "../_std/assert.ts";
import { Adler32 } from "../../lib/flate/_adler32.ts";

/** Adler-32 of rows of a filter-type byte and zeros, one row at a time (the loop it replaces). */
function rowByRow(start: Adler32, filter: number, zeros: number, count: number): number {
  let { a, b } = start;
  for (let row = 0; row < count; row++) {
    a = (a + filter) % 65521;
    b = (b + (zeros + 1) * a) % 65521;
  }
  return b * 65536 + a;
}

Deno.test("Adler32.zeroRows sums the rows' very bytes", () => {
  for (const filter of [0, 1, 2, 4]) {
    for (const zeros of [0, 1, 3, 17, 1920]) {
      for (const count of [0, 1, 2, 3, 7, 100]) {
        const rows = new Uint8Array(count * (zeros + 1));
        for (let row = 0; row < count; row++) rows[row * (zeros + 1)] = filter;
        const byBytes = new Adler32();
        byBytes.bytes(Uint8Array.of(9, 200, 31), 0, 3);
        byBytes.bytes(rows, 0, rows.length);
        const byRows = new Adler32();
        byRows.bytes(Uint8Array.of(9, 200, 31), 0, 3);
        byRows.zeroRows(filter, zeros, count);
        assert.equal(byRows.value(), byBytes.value(), `${filter} ${zeros} ${count}`);
      }
    }
  }
});

Deno.test("Adler32.zeroRows is exact for counts and rows past the modulus", () => {
  for (const filter of [1, 2, 3, 4]) {
    for (const zeros of [5, 65520, 65521, 1_000_000, 2 ** 31 - 1]) {
      for (const count of [65520, 65521, 65522, 131_043, 250_001]) {
        const start = new Adler32();
        start.bytes(Uint8Array.of(255, 255, 254), 0, 3);
        const expected = rowByRow(start, filter, zeros, count);
        start.zeroRows(filter, zeros, count);
        assert.equal(start.value(), expected, `${filter} ${zeros} ${count}`);
      }
    }
  }
});
