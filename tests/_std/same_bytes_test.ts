import assert from "./assert.ts";
import { assertSameBytes, assertSameData } from "./same_bytes.ts";

/** The message `check` fails with. */
function failure(check: () => void): string {
  try {
    check();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the check to fail");
}

Deno.test("assertSameBytes fails two 840 KB images with one short line: the count and the first difference", () => {
  const expected = new Uint8Array(840_000);
  const actual = expected.slice();
  actual[500_001] = 9;
  actual[700_000] = 1;
  const message = failure(() => assertSameBytes(actual, expected, "pixels"));
  assert.equal(
    message,
    "2 of 840000 pixels differ; the first at index 500001: 9, expected 0",
  );
  assert.match(
    failure(() => assertSameBytes(actual.subarray(0, 10), expected)),
    /^10 bytes, expected 840000: 839990 differ; the first at index 10: \(none\), expected 0$/,
  );
  assertSameBytes(actual, actual.slice());
});

Deno.test("assertSameData compares the buffers in images, lists and maps by count, and the rest as deepEqual does", () => {
  const data = new Uint8Array(840_000);
  const changed = data.slice();
  changed[3] = 1;
  const image = (pixels: Uint8Array, width = 1) => ({ width, height: 840_000 / 3, data: pixels });
  assertSameData(image(data), image(data.slice()));
  const message = failure(() => assertSameData([image(data)], [image(changed)], "masks"));
  assert.equal(
    message,
    "1 of 840000 elements of masks.0.data differ; the first at index 3: 0, expected 1",
  );
  assert.ok(message.length < 200);
  assert.match(failure(() => assertSameData(image(data, 2), image(data))), /^value\.width/);
  const files = (bytes: Uint8Array) => new Map([["b.png", new Uint8Array(4)], ["a.png", bytes]]);
  assertSameData(files(data), new Map([...files(data)].reverse()));
  assert.match(
    failure(() => assertSameData(files(data), files(changed))),
    /^1 of 840000 elements of value\[a\.png\] differ/,
  );
  assert.match(failure(() => assertSameData(files(data), new Map())), /its keys/);
});
