/**
 * Strict base64 (RFC 4648, standard alphabet): invalid characters are errors, not skipped.
 *
 * @module
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Character code -> 6-bit value, or 255 when the character is not in the alphabet. */
const VALUE_BY_CODE: Uint8Array = (() => {
  const table = new Uint8Array(256).fill(255);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Why a text is not valid base64, with the position of the fault in the text. */
export interface Base64Fault {
  /** Index of the first bad character in the text, or its length when the length is wrong. */
  position: number;
  /** What is wrong, as a lower-case clause. */
  reason: string;
}

/**
 * Decodes base64 text; padding is optional, anything outside the alphabet is a fault.
 *
 * @param text The base64 text.
 * @returns The bytes, or the fault that stopped decoding.
 *
 * @example
 * ```ts
 * import { decodeBase64 } from "./_base64.ts";
 *
 * console.log(decodeBase64("SGk=")); // Uint8Array(2) [ 72, 105 ]
 * console.log(decodeBase64("S?k=")); // { position: 1, reason: 'character "?" is not base64' }
 * ```
 */
export function decodeBase64(text: string): Uint8Array | Base64Fault {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 1) return { position: text.length, reason: "its length is not valid base64" };
  if (text.length % 4 !== 0 && end !== text.length) {
    return { position: text.length, reason: "its padding is wrong" };
  }
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let j = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const a = value(text, i);
    const b = value(text, i + 1);
    const c = value(text, i + 2);
    const d = value(text, i + 3);
    if ((a | b | c | d) > 63) return fault(text, i);
    const group = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[j++] = group >> 16;
    bytes[j++] = (group >> 8) & 0xff;
    bytes[j++] = group & 0xff;
  }
  if (i < end) {
    let group = 0;
    for (let k = i; k < end; k++) {
      const v = value(text, k);
      if (v > 63) return fault(text, k);
      group = (group << 6) | v;
    }
    if (end - i === 2) bytes[j] = group >> 4;
    else {
      bytes[j] = group >> 10;
      bytes[j + 1] = (group >> 2) & 0xff;
    }
  }
  return bytes;
}

function value(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 256 ? VALUE_BY_CODE[code] : 255;
}

function fault(text: string, from: number): Base64Fault {
  let position = from;
  while (value(text, position) <= 63) position++;
  return { position, reason: `character ${JSON.stringify(text[position])} is not base64` };
}

/**
 * Encodes bytes as base64 with padding.
 *
 * @param bytes The bytes to encode.
 * @returns The base64 text.
 *
 * @example
 * ```ts
 * import { encodeBase64 } from "./_base64.ts";
 *
 * console.log(encodeBase64(new Uint8Array([72, 105]))); // "SGk="
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunkSize = 3 * 8192;
  for (let start = 0; start < bytes.length; start += chunkSize) {
    parts.push(String.fromCharCode(...bytes.subarray(start, start + chunkSize)));
  }
  return btoa(parts.join(""));
}
