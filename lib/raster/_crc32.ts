/**
 * CRC-32 (ISO 3309, the one PNG chunks carry), table-driven.
 *
 * @module
 */

const CRC_TABLE: Uint32Array = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * The CRC-32 of `bytes`, as an unsigned 32-bit number.
 *
 * @param bytes The bytes to checksum (for a PNG chunk: its type and data).
 * @returns The checksum, `0` to `2 ** 32 - 1`.
 *
 * @example
 * ```ts
 * import { crc32 } from "./_crc32.ts";
 *
 * console.log(crc32(new TextEncoder().encode("IEND")).toString(16)); // "ae426082"
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
