/**
 * How many labelled pixels of a mask have each B value (its bChannel): exact pixel counts per
 * class, taken from the rows an export already hands its pixel digest, so the mask is never
 * decoded again for them.
 *
 * @module
 */

/**
 * Counts the labelled pixels (`R ≥ 1`, in the platform's convention) of RGB rows by their B
 * value. A row the caller knows repeats the row above is counted from that row's tally, without
 * reading it.
 *
 * @example
 * ```ts
 * import { BChannelTally } from "@lab/masks/png";
 *
 * const tally = new BChannelTally(2);
 * tally.update(new Uint8Array([1, 1, 7, 0, 0, 7, 2, 2, 7, 2, 2, 9]));
 * console.log(tally.counts[7], tally.counts[9]); // 2 1
 * ```
 */
export class BChannelTally {
  /** By B value, the labelled pixels counted so far. */
  readonly counts: Float64Array = new Float64Array(256);
  #rowBytes: number;
  /** The last row counted: its B values and their pixels, in pairs. */
  #last: number[] = [];

  /**
   * Starts a tally of rows of `width` pixels.
   *
   * @param width The mask's width in pixels.
   */
  constructor(width: number) {
    this.#rowBytes = width * 3;
  }

  /**
   * Counts whole rows given back to back.
   *
   * @param rows The rows' RGB bytes.
   * @param sameAsAbove Which rows repeat the row above, where the caller knows.
   */
  update(rows: Uint8Array, sameAsAbove?: (row: number) => boolean | undefined): void {
    const count = this.#rowBytes === 0 ? 0 : rows.length / this.#rowBytes;
    this.updateRows(rows, 0, this.#rowBytes, count, sameAsAbove);
  }

  /**
   * Counts `count` rows that start `stride` bytes apart in `memory`, from `at`.
   *
   * @param memory The bytes holding the rows.
   * @param at The first row's first byte.
   * @param stride The distance between rows.
   * @param count How many rows.
   * @param sameAsAbove Which rows repeat the row above, where the caller knows.
   */
  updateRows(
    memory: Uint8Array,
    at: number,
    stride: number,
    count: number,
    sameAsAbove?: (row: number) => boolean | undefined,
  ): void {
    const { counts } = this;
    const row = new Float64Array(256);
    const words = sameAsAbove ? undefined : wordsOf(memory, at, stride, this.#rowBytes);
    for (let r = 0, p = at; r < count; r++, p += stride) {
      const same = sameAsAbove ? sameAsAbove(r) : r > 0 && words !== undefined &&
        sameWords(words, (p - at) / 4, stride / 4, this.#rowBytes / 4);
      if (same !== true) {
        this.#last = [];
        const end = p + this.#rowBytes;
        for (let i = p; i < end; i += 3) if (memory[i] !== 0) row[memory[i + 2]]++;
        for (let b = 0; b < 256; b++) {
          if (row[b] !== 0) this.#last.push(b, row[b]);
        }
        row.fill(0);
      }
      const last = this.#last;
      for (let k = 0; k < last.length; k += 2) counts[last[k]] += last[k + 1];
    }
  }
}

/**
 * The rows as 32-bit words, when they are whole words at aligned places (a row the same as the
 * row above is then found by comparing a quarter as many values as it has bytes); else
 * `undefined`, and every row is counted.
 */
function wordsOf(
  memory: Uint8Array,
  at: number,
  stride: number,
  rowBytes: number,
): Uint32Array | undefined {
  const start = memory.byteOffset + at;
  if (start % 4 !== 0 || stride % 4 !== 0 || rowBytes % 4 !== 0) return undefined;
  return new Uint32Array(memory.buffer, start, (memory.byteLength - at) >> 2);
}

/** Whether the row at word `w` is the same as the row `strideWords` before it. */
function sameWords(words: Uint32Array, w: number, strideWords: number, rowWords: number): boolean {
  for (let k = 0, above = w - strideWords; k < rowWords; k++) {
    if (words[w + k] !== words[above + k]) return false;
  }
  return true;
}
