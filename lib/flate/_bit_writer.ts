/**
 * Bits written least significant first into a growing byte buffer, as deflate's bit stream
 * wants them (RFC 1951, 3.1.1).
 *
 * @module
 */

/**
 * A growing buffer of bits.
 *
 * @example
 * ```ts
 * import { BitWriter } from "./_bit_writer.ts";
 *
 * const writer = new BitWriter();
 * writer.put(0b1, 1);
 * writer.put(0b10, 2);
 * writer.alignToByte();
 * console.log([...writer.bytes()]); // [5]
 * ```
 */
export class BitWriter {
  #out: Uint8Array;
  #size = 0;
  #bits = 0;
  #count = 0;

  /** @param capacity The bytes the buffer starts with (it grows). @default {16384} */
  constructor(capacity = 1 << 14) {
    this.#out = new Uint8Array(Math.max(1, capacity));
  }

  /** Appends `count` bits (at most 16) of `value`, least significant first. */
  put(value: number, count: number): void {
    this.#bits |= value << this.#count;
    this.#count += count;
    while (this.#count >= 8) {
      this.byte(this.#bits & 0xff);
      this.#bits >>>= 8;
      this.#count -= 8;
    }
  }

  /** Appends `times` copies of a pattern of `bits` bits (at most 30). */
  repeat(pattern: number, bits: number, times: number): void {
    if (bits <= 8) {
      // As many copies as fit in 16 bits, in one call.
      const copies = Math.floor(16 / bits);
      let packed = 0;
      for (let i = 0; i < copies; i++) packed |= pattern << (i * bits);
      for (; times >= copies; times -= copies) this.put(packed, copies * bits);
    }
    for (; times > 0; times--) {
      this.put(pattern & 0xffff, Math.min(bits, 16));
      if (bits > 16) this.put(pattern >>> 16, bits - 16);
    }
  }

  /** Appends the bits another writer holds: its whole bytes, then the bits it has not padded. */
  append(other: BitWriter): void {
    const bytes = other.#out;
    const size = other.#size;
    let i = 0;
    for (; i + 1 < size; i += 2) this.put(bytes[i] | bytes[i + 1] << 8, 16);
    if (i < size) this.put(bytes[i], 8);
    if (other.#count > 0) this.put(other.#bits, other.#count);
  }

  /** Pads the last byte with zero bits. */
  alignToByte(): void {
    if (this.#count > 0) this.byte(this.#bits & 0xff);
    this.#bits = this.#count = 0;
  }

  /** Appends a whole byte; only right after {@linkcode BitWriter.alignToByte}. */
  byte(value: number): void {
    if (this.#size === this.#out.length) {
      const larger = new Uint8Array(this.#out.length * 2);
      larger.set(this.#out);
      this.#out = larger;
    }
    this.#out[this.#size++] = value;
  }

  /** The bytes written so far (a view, valid until the next write). */
  bytes(): Uint8Array {
    return this.#out.subarray(0, this.#size);
  }
}
