/**
 * Adler-32 (RFC 1950, 8.2), the check at a zlib stream's end, summed as the run-length
 * deflater takes bytes: one by one, and runs of zeros and rows of zeros in one step.
 *
 * @module
 */

const MODULUS = 65521;

/**
 * The running Adler-32 of the bytes taken.
 *
 * @example
 * ```ts
 * import { Adler32 } from "./_adler32.ts";
 *
 * const adler = new Adler32();
 * adler.bytes(new TextEncoder().encode("Wikipedia"), 0, 9);
 * console.log(adler.value().toString(16)); // 11e60398
 * ```
 */
export class Adler32 {
  /** The sum of the bytes, plus one. */
  a = 1;
  /** The sum of the `a`s. */
  b = 0;

  /** Takes one byte. */
  byte(value: number): void {
    this.a = (this.a + value) % MODULUS;
    this.b = (this.b + this.a) % MODULUS;
  }

  /** Takes `count` zero bytes. */
  zeros(count: number): void {
    this.b = (this.b + count * this.a) % MODULUS;
  }

  /** Takes `bytes[from..to)`. */
  bytes(bytes: Uint8Array, from: number, to: number): void {
    let a = this.a;
    let b = this.b;
    for (let i = from; i < to; i++) {
      a = (a + bytes[i]) % MODULUS;
      b = (b + a) % MODULUS;
    }
    this.a = a;
    this.b = b;
  }

  /** Takes `count` scanlines of a filter-type byte and `zeros` zero bytes. */
  zeroRows(filter: number, zeros: number, count: number): void {
    // In closed form: row k (from 1) adds the filter type to a, then (zeros + 1) times the new
    // a to b, so b gains (zeros + 1) · (count · a + filter · count (count + 1) / 2). Every
    // product is of two numbers below the modulus: exact in a double.
    const rows = count % MODULUS;
    const half = count % 2 === 0
      ? ((count / 2) % MODULUS) * ((count + 1) % MODULUS)
      : (count % MODULUS) * (((count + 1) / 2) % MODULUS);
    const added = (rows * this.a + filter * (half % MODULUS)) % MODULUS;
    this.b = (this.b + ((zeros + 1) % MODULUS) * added) % MODULUS;
    this.a = (this.a + filter * rows) % MODULUS;
  }

  /** The check, as a 32-bit unsigned number. */
  value(): number {
    return this.b * 65536 + this.a;
  }
}
