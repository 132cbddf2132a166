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
  const lengths = actual.length === expected.length
    ? `${actual.length} ${what} each`
    : `${actual.length} ${what}, expected ${expected.length}`;
  assert.fail(
    `${differing} ${what} differ (${lengths}); the first at index ${first}: ${
      at(actual)
    }, expected ${at(expected)}`,
  );
}
