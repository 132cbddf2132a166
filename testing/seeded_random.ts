/**
 * A small seeded pseudo-random generator (mulberry32), so tests, fakes and benchmarks draw the
 * same "random" numbers on every run.
 *
 * @module
 */

/**
 * Returns a generator of numbers in `[0, 1)`, the same sequence for the same seed.
 *
 * @param seed Any integer; it is taken as an unsigned 32-bit number.
 * @returns The next number of the sequence at each call.
 *
 * @example
 * ```ts
 * import { seededRandom } from "./seeded_random.ts";
 *
 * const a = seededRandom(7);
 * const b = seededRandom(7);
 * console.log(a() === b()); // true
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
