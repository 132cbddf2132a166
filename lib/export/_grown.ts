import { releaseBytes } from "../_release_bytes.ts";

/**
 * `array`'s values at the start of `empty`, a larger array of the same kind: a table kept by
 * entry number, grown as entries come. `array` is freed at once (see `releaseBytes`), not at
 * V8's next full collection; nothing may read it afterwards.
 *
 * @param array The values so far.
 * @param empty The larger array.
 * @returns `empty`, holding them.
 *
 * @example
 * ```ts
 * import { grown } from "./_grown.ts";
 *
 * console.log(grown(new Uint8Array([1, 2]), new Uint8Array(4))); // Uint8Array(4) [1, 2, 0, 0]
 * ```
 */
export function grown<T extends Uint8Array | Uint32Array>(array: T, empty: T): T {
  empty.set(array);
  releaseBytes(array);
  return empty;
}
