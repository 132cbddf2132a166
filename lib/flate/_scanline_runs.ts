/**
 * How a deflater walks a PNG's scanlines when it knows which are zeros after their filter type
 * (a row that repeats the row above, once Up-filtered): runs of such rows alike, and runs of the
 * others.
 *
 * @module
 */

/** Scanlines `stride` bytes apart, and which are zeros. */
export interface Scanlines {
  /** The first one's position. */
  first: number;
  /** The distance between two. */
  stride: number;
  /** How many. */
  count: number;
  /** `flags[at + row]` is 0 for a row of zeros after its filter type. */
  flags: Uint8Array;
  /** Where the flags start. */
  at: number;
}

/** What is done with each run. */
export interface ScanlineRuns {
  /** `rows` scanlines of filter type `filter`, each `zeros` zero bytes after it. */
  zeroRows(filter: number, zeros: number, rows: number): void;
  /** The other scanlines, `bytes[from..to)`. */
  rows(from: number, to: number): void;
}

/**
 * Hands the scanlines over run by run, in order.
 *
 * @param bytes Where the scanlines are.
 * @param scanlines Where, and which are zeros.
 * @param runs What takes each run.
 *
 * @example
 * ```ts
 * import { eachScanlineRun } from "./_scanline_runs.ts";
 *
 * const bytes = new Uint8Array([2, 0, 0, 2, 0, 0, 2, 5, 0]);
 * const flags = new Uint8Array([0, 0, 1]);
 * const seen: string[] = [];
 * eachScanlineRun(bytes, { first: 0, stride: 3, count: 3, flags, at: 0 }, {
 *   zeroRows: (filter, zeros, rows) => seen.push(`${rows} zero rows`),
 *   rows: (from, to) => seen.push(`bytes ${from} to ${to}`),
 * });
 * console.log(seen); // [ "2 zero rows", "bytes 6 to 9" ]
 * ```
 */
export function eachScanlineRun(bytes: Uint8Array, scanlines: Scanlines, runs: ScanlineRuns) {
  const { first, stride, count, flags, at } = scanlines;
  for (let row = 0; row < count;) {
    let end = row + 1;
    if (flags[at + row] === 0) {
      const filter = bytes[first + row * stride];
      while (end < count && flags[at + end] === 0 && bytes[first + end * stride] === filter) {
        end++;
      }
      runs.zeroRows(filter, stride - 1, end - row);
    } else {
      while (end < count && flags[at + end] !== 0) end++;
      runs.rows(first + row * stride, first + end * stride);
    }
    row = end;
  }
}
