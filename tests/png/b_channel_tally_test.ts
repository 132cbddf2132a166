import assert from "../_std/assert.ts";
import { BChannelTally } from "../../lib/png/b_channel_tally.ts";

/** RGB rows of `width` pixels: runs of repeated rows, labelled pixels of several B values. */
function rowsOf(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    if (y % 5 !== 0 && y > 0) {
      data.copyWithin(y * width * 3, (y - 1) * width * 3, y * width * 3);
      continue;
    }
    for (let x = 0; x < width; x++) {
      const r = (x * 7 + y) % 4; // 0: unlabelled
      data.set([r, 0, (x + 3 * y) % 6], (y * width + x) * 3);
    }
  }
  return data;
}

/** Labelled pixels by B, counted one pixel at a time. */
function counted(data: Uint8Array): number[] {
  const counts = new Array(256).fill(0);
  for (let i = 0; i < data.length; i += 3) if (data[i] !== 0) counts[data[i + 2]]++;
  return counts;
}

Deno.test("BChannelTally counts labelled pixels by B, strips with or without hints, aligned or not", () => {
  for (const width of [8, 37, 64]) {
    const height = 41;
    const data = rowsOf(width, height);
    const expected = counted(data);
    const rowBytes = width * 3;
    // Whole strips given back to back, at an aligned start (the rows compared as words when
    // their length allows) and at an unaligned one.
    for (const offset of [0, 1]) {
      const tally = new BChannelTally(width);
      for (let y = 0; y < height; y += 6) {
        const count = Math.min(6, height - y);
        const memory = new Uint8Array(offset + count * rowBytes);
        memory.set(data.subarray(y * rowBytes, (y + count) * rowBytes), offset);
        tally.updateRows(memory, offset, rowBytes, count);
      }
      assert.deepEqual([...tally.counts], expected, `width ${width}, offset ${offset}`);
    }
    // With the caller's hints: a repeated row is counted from the row above, unread.
    const hinted = new BChannelTally(width);
    hinted.update(data, (row) => row % 5 !== 0 && row > 0);
    assert.deepEqual([...hinted.counts], expected, `width ${width}, hinted`);
  }
});
