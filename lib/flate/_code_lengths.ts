/**
 * A dynamic block's header (RFC 1951, 3.2.7): the lengths of the block's literal/length and
 * distance codes, run-length coded with the code-length alphabet (16 repeats the length before,
 * 17 and 18 are runs of zeros) and written with a Huffman code of their own, whose lengths come
 * first.
 *
 * @module
 */

import type { BitWriter } from "./_bit_writer.ts";
import { atLeastTwo, canonicalCodes, huffmanLengths } from "./_huffman.ts";

/** The order in which a block's header lists the code-length code's lengths. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * The lengths and counts of a block's code lengths, and their run-length coded symbols with
 * each symbol's extra bits (at most one symbol a length), made again for each block.
 */
const SCRATCH = {
  lengths: new Uint8Array(286 + 30),
  frequencies: new Uint32Array(19),
  symbols: new Uint8Array(286 + 30),
  extras: new Uint8Array(286 + 30),
  codeLengths: new Uint8Array(19),
  codes: new Uint16Array(19),
};

/**
 * Writes the block's header after its first three bits: the two codes' lengths, run-length coded
 * with a code of their own (the unused lengths at the end of each code are left out).
 *
 * @param writer Where the bits go.
 * @param literalLengths The literal/length code's lengths, 286 symbols (0: unused).
 * @param distanceLengths The distance code's lengths, 30 symbols (0: unused).
 *
 * @example
 * ```ts
 * import { BitWriter } from "./_bit_writer.ts";
 * import { writeCodeLengths } from "./_code_lengths.ts";
 *
 * // Literal 0 in 1 bit, literal 255 and the end of block in 2; distance codes 0 and 1 in 1 bit.
 * const literalLengths = new Uint8Array(286);
 * literalLengths[0] = 1;
 * literalLengths[255] = literalLengths[256] = 2;
 * const distanceLengths = new Uint8Array(30);
 * distanceLengths[0] = distanceLengths[1] = 1;
 * const writer = new BitWriter();
 * writeCodeLengths(writer, literalLengths, distanceLengths);
 * writer.alignToByte();
 * const [first, second] = writer.bytes();
 * console.log(first & 0x1f); // 0: 257 literal/length lengths follow
 * console.log((first >> 5) | (second & 3) << 3); // 1: 2 distance lengths follow
 * ```
 */
export function writeCodeLengths(
  writer: BitWriter,
  literalLengths: Uint8Array,
  distanceLengths: Uint8Array,
): void {
  let literalCount = 286;
  while (literalCount > 257 && literalLengths[literalCount - 1] === 0) literalCount--;
  let distanceCount = 30;
  while (distanceCount > 1 && distanceLengths[distanceCount - 1] === 0) distanceCount--;
  const lengths = SCRATCH.lengths.subarray(0, literalCount + distanceCount);
  lengths.set(literalLengths.subarray(0, literalCount));
  lengths.set(distanceLengths.subarray(0, distanceCount), literalCount);
  const { symbols, extras } = SCRATCH;
  const count = runLengthCoded(lengths, symbols, extras);
  const frequencies = SCRATCH.frequencies.fill(0);
  for (let i = 0; i < count; i++) frequencies[symbols[i]]++;
  const codeLengths = huffmanLengths(atLeastTwo(frequencies), 7, SCRATCH.codeLengths);
  const codes = canonicalCodes(codeLengths, SCRATCH.codes);
  let codeLengthCount = 19;
  while (codeLengthCount > 4 && codeLengths[CODE_LENGTH_ORDER[codeLengthCount - 1]] === 0) {
    codeLengthCount--;
  }
  writer.put(literalCount - 257, 5);
  writer.put(distanceCount - 1, 5);
  writer.put(codeLengthCount - 4, 4);
  for (let i = 0; i < codeLengthCount; i++) writer.put(codeLengths[CODE_LENGTH_ORDER[i]], 3);
  for (let i = 0; i < count; i++) {
    const symbol = symbols[i];
    writer.put(codes[symbol], codeLengths[symbol]);
    if (symbol >= 16) writer.put(extras[i], symbol === 16 ? 2 : symbol === 17 ? 3 : 7);
  }
}

/**
 * Writes the lengths as the code-length alphabet's symbols (16 repeats, 17 and 18 zero runs) and
 * each one's extra bits into `symbols` and `extras`; returns how many.
 */
function runLengthCoded(lengths: Uint8Array, symbols: Uint8Array, extras: Uint8Array): number {
  let count = 0;
  const push = (symbol: number, extra: number) => {
    symbols[count] = symbol;
    extras[count++] = extra;
  };
  for (let i = 0; i < lengths.length;) {
    const value = lengths[i];
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === value) run++;
    if (value === 0 && run >= 3) {
      const taken = Math.min(run, 138);
      push(taken >= 11 ? 18 : 17, taken >= 11 ? taken - 11 : taken - 3);
      i += taken;
      continue;
    }
    push(value, 0);
    i++;
    for (let left = run - 1; value !== 0 && left >= 3;) {
      const taken = Math.min(left, 6);
      push(16, taken - 3);
      i += taken;
      left -= taken;
    }
  }
  return count;
}
