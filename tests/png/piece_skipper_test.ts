import assert from "../_std/assert.ts";
import { SLACK, withKernels } from "../../lib/png/kernels.ts";
import { pixelFormBound } from "../../lib/png/pixel_digest.ts";
import { writeForm } from "../../lib/png/_strip_digest.ts";
import { PieceSkipper } from "../../lib/png/_piece_skipper.ts";
import { seededRandom } from "../../testing/seeded_random.ts";

/** Up-filtered scanlines like a mask's: mostly zeros, a few runs of other bytes, some rows none. */
function sparseScanlines(rowBytes: number, rows: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const lines = new Uint8Array(rows * (rowBytes + 1));
  for (let y = 0; y < rows; y++) {
    const at = y * (rowBytes + 1);
    lines[at] = 2;
    const runs = random() < 0.3 ? 0 : 1 + Math.floor(random() * 4);
    for (let r = 0; r < runs; r++) {
      const from = Math.floor(random() * rowBytes);
      const to = Math.min(rowBytes, from + 1 + Math.floor(random() * 20));
      lines.fill(1 + Math.floor(random() * 255), at + 1 + from, at + 1 + to);
    }
  }
  return lines;
}

function firstNonzero(bytes: Uint8Array, from: number, to: number): number {
  while (from < to && bytes[from] === 0) from++;
  return from;
}

Deno.test("PieceSkipper finds the same next nonzero byte as a scan, at every position", () => {
  for (const rowBytes of [1, 5, 15, 16, 17, 31, 48, 64, 100, 150, 5760]) {
    const rows = rowBytes > 1000 ? 6 : 20;
    const lines = sparseScanlines(rowBytes, rows, rowBytes);
    const stride = rowBytes + 1;
    const form = withKernels(lines.length + pixelFormBound(rows, rowBytes) + 4 * SLACK, (k, m) => {
      const ptr = SLACK + 3; // on no alignment
      m.set(lines, ptr);
      const out = ptr + lines.length + SLACK;
      const end = writeForm(k, {
        ptr: ptr + 1,
        stride,
        count: rows,
        rowBytes,
        above: -1,
        flags: 0,
        out,
      });
      return m.slice(out, end);
    });
    const skipper = new PieceSkipper({ first: 0, stride, form });
    const random = seededRandom(rowBytes + 7);
    let checked = 0;
    for (let y = 0; y < rows; y++) {
      // The positions a deflater asks about, in order: every byte after the filter type, each
      // up to a random end (within the row, at its end, or rows further).
      for (let from = y * stride + 1; from < (y + 1) * stride; from++) {
        const to = Math.min(lines.length, from + 1 + Math.floor(random() * 2 * stride));
        const expected = firstNonzero(lines, from, Math.min(to, (y + 1) * stride));
        assert.equal(skipper.skip(lines, from, to), expected, `${rowBytes} bytes, from ${from}`);
        checked++;
      }
    }
    assert.equal(checked, rows * rowBytes);
  }
});
