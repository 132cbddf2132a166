/**
 * Deflate's dynamic blocks (RFC 1951, 3.2.7): a block of literals and matches written with
 * Huffman codes made for it, its header giving the codes' lengths.
 *
 * @module
 */

import type { BitWriter } from "./_bit_writer.ts";
import { canonicalCodes, huffmanLengths } from "./_huffman.ts";

// deno-fmt-ignore
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
// deno-fmt-ignore
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/** The distances matches may have here: 1 to 3 (codes 0 to 2, no extra bits). */
const DISTANCE_CODE: Readonly<Record<number, number>> = { 1: 0, 2: 1, 3: 2 };
/** The order in which a block's header lists the code-length code's lengths. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/** The longest match deflate can say; longer ones are cut. */
export const MAX_MATCH = 258;
const END_OF_BLOCK = 256;

/** The length code (0 to 28; the symbol is 257 + code) of each match length from 3 to 258. */
const LENGTH_CODE = new Uint8Array(MAX_MATCH + 1);
for (let code = 0; code < LENGTH_BASE.length; code++) {
  const next = code + 1 < LENGTH_BASE.length ? LENGTH_BASE[code + 1] : MAX_MATCH + 1;
  for (let length = LENGTH_BASE[code]; length < next; length++) LENGTH_CODE[length] = code;
}

/** A block's content: per token, a literal (length 0) or a match of any length from 3. */
export interface DeflateTokens {
  /** 0 for a literal, else the match's length (cut into matches of 258 at most when written). */
  lengths: Uint32Array;
  /** The literal, or the match's distance: 1 to 3. */
  values: Uint16Array;
  /** How many tokens are used. */
  count: number;
}

/**
 * Writes the tokens as one dynamic block.
 *
 * @param writer Where the bits go.
 * @param tokens The block's literals and matches.
 * @param final Whether this is the stream's last block.
 *
 * @example
 * ```ts
 * import { inflateRawSync } from "node:zlib";
 * import { BitWriter } from "./_bit_writer.ts";
 * import { writeDynamicBlock } from "./_deflate_block.ts";
 *
 * const writer = new BitWriter();
 * // "a", then 999 bytes repeating the one before.
 * const tokens = { lengths: new Uint32Array([0, 999]), values: new Uint16Array([97, 1]), count: 2 };
 * writeDynamicBlock(writer, tokens, true);
 * writer.alignToByte();
 * console.log(inflateRawSync(writer.bytes()).toString() === "a".repeat(1000)); // true
 * ```
 */
export function writeDynamicBlock(writer: BitWriter, tokens: DeflateTokens, final: boolean): void {
  const literals = new Uint32Array(286);
  const distances = new Uint32Array(30);
  literals[END_OF_BLOCK] = 1;
  eachSymbol(tokens, {
    literal: (value) => literals[value]++,
    matches: (code, distanceCode, times) => {
      literals[257 + code] += times;
      distances[distanceCode] += times;
    },
  });
  const literalLengths = huffmanLengths(atLeastTwo(literals), 15);
  const distanceLengths = huffmanLengths(atLeastTwo(distances), 15);
  writer.put(final ? 1 : 0, 1);
  writer.put(2, 2);
  writeCodeLengths(writer, literalLengths, distanceLengths);
  const literalCodes = canonicalCodes(literalLengths);
  const distanceCodes = canonicalCodes(distanceLengths);
  eachSymbol(tokens, {
    literal: (value) => writer.put(literalCodes[value], literalLengths[value]),
    matches: (code, distanceCode, times, length) => {
      const symbol = 257 + code;
      if (LENGTH_EXTRA[code] > 0) {
        writer.put(literalCodes[symbol], literalLengths[symbol]);
        writer.put(length - LENGTH_BASE[code], LENGTH_EXTRA[code]);
        return writer.put(distanceCodes[distanceCode], distanceLengths[distanceCode]);
      }
      // No extra bits (distances 1 to 3 have none): the match's codes as one pattern, repeated.
      writer.repeat(
        literalCodes[symbol] | distanceCodes[distanceCode] << literalLengths[symbol],
        literalLengths[symbol] + distanceLengths[distanceCode],
        times,
      );
    },
  });
  writer.put(literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
}

/** What {@linkcode eachSymbol} calls back with. */
interface SymbolVisitor {
  literal(value: number): void;
  /** `times` matches of `length` bytes, of length code `code`, at distance code `distanceCode`. */
  matches(code: number, distanceCode: number, times: number, length: number): void;
}

/**
 * Visits the tokens' symbols, a match longer than 258 bytes cut into full ones and at most two
 * others, none under 3 bytes.
 */
function eachSymbol(tokens: DeflateTokens, visit: SymbolVisitor): void {
  for (let t = 0; t < tokens.count; t++) {
    const length = tokens.lengths[t];
    const value = tokens.values[t];
    if (length === 0) {
      visit.literal(value);
      continue;
    }
    const distanceCode = DISTANCE_CODE[value];
    let fulls = Math.floor(length / MAX_MATCH);
    const rest = length - fulls * MAX_MATCH;
    if (rest > 0 && rest < 3) {
      // 258 + 1 or 2 bytes: 256 or 257, then 3.
      fulls--;
      visit.matches(LENGTH_CODE[MAX_MATCH + rest - 3], distanceCode, 1, MAX_MATCH + rest - 3);
      visit.matches(LENGTH_CODE[3], distanceCode, 1, 3);
    } else if (rest > 0) {
      visit.matches(LENGTH_CODE[rest], distanceCode, 1, rest);
    }
    if (fulls > 0) visit.matches(LENGTH_CODE[MAX_MATCH], distanceCode, fulls, MAX_MATCH);
  }
}

/** The block's header: the two codes' lengths, run-length coded with a code of their own. */
function writeCodeLengths(
  writer: BitWriter,
  literalLengths: Uint8Array,
  distanceLengths: Uint8Array,
): void {
  let literalCount = 286;
  while (literalCount > 257 && literalLengths[literalCount - 1] === 0) literalCount--;
  let distanceCount = 30;
  while (distanceCount > 1 && distanceLengths[distanceCount - 1] === 0) distanceCount--;
  const { symbols, extras } = runLengthCoded([
    ...literalLengths.subarray(0, literalCount),
    ...distanceLengths.subarray(0, distanceCount),
  ]);
  const frequencies = new Uint32Array(19);
  for (const symbol of symbols) frequencies[symbol]++;
  const codeLengths = huffmanLengths(atLeastTwo(frequencies), 7);
  const codes = canonicalCodes(codeLengths);
  let codeLengthCount = 19;
  while (codeLengthCount > 4 && codeLengths[CODE_LENGTH_ORDER[codeLengthCount - 1]] === 0) {
    codeLengthCount--;
  }
  writer.put(literalCount - 257, 5);
  writer.put(distanceCount - 1, 5);
  writer.put(codeLengthCount - 4, 4);
  for (let i = 0; i < codeLengthCount; i++) writer.put(codeLengths[CODE_LENGTH_ORDER[i]], 3);
  symbols.forEach((symbol, i) => {
    writer.put(codes[symbol], codeLengths[symbol]);
    if (symbol >= 16) writer.put(extras[i], symbol === 16 ? 2 : symbol === 17 ? 3 : 7);
  });
}

/** The lengths as the code-length alphabet's symbols: 16 repeats, 17 and 18 zero runs. */
function runLengthCoded(lengths: number[]): { symbols: number[]; extras: number[] } {
  const symbols: number[] = [];
  const extras: number[] = [];
  for (let i = 0; i < lengths.length;) {
    const value = lengths[i];
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === value) run++;
    if (value === 0 && run >= 3) {
      const taken = Math.min(run, 138);
      symbols.push(taken >= 11 ? 18 : 17);
      extras.push(taken >= 11 ? taken - 11 : taken - 3);
      i += taken;
      continue;
    }
    symbols.push(value);
    extras.push(0);
    i++;
    for (let left = run - 1; value !== 0 && left >= 3;) {
      const taken = Math.min(left, 6);
      symbols.push(16);
      extras.push(taken - 3);
      i += taken;
      left -= taken;
    }
  }
  return { symbols, extras };
}

/** The frequencies with at least two used symbols, so that every code is complete. */
function atLeastTwo(frequencies: Uint32Array): Uint32Array {
  for (let i = 0; frequencies.filter((f) => f > 0).length < 2; i++) {
    if (frequencies[i] === 0) frequencies[i] = 1;
  }
  return frequencies;
}
