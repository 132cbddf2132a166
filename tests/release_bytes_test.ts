import assert from "./_std/assert.ts";
import { releaseBytes } from "../lib/_release_bytes.ts";
import { PackedStrings } from "../lib/_packed_strings.ts";
import { HashedKeys } from "../lib/_hashed_keys.ts";

Deno.test("releaseBytes() frees a typed array of numbers that owns its buffer, not a view into a larger one", () => {
  for (const make of [(n: number) => new Int32Array(n), (n: number) => new Float64Array(n)]) {
    const whole = make(16);
    releaseBytes(whole);
    assert.equal(whole.buffer.detached, true);
    assert.equal(whole.length, 0);
    const larger = make(16);
    const view = larger.subarray(4);
    releaseBytes(view);
    assert.equal(larger.buffer.detached, false);
    assert.equal(view.length, 12);
  }
  const data = new DataView(new ArrayBuffer(8));
  releaseBytes(data);
  assert.equal(data.buffer.detached, false);
});

Deno.test("PackedStrings and HashedKeys free their old arrays as they grow: what stays outside the heap is about the last ones", () => {
  const before = Deno.memoryUsage().external;
  const strings = new PackedStrings();
  const index = new HashedKeys({ keyOf: (number) => strings.get(number) });
  const count = 200_000;
  for (let i = 0; i < count; i++) {
    const text = `frames/camera_${i % 7}/frame_${String(i).padStart(7, "0")}.jpg.png`;
    index.add(text, strings.push(text));
  }
  const grown = Deno.memoryUsage().external - before;
  // The last arrays: about 40 bytes a string and its end, 5 bytes a slot of the index (up to
  // 2^19 slots), each array up to a quarter (strings) or twice (index) larger than it must be.
  const last = 1.25 * count * (40 + 4) + 5 * 2 ** 19;
  // Copies left to a full collection would come to four times the strings' last arrays more.
  assert.ok(grown < 2 * last, `${grown} bytes outside the heap for ${last} in the last arrays`);
  // Every string is still there, and found.
  for (const i of [0, 1, 99_999, count - 1]) {
    const text = `frames/camera_${i % 7}/frame_${String(i).padStart(7, "0")}.jpg.png`;
    assert.equal(strings.get(index.find(text, (n) => strings.equals(n, text))!), text);
  }
});
