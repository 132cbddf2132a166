import { MOST_PIXELS } from "./_instance_scan_checks.ts";

/**
 * Writes run lengths as COCO's compressed RLE string, as `pycocotools`' `rleToString` does: each
 * count, from the fourth on minus the count two before it, in 5-bit groups from the lowest, each
 * group a character `48 + group`, with `0x20` set on every group but the last of a count.
 *
 * @param counts The run lengths in column-major order, starting with a (maybe empty) run of 0s.
 * @returns The `counts` string of `{"size": [h, w], "counts": ...}`.
 * @throws {RangeError} when a count is not a whole number from 0 to 2^31 - 1.
 *
 * @example A 2×2 mask whose bottom-right pixel is set: runs 3 zeros, 1 one
 * ```ts
 * import { cocoRleString } from "@lab/masks/formats";
 *
 * console.log(cocoRleString([3, 1])); // "31"
 * ```
 */
export function cocoRleString(counts: readonly number[]): string {
  let text = "";
  for (let i = 0; i < counts.length; i++) {
    let value = counts[i];
    // The groups are made with 32-bit shifts: a count past them, or no count, wrote other runs.
    if (!(Number.isInteger(value) && value >= 0 && value <= MOST_PIXELS)) {
      throw new RangeError(
        `counts[${i}] must be a whole number from 0 to ${MOST_PIXELS}; got ${String(value)}`,
      );
    }
    if (i > 2) value -= counts[i - 2];
    for (let more = true; more;) {
      let group = value & 0x1f;
      value >>= 5;
      more = (group & 0x10) ? value !== -1 : value !== 0;
      if (more) group |= 0x20;
      text += String.fromCharCode(group + 48);
    }
  }
  return text;
}
