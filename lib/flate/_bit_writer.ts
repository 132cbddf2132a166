/**
 * Bits written least significant first into a growing byte buffer, as deflate's bit stream
 * wants them (RFC 1951, 3.1.1).
 *
 * @module
 */

/** A writer's first buffer: a mask's file mostly fits. */
const FIRST_BYTES = 1 << 14;
/**
 * The buffers of writers released, for the next writers: a worker encodes file after file (a
 * binary mask's labels, several at once), and 16 KiB of fresh, zeroed memory for each would be
 * garbage that only a collection frees.
 */
const spareBuffers: Uint8Array[] = [];
/** The most buffers kept spare, and the largest kept. */
const SPARE_BUFFERS = 16;
const MOST_SPARE_BYTES = 4 * FIRST_BYTES;

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
  #out = spareBuffers.pop() ?? new Uint8Array(FIRST_BYTES);
  #size = 0;
  #bits = 0;
  #count = 0;
  /** The last pattern `repeat` packed, its bits, and as many copies as fit in 24 bits. */
  #pattern = -1;
  #patternBits = 0;
  #packed = 0;

  /** Appends `count` bits (at most 24) of `value`, least significant first. */
  put(value: number, count: number): void {
    let bits = this.#bits | value << this.#count;
    let pending = this.#count + count;
    if (pending >= 8) {
      if (this.#size + 4 > this.#out.length) this.#grow();
      const out = this.#out;
      for (; pending >= 8; pending -= 8, bits >>>= 8) out[this.#size++] = bits & 0xff;
    }
    this.#bits = bits;
    this.#count = pending;
  }

  /** Appends `times` copies of a pattern of `bits` bits (at most 30). */
  repeat(pattern: number, bits: number, times: number): void {
    if (bits > 24) {
      for (; times > 0; times--) this.putLong(pattern, bits);
      return;
    }
    // As many copies as fit in 24 bits, in one call (packed once for a pattern repeated again).
    const copies = Math.floor(24 / bits);
    if (pattern !== this.#pattern || bits !== this.#patternBits) {
      this.#pattern = pattern;
      this.#patternBits = bits;
      this.#packed = pattern;
      for (let i = 1; i < copies; i++) this.#packed |= pattern << (i * bits);
    }
    const packed = this.#packed;
    for (; times >= copies; times -= copies) this.put(packed, copies * bits);
    if (times > 0) this.put(packed & ((1 << (times * bits)) - 1), times * bits);
  }

  /** Appends `count` bits (at most 53) of `value`, a whole number, least significant first. */
  putLong(value: number, count: number): void {
    for (; count > 24; count -= 24) {
      this.put(value % 0x1000000, 24);
      value = Math.floor(value / 0x1000000);
    }
    this.put(value, count);
  }

  /** The bits not yet in a whole byte (fewer than 8), as the bits of a number, and how many. */
  pending(): { bits: number; count: number } {
    return { bits: this.#bits, count: this.#count };
  }

  /**
   * Appends whole bytes written elsewhere, which began with the bits {@linkcode BitWriter.pending}
   * gave, and the bits left over after them (fewer than 8).
   */
  append(bytes: Uint8Array, bits: number, count: number): void {
    while (this.#size + bytes.length + 4 > this.#out.length) this.#grow();
    this.#out.set(bytes, this.#size);
    this.#size += bytes.length;
    this.#bits = bits;
    this.#count = count;
  }

  /** Pads the last byte with zero bits. */
  alignToByte(): void {
    if (this.#count > 0) this.byte(this.#bits & 0xff);
    this.#bits = this.#count = 0;
  }

  /** Appends a whole byte; only right after {@linkcode BitWriter.alignToByte}. */
  byte(value: number): void {
    if (this.#size === this.#out.length) this.#grow();
    this.#out[this.#size++] = value;
  }

  /** Doubles the buffer. */
  #grow(): void {
    const larger = new Uint8Array(Math.max(FIRST_BYTES, this.#out.length * 2));
    larger.set(this.#out);
    this.#out = larger;
  }

  /** Empties the writer. */
  clear(): void {
    this.#size = this.#bits = this.#count = 0;
  }

  /**
   * Empties the writer and gives its buffer to the next writer made: the views
   * {@linkcode BitWriter.bytes} gave are then overwritten by that writer. Writing on grows a
   * new buffer.
   */
  release(): void {
    const out = this.#out;
    if (out.length > 0 && out.length <= MOST_SPARE_BYTES && spareBuffers.length < SPARE_BUFFERS) {
      spareBuffers.push(out);
    }
    this.#out = new Uint8Array(0);
    this.clear();
  }

  /** The bits written so far as one whole number, when they are 48 at most (see `putLong`). */
  asNumber(): { value: number; count: number } | undefined {
    const count = this.#size * 8 + this.#count;
    if (count > 48) return undefined;
    let value = this.#bits * 2 ** (this.#size * 8);
    for (let i = 0; i < this.#size; i++) value += this.#out[i] * 2 ** (i * 8);
    return { value, count };
  }

  /** The bytes written so far (a view, valid until the next write). */
  bytes(): Uint8Array {
    return this.#out.subarray(0, this.#size);
  }
}
