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
  #out = new Uint8Array(1 << 14);
  #size = 0;
  #bits = 0;
  #count = 0;

  /** Appends `count` bits (at most 24) of `value`, least significant first. */
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
    if (bits <= 12) {
      // As many copies as fit in 24 bits, in one call.
      const copies = Math.floor(24 / bits);
      let packed = 0;
      for (let i = 0; i < copies; i++) packed |= pattern << (i * bits);
      for (; times >= copies; times -= copies) this.put(packed, copies * bits);
    }
    for (; times > 0; times--) {
      this.put(pattern & 0xffffff, Math.min(bits, 24));
      if (bits > 24) this.put(pattern >>> 24, bits - 24);
    }
  }

  /** Appends `count` bits (at most 53) of `value`, a whole number, least significant first. */
  putLong(value: number, count: number): void {
    for (; count > 24; count -= 24) {
      this.put(value % 0x1000000, 24);
      value = Math.floor(value / 0x1000000);
    }
    this.put(value, count);
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
