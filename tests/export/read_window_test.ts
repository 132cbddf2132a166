import assert from "../_std/assert.ts";
import { ReadWindow } from "../../lib/export/_read_window.ts";

/** A file of `size` bytes (byte i is i % 251), read from memory, counting the reads. */
function memoryFile(size: number) {
  const file = Uint8Array.from({ length: size }, (_, i) => i % 251);
  const reads: number[] = [];
  const read = (position: number, chunk: Uint8Array) => {
    reads.push(position);
    const rest = file.subarray(position, position + chunk.length);
    chunk.set(rest);
    return Promise.resolve(rest.length > 0 ? rest.length : null);
  };
  return { file, reads, read };
}

/** The first index where `actual` differs from `expected`, or -1. */
function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}

Deno.test("ReadWindow serves ranges asked in file order from a window read at once: 200 lines of 1,000 bytes in 4 reads", async () => {
  const { file, reads, read } = memoryFile(200_000);
  const window = new ReadWindow(read);
  for (let start = 0; start < file.length; start += 1_000) {
    const bytes = await window.bytes(start, start + 1_000);
    assert.equal(bytes.length, 1_000);
    assert.equal(firstDifference(bytes, file.subarray(start, start + 1_000)), -1, `at ${start}`);
  }
  assert.deepEqual(reads, [0, 65_000, 130_000, 195_000]);
});

Deno.test("ReadWindow gives a range longer than its window whole, goes back for an earlier one, and cuts a range at the file's end", async () => {
  const { file, read } = memoryFile(300_000);
  const window = new ReadWindow(read);
  const long = await window.bytes(10, 150_010);
  assert.equal(long.length, 150_000);
  assert.equal(firstDifference(long, file.subarray(10, 150_010)), -1);
  const earlier = await window.bytes(3, 9);
  assert.equal(firstDifference(earlier, file.subarray(3, 9)), -1);
  const end = await window.bytes(299_990, 300_100);
  assert.equal(end.length, 10);
  assert.equal(firstDifference(end, file.subarray(299_990)), -1);
});
