import { createHash } from "node:crypto";
import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { SLACK, withKernels } from "../../lib/png/kernels.ts";
import { PixelDigest } from "../../lib/png/pixel_digest.ts";
import { pixelFormBound } from "../../lib/png/pixel_pieces.ts";
import { CENSUS_BYTES, clearCensus, readCensus } from "../../lib/png/mask_census.ts";
import { digestStrip } from "../../lib/png/_strip_digest.ts";
import { filterScanlines, type PngFilter } from "../../lib/png/_filter.ts";
import { seededRandom } from "../../testing/seeded_random.ts";

/** Rows like a mask's: runs of a few values, each row a few changes away from the one above. */
function maskRows(rowBytes: number, rows: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const data = new Uint8Array(rowBytes * rows);
  for (let y = 0; y < rows; y++) {
    if (y > 0) data.copyWithin(y * rowBytes, (y - 1) * rowBytes, y * rowBytes);
    // Some rows repeat the row above; others change a few runs, some near the row's end.
    const changes = random() < 0.3 ? 0 : 1 + Math.floor(random() * 4);
    for (let c = 0; c < changes; c++) {
      const from = Math.floor(random() * rowBytes);
      const to = Math.min(rowBytes, from + 1 + Math.floor(random() * 40));
      data.fill(Math.floor(random() * 256), y * rowBytes + from, y * rowBytes + to);
    }
  }
  return data;
}

/** Each row minus the row above, bytewise (zeros above the first). */
function upDifferences(data: Uint8Array, rowBytes: number): Uint8Array {
  return data.map((byte, i) => i < rowBytes ? byte : byte - data[i - rowBytes]);
}

/** The digest the kernels make of rows they hold: as they are, or as differences. */
function kernelDigest(rows: Uint8Array, rowBytes: number, asDifferences: boolean): string {
  const count = rows.length / rowBytes;
  const digest = new PixelDigest({ width: rowBytes, height: count, layout: "gray8" });
  const stride = rowBytes + 3; // rows not back to back, nor on any alignment
  const zero = 0;
  const ptr = rowBytes + SLACK + 5;
  const bytes = ptr + count * stride + pixelFormBound(count, rowBytes) + 2 * SLACK;
  withKernels(bytes, (k, memory) => {
    memory.fill(0, zero, rowBytes + SLACK);
    const source = asDifferences ? upDifferences(rows, rowBytes) : rows;
    for (let y = 0; y < count; y++) {
      memory.set(source.subarray(y * rowBytes, (y + 1) * rowBytes), ptr + y * stride);
    }
    const out = ptr + count * stride + SLACK;
    const above = asDifferences ? -1 : zero;
    // Two strips, as a reader hands them over: the second's row above is the first's last.
    const half = Math.floor(count / 2);
    digestStrip(k, memory, digest, { ptr, stride, count: half, rowBytes, above, flags: 0, out });
    const rest = ptr + half * stride;
    const second = asDifferences ? -1 : rest - stride;
    digestStrip(k, memory, digest, {
      ptr: rest,
      stride,
      count: count - half,
      rowBytes,
      above: second,
      flags: 0,
      out,
    });
  });
  return digest.hex();
}

Deno.test("the kernels, the rows and the differences give one digest, at every row length", () => {
  for (let rowBytes = 1; rowBytes <= 150; rowBytes += rowBytes < 40 ? 1 : 7) {
    const rows = maskRows(rowBytes, 23, rowBytes);
    const fromRows = new PixelDigest({ width: rowBytes, height: 23, layout: "gray8" });
    fromRows.update(rows);
    const expected = fromRows.hex();
    const fromDifferences = new PixelDigest({ width: rowBytes, height: 23, layout: "gray8" });
    const differences = upDifferences(rows, rowBytes);
    // Word-aligned and not: the digest reads words where it can.
    const shifted = new Uint8Array(differences.length + 1);
    shifted.set(differences, 1);
    fromDifferences.updateDifferences(shifted, 1, rowBytes, 23);
    assert.equal(fromDifferences.hex(), expected, `${rowBytes} bytes, differences`);
    const aligned = new PixelDigest({ width: rowBytes, height: 23, layout: "gray8" });
    for (let y = 0; y < 23; y++) {
      aligned.updateDifferences(differences.slice(y * rowBytes, (y + 1) * rowBytes), 0, 0, 1);
    }
    assert.equal(aligned.hex(), expected, `${rowBytes} bytes, each row aligned`);
    assert.equal(kernelDigest(rows, rowBytes, false), expected, `${rowBytes} bytes, kernels`);
    assert.equal(kernelDigest(rows, rowBytes, true), expected, `${rowBytes} bytes, kernels, Up`);
  }
});

/** The rows as PNG scanlines, each row's filter picked at random (Up most often, as in masks). */
function mixedScanlines(rows: Uint8Array, rowBytes: number, seed: number): Uint8Array {
  const filters: PngFilter[] = ["none", "sub", "up", "average", "paeth", "up", "up"];
  const filtered = filters.map((filter) =>
    filterScanlines(rows, { rowBytes, bytesPerPixel: 3, filter })
  );
  const random = seededRandom(seed);
  const lines = new Uint8Array(filtered[0].length);
  for (let at = 0; at < lines.length; at += rowBytes + 1) {
    const pick = filtered[Math.floor(random() * filters.length)];
    lines.set(pick.subarray(at, at + rowBytes + 1), at);
  }
  return lines;
}

Deno.test("unfilterForm unfilters RGB scanlines of any filter and cuts the same form", () => {
  for (let rowBytes = 3; rowBytes <= 150; rowBytes += rowBytes < 60 ? 3 : 21) {
    const count = 23;
    const rows = maskRows(rowBytes, count, rowBytes + 1);
    const expected = new PixelDigest({ width: rowBytes / 3, height: count, layout: "rgb8" });
    expected.update(rows);
    const digest = new PixelDigest({ width: rowBytes / 3, height: count, layout: "rgb8" });
    const lines = mixedScanlines(rows, rowBytes, rowBytes);
    const stride = rowBytes + 1;
    const ptr = rowBytes + SLACK + 5; // on no alignment
    const out = ptr + count * stride + SLACK;
    withKernels(out + pixelFormBound(count, rowBytes) + SLACK, (k, memory) => {
      memory.fill(0, 0, rowBytes + SLACK);
      memory.set(lines, ptr);
      // Two strips, as a reader hands them over: the second's row above is the first's last.
      const half = 11;
      for (const [first, rowCount] of [[0, half], [half, count - half]]) {
        const at = ptr + first * stride;
        const above = first === 0 ? 0 : at - stride + 1;
        const end = k.unfilterForm(at, rowCount, rowBytes, 3, above, 0, out, 0);
        assert.ok(end >= out, `${rowBytes} bytes: rows ${first}+ unfiltered`);
        digest.updateForm(memory.slice(out, end));
      }
      for (let y = 0; y < count; y++) {
        const row = memory.subarray(ptr + y * stride + 1, ptr + (y + 1) * stride);
        assert.deepEqual(row, rows.subarray(y * rowBytes, (y + 1) * rowBytes), `row ${y}`);
      }
      memory[ptr + 5 * stride] = 5;
      assert.equal(
        k.unfilterForm(ptr, count, rowBytes, 3, 0, 0, out, 0),
        -1 - 5,
        "bad filter type",
      );
    });
    assert.equal(digest.hex(), expected.hex(), `${rowBytes} bytes`);
  }
});

Deno.test("unfilterForm patching the row above gives the same form and census, and each strip's last row raw", () => {
  for (let rowBytes = 3; rowBytes <= 150; rowBytes += rowBytes < 60 ? 3 : 21) {
    const count = 23;
    const rows = maskRows(rowBytes, count, rowBytes + 7);
    const lines = mixedScanlines(rows, rowBytes, rowBytes);
    const stride = rowBytes + 1;
    const tables = rowBytes + SLACK + 16;
    const ptr = tables + CENSUS_BYTES + 5;
    const out = ptr + count * stride + SLACK;
    const [plain, patched] = [0, 1].map((patch) =>
      withKernels(out + pixelFormBound(count, rowBytes) + SLACK, (k, memory) => {
        memory.fill(0, 0, rowBytes + SLACK);
        memory.set(lines, ptr);
        clearCensus(memory, tables);
        const digest = new PixelDigest({ width: rowBytes / 3, height: count, layout: "rgb8" });
        for (const [first, rowCount] of [[0, 11], [11, 12]]) {
          const at = ptr + first * stride;
          const above = first === 0 ? 0 : at - stride + 1;
          const end = k.unfilterForm(at, rowCount, rowBytes, 3, above, tables, out, patch);
          digest.updateForm(memory.slice(out, end));
          const last = (first + rowCount - 1) * rowBytes;
          const lastRow = memory.subarray(at + (rowCount - 1) * stride + 1, at + rowCount * stride);
          assert.deepEqual(lastRow, rows.subarray(last, last + rowBytes), `patch ${patch}: raw`);
        }
        return { hex: digest.hex(), census: readCensus(memory, tables) };
      })
    );
    assert.deepEqual(patched, plain, `${rowBytes} bytes`);
  }
});

Deno.test("the digest is the SHA-256 of the documented form: pieces of differences, numbered", () => {
  // Two rows of 20 bytes: the first has a byte in each piece, the second repeats it but byte 17.
  const rows = new Uint8Array(40);
  rows[3] = 7;
  rows[17] = 9;
  rows.copyWithin(20, 0, 20);
  rows[37] = 10;
  const digest = new PixelDigest({ width: 20, height: 2, layout: "gray8" });
  digest.update(rows);
  const piece = (number: number, bytes: number[]) => [number, 0, 0, 0, ...bytes];
  const first = [...piece(1, [0, 0, 0, 7, ...new Array(12).fill(0)]), ...piece(2, [0, 9, 0, 0])];
  const form = new Uint8Array([...first, 0, 0, 0, 0, ...piece(2, [0, 1, 0, 0]), 0, 0, 0, 0]);
  const expected = createHash("sha256").update("lab-masks-pixels/2 20 2 gray8\n").update(form);
  assert.equal(digest.hex(), expected.digest("hex"));
});

Deno.test("a digest given differences refuses rows after them", () => {
  const digest = new PixelDigest({ width: 2, height: 2, layout: "gray8" });
  digest.updateDifferences(new Uint8Array([1, 0]), 0, 2, 1);
  assert.throws(
    () => digest.update(new Uint8Array([1, 0])),
    errorWith(RangeError, "PixelDigest was given differences: it cannot take rows after them"),
  );
});
