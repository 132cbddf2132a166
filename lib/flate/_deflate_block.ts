/**
 * Deflate's dynamic blocks (RFC 1951, 3.2.7): a block of literals and matches written with
 * Huffman codes made for it, its header giving the codes' lengths (`_code_lengths.ts`).
 *
 * @module
 */

import { BitWriter } from "./_bit_writer.ts";
import { atLeastTwo, canonicalCodes, huffmanLengths } from "./_huffman.ts";
import { writeCodeLengths } from "./_code_lengths.ts";

/** Each length code's first match length (RFC 1951, 3.2.5). */
// deno-fmt-ignore
export const LENGTH_BASE: readonly number[] = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
/** Each length code's extra bits. */
// deno-fmt-ignore
export const LENGTH_EXTRA: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/** The longest match deflate can say; longer ones are cut. */
export const MAX_MATCH = 258;
const END_OF_BLOCK = 256;

/** The length code (0 to 28; the symbol is 257 + code) of each match length from 3 to 258. */
export const LENGTH_CODE: Uint8Array = new Uint8Array(MAX_MATCH + 1);
for (let code = 0; code < LENGTH_BASE.length; code++) {
  const next = code + 1 < LENGTH_BASE.length ? LENGTH_BASE[code + 1] : MAX_MATCH + 1;
  for (let length = LENGTH_BASE[code]; length < next; length++) LENGTH_CODE[length] = code;
}

/**
 * The `values` of a zero-row token: scanlines whose bytes after their filter type are all zeros,
 * with the filter type in the low byte and how many scanlines, less one, from bit 9 (1 to
 * {@linkcode MOST_ZERO_ROWS}). Each stands for three tokens (the filter type, a literal 0, the
 * other zeros as one match at distance 1), in far fewer steps: most of a mask's rows are such.
 */
export const ZERO_ROW = 0x100;
/** The most scanlines one zero-row token stands for. */
export const MOST_ZERO_ROWS = 128;

/** A block's content: per token, a literal (length 0), a match of any length from 3, or a zero row. */
export interface DeflateTokens {
  /**
   * 0 for a literal, else the match's length (cut into matches of 258 at most when written), or
   * a zero row's zeros (4 at least).
   */
  lengths: Uint32Array;
  /**
   * The literal, the match's distance (1 to 3), or {@linkcode ZERO_ROW} with the filter type and
   * the scanlines.
   */
  values: Uint16Array;
  /** How many tokens are used. */
  count: number;
}

/**
 * A block's counts, lengths and codes, made again for each block (a worker writes one at a time,
 * to its end): a `binary` mask's five files each wrote a dozen such arrays a block, each a buffer of
 * its own for V8 to free.
 */
const BLOCK = {
  literals: new Uint32Array(286),
  distances: new Uint32Array(30),
  literalLengths: new Uint8Array(286),
  distanceLengths: new Uint8Array(30),
  literalCodes: new Uint16Array(286),
  distanceCodes: new Uint16Array(30),
};

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
export function writeDynamicBlock(
  writer: BitWriter,
  tokens: DeflateTokens,
  final: boolean,
  symbols?: SymbolWriter,
): void {
  const { literals, distances } = BLOCK;
  literals.fill(0);
  distances.fill(0);
  literals[END_OF_BLOCK] = 1;
  if (!symbols?.countSymbols(tokens, literals, distances)) {
    countSymbols(tokens, literals, distances);
  }
  const literalLengths = huffmanLengths(atLeastTwo(literals), 15, BLOCK.literalLengths);
  const distanceLengths = huffmanLengths(atLeastTwo(distances), 15, BLOCK.distanceLengths);
  writer.put(final ? 1 : 0, 1);
  writer.put(2, 2);
  writeCodeLengths(writer, literalLengths, distanceLengths);
  const codes = blockCodes(literalLengths, distanceLengths);
  if (!symbols?.writeSymbols(writer, tokens, codes, symbolBits(literals, distances, codes))) {
    writeSymbols(writer, tokens, codes);
  }
  writer.put(codes.literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
}

/** Counts and writes a block's symbols elsewhere (a SIMD kernel) when it can. */
export interface SymbolWriter {
  /**
   * Adds the tokens' symbols to the counts, as `countSymbols` does.
   *
   * @returns `false` when it cannot, and has counted nothing.
   */
  countSymbols(tokens: DeflateTokens, literals: Uint32Array, distances: Uint32Array): boolean;
  /**
   * Writes the tokens' symbols, `bits` bits in all, after the bits the writer holds.
   *
   * @returns `false` when it cannot, and has written nothing.
   */
  writeSymbols(writer: BitWriter, tokens: DeflateTokens, codes: BlockCodes, bits: number): boolean;
}

/** A block's Huffman codes (bit-reversed) and their lengths. */
export interface BlockCodes {
  literalCodes: Uint16Array;
  literalLengths: Uint8Array;
  distanceCodes: Uint16Array;
  distanceLengths: Uint8Array;
  /** Per distance code, a match of 258 bytes: its length's and distance's codes, and bits. */
  fullPattern: Uint32Array;
  fullBits: Uint8Array;
}

/** The codes of a block, with the pattern of each distance's matches of 258 bytes. */
function blockCodes(literalLengths: Uint8Array, distanceLengths: Uint8Array): BlockCodes {
  const literalCodes = canonicalCodes(literalLengths, BLOCK.literalCodes);
  const distanceCodes = canonicalCodes(distanceLengths, BLOCK.distanceCodes);
  const symbol = 257 + LENGTH_CODE[MAX_MATCH];
  const fullPattern = new Uint32Array(3);
  const fullBits = new Uint8Array(3);
  for (let code = 0; code < 3; code++) {
    fullPattern[code] = literalCodes[symbol] | distanceCodes[code] << literalLengths[symbol];
    fullBits[code] = literalLengths[symbol] + distanceLengths[code];
  }
  return {
    literalCodes,
    literalLengths,
    distanceCodes,
    distanceLengths,
    fullPattern,
    fullBits,
  };
}

/**
 * Counts the symbols of the tokens; a run of equal zero rows is counted once, times the run.
 */
function countSymbols(tokens: DeflateTokens, literals: Uint32Array, distances: Uint32Array) {
  const { lengths, values, count } = tokens;
  for (let t = 0; t < count; t++) {
    let length = lengths[t];
    let value = values[t];
    if (length === 0) {
      literals[value]++;
      continue;
    }
    let times = 1;
    if (value >= ZERO_ROW) {
      times = (value >> 9) + 1;
      while (t + 1 < count && lengths[t + 1] === length && values[t + 1] === value) {
        t++;
        times += (value >> 9) + 1;
      }
      literals[value & 0xff] += times;
      literals[0] += times;
      length--;
      value = 1;
    }
    // As `writeMatch` cuts it; distances 1 to 3 are codes 0 to 2, without extra bits.
    let fulls = Math.floor(length / MAX_MATCH);
    const rest = length - fulls * MAX_MATCH;
    if (rest > 0 && rest < 3) {
      fulls--;
      literals[257 + LENGTH_CODE[MAX_MATCH + rest - 3]] += times;
      literals[257 + LENGTH_CODE[3]] += times;
      distances[value - 1] += 2 * times;
    } else if (rest > 0) {
      literals[257 + LENGTH_CODE[rest]] += times;
      distances[value - 1] += times;
    }
    literals[257 + LENGTH_CODE[MAX_MATCH]] += fulls * times;
    distances[value - 1] += fulls * times;
  }
}

/** The bits of a block's symbols, the end of the block's left out, from their counts. */
function symbolBits(literals: Uint32Array, distances: Uint32Array, codes: BlockCodes): number {
  let bits = -codes.literalLengths[END_OF_BLOCK];
  for (let symbol = 0; symbol < 286; symbol++) {
    bits += literals[symbol] * codes.literalLengths[symbol];
  }
  for (let code = 0; code < LENGTH_EXTRA.length; code++) {
    bits += literals[257 + code] * LENGTH_EXTRA[code];
  }
  for (let code = 0; code < 30; code++) bits += distances[code] * codes.distanceLengths[code];
  return bits;
}

/** Writes the tokens' symbols; a zero row's bits are made once for rows alike, then copied. */
function writeSymbols(writer: BitWriter, tokens: DeflateTokens, codes: BlockCodes): void {
  const { lengths, values, count } = tokens;
  const { literalCodes, literalLengths } = codes;
  let rowKey = -1;
  let row: { value: number; count: number } | undefined;
  for (let t = 0; t < count; t++) {
    const length = lengths[t];
    const value = values[t];
    if (length === 0) writer.put(literalCodes[value], literalLengths[value]);
    else if (value < ZERO_ROW) writeMatch(writer, codes, length, value - 1);
    else {
      const filter = value & 0xff;
      if (rowKey !== length * 256 + filter) {
        rowKey = length * 256 + filter;
        ROW_BITS.clear();
        writeZeroRow(ROW_BITS, codes, length, filter);
        row = ROW_BITS.asNumber();
      }
      for (let rows = (value >> 9) + 1; rows > 0; rows--) {
        if (row) writer.putLong(row.value, row.count);
        else writeZeroRow(writer, codes, length, filter);
      }
    }
  }
}

/** Where a zero row's bits are made, to be copied while rows alike follow. */
const ROW_BITS = new BitWriter();

/** A zero row's symbols: the filter type, a literal 0, the other zeros at distance 1. */
function writeZeroRow(writer: BitWriter, codes: BlockCodes, zeros: number, filter: number): void {
  const { literalCodes, literalLengths } = codes;
  writer.put(literalCodes[filter], literalLengths[filter]);
  writer.put(literalCodes[0], literalLengths[0]);
  writeMatch(writer, codes, zeros - 1, 0);
}

/** Writes a match's pieces: those of a length with extra bits once, full ones repeated. */
function writeMatch(writer: BitWriter, codes: BlockCodes, length: number, distanceCode: number) {
  let fulls = Math.floor(length / MAX_MATCH);
  const rest = length - fulls * MAX_MATCH;
  if (rest > 0 && rest < 3) {
    // 258 + 1 or 2 bytes: 256 or 257, then 3.
    fulls--;
    writePiece(writer, codes, MAX_MATCH + rest - 3, distanceCode);
    writePiece(writer, codes, 3, distanceCode);
  } else if (rest > 0) writePiece(writer, codes, rest, distanceCode);
  // No extra bits (distances 1 to 3 have none): the match's codes as one pattern, repeated.
  if (fulls > 0) {
    writer.repeat(codes.fullPattern[distanceCode], codes.fullBits[distanceCode], fulls);
  }
}

/** Writes one match of 3 to 258 bytes: its length's code and extra bits, its distance's code. */
function writePiece(writer: BitWriter, codes: BlockCodes, length: number, distanceCode: number) {
  const { literalCodes, literalLengths, distanceCodes, distanceLengths } = codes;
  const code = LENGTH_CODE[length];
  const symbol = 257 + code;
  const lengthBits = literalLengths[symbol];
  const extraBits = LENGTH_EXTRA[code];
  const distanceBits = distanceLengths[distanceCode];
  const extra = length - LENGTH_BASE[code];
  if (lengthBits + extraBits + distanceBits <= 24) {
    // The three as one number (at most 24 bits).
    const value = literalCodes[symbol] | extra << lengthBits |
      distanceCodes[distanceCode] << (lengthBits + extraBits);
    return writer.put(value, lengthBits + extraBits + distanceBits);
  }
  writer.put(literalCodes[symbol], lengthBits);
  writer.put(extra, extraBits);
  writer.put(distanceCodes[distanceCode], distanceBits);
}
