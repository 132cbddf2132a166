/**
 * A comparison of large buffers (pixels, files, streams) that fails with a message of a few lines:
 * how many elements differ and the first difference. A deep diff of two large buffers prints
 * every element and can take gigabytes when it fails.
 *
 * @module
 */
import assert from "./assert.ts";

/** The arrays compared: typed arrays, Node `Buffer`s, or plain arrays of numbers. */
export type Elements = ArrayLike<number>;

/**
 * Asserts that two buffers hold the same elements; on failure says how many elements differ, the
 * first difference, and the lengths when they differ.
 *
 * @param actual The buffer made.
 * @param expected The buffer it should equal.
 * @param what What the buffers hold, for the message (e.g. `"pixels"`).
 *
 * @example
 * ```ts
 * import { assertSameBytes } from "./same_bytes.ts";
 *
 * assertSameBytes(new Uint8Array([1, 2, 3]), Uint8Array.of(1, 2, 3), "pixels");
 * ```
 */
export function assertSameBytes(actual: Elements, expected: Elements, what = "bytes"): void {
  const shared = Math.min(actual.length, expected.length);
  let differing = Math.abs(actual.length - expected.length);
  let first = -1;
  for (let i = 0; i < shared; i++) {
    if (actual[i] === expected[i]) continue;
    differing++;
    if (first === -1) first = i;
  }
  if (differing === 0) return;
  if (first === -1) first = shared;
  const at = (elements: Elements) => first < elements.length ? String(elements[first]) : "(none)";
  const count = actual.length === expected.length
    ? `${differing} of ${actual.length} ${what} differ`
    : `${actual.length} ${what}, expected ${expected.length}: ${differing} differ`;
  assert.fail(`${count}; the first at index ${first}: ${at(actual)}, expected ${at(expected)}`);
}

/**
 * Asserts that two values are deeply equal, comparing every typed array in them (an image's
 * pixels, a file's bytes, at any depth) with {@linkcode assertSameBytes}: a failure names the
 * path to the first buffer or field that differs, and stays a few lines long.
 *
 * @param actual The value made.
 * @param expected The value it should equal.
 * @param what What the values are, for the message (e.g. `"mask 3"`).
 *
 * @example
 * ```ts
 * import { assertSameData } from "./same_bytes.ts";
 *
 * const image = { width: 1, height: 1, data: new Uint8Array([1, 2, 3]) };
 * assertSameData(image, { width: 1, height: 1, data: Uint8Array.of(1, 2, 3) }, "the image");
 * ```
 */
export function assertSameData(actual: unknown, expected: unknown, what = "value"): void {
  if (isBuffer(actual) && isBuffer(expected)) {
    return assertSameBytes(actual, expected, `elements of ${what}`);
  }
  if (actual instanceof Map && expected instanceof Map) {
    assert.deepEqual(new Set(actual.keys()), new Set(expected.keys()), `${what}: its keys`);
    for (const [key, value] of actual) assertSameData(value, expected.get(key), `${what}[${key}]`);
    return;
  }
  if (!isPlain(actual) || !isPlain(expected)) return assert.deepEqual(actual, expected, what);
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${what}: an array and an object`);
  const keys = (value: object) => Object.keys(value).sort();
  assert.deepEqual(keys(actual), keys(expected), `${what}: its fields`);
  for (const key of keys(actual)) {
    assertSameData(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${what}.${key}`,
    );
  }
}

/** An array or an object of no class: compared field by field. */
function isPlain(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

function isBuffer(value: unknown): value is Elements {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}
