/**
 * SHA-256 (FIPS 180-4) in plain JavaScript, incremental and reusable: the hash of every file an
 * export writes and of every mask's pixels.
 *
 * Why not `node:crypto`, which is several times faster with the processor's SHA instructions:
 * each of its hashes is a native object that only a full collection of V8's heap frees, and a
 * worker whose heap stays at a few megabytes seldom runs one, so an export of 100,000 tasks
 * left two of them a task behind (about 30 MB of its peak, docs/performance.md). One
 * {@linkcode Sha256} per thread, reused after each digest, leaves nothing behind. Mask files are
 * small (a few kilobytes), where the difference in speed is a few microseconds a file.
 *
 * @module
 */

/** The round constants (the cube roots of the first 64 primes, their fractions' first 32 bits). */
// deno-fmt-ignore
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The initial hash value (the square roots of the first 8 primes, likewise). */
// deno-fmt-ignore
const INITIAL = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * The message schedule, one for all hashers: {@linkcode compress} runs to its end before another
 * call can, and a hasher left with only small arrays lives and dies in V8's young generation.
 */
const SCHEDULE = new Int32Array(64);

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const encoder = new TextEncoder();

/**
 * Hashes bytes given in any number of pieces; {@linkcode Sha256.digestHex} ends the message and
 * starts a new one, so one hasher serves any number of messages, one after another.
 *
 * @example The digest of "abc", then of "ab" and "c" with the same hasher
 * ```ts
 * import { Sha256 } from "./sha256.ts";
 *
 * const hasher = new Sha256();
 * const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
 * console.log(hasher.update("abc").digestHex() === abc); // true
 * console.log(hasher.update("ab").update(new Uint8Array([0x63])).digestHex() === abc); // true
 * ```
 */
export class Sha256 {
  #state = new Int32Array(INITIAL);
  /** The bytes of the current block not hashed yet: `#block[0..#filled)`. */
  #block = new Uint8Array(64);
  #filled = 0;
  /** The message's length so far, in bytes. */
  #length = 0;

  /**
   * Adds bytes to the message.
   *
   * @param data Bytes, or text (hashed as UTF-8).
   * @returns This hasher, to chain calls.
   */
  update(data: Uint8Array | string): this {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    this.#length += bytes.length;
    let offset = 0;
    if (this.#filled > 0) {
      offset = Math.min(64 - this.#filled, bytes.length);
      this.#block.set(bytes.subarray(0, offset), this.#filled);
      this.#filled += offset;
      if (this.#filled < 64) return this;
      compress(this.#state, SCHEDULE, this.#block, 0, 64);
      this.#filled = 0;
    }
    const whole = offset + ((bytes.length - offset) & ~63);
    if (whole > offset) compress(this.#state, SCHEDULE, bytes, offset, whole);
    if (whole < bytes.length) {
      this.#block.set(bytes.subarray(whole));
      this.#filled = bytes.length - whole;
    }
    return this;
  }

  /**
   * Ends the message and starts a new, empty one.
   *
   * @returns The message's SHA-256, 64 lower-case hex digits.
   */
  digestHex(): string {
    const block = this.#block;
    block[this.#filled] = 0x80;
    block.fill(0, this.#filled + 1);
    if (this.#filled >= 56) {
      compress(this.#state, SCHEDULE, block, 0, 64);
      block.fill(0);
    }
    const bits = this.#length * 8;
    const high = Math.floor(bits / 0x100000000);
    const low = bits >>> 0;
    for (let i = 0; i < 4; i++) {
      block[59 - i] = high >>> (8 * i);
      block[63 - i] = low >>> (8 * i);
    }
    compress(this.#state, SCHEDULE, block, 0, 64);
    let hex = "";
    for (const word of this.#state) {
      hex += HEX[word >>> 24] + HEX[(word >>> 16) & 255] + HEX[(word >>> 8) & 255] +
        HEX[word & 255];
    }
    this.#state.set(INITIAL);
    this.#filled = 0;
    this.#length = 0;
    return hex;
  }
}

/** Runs the compression function on each 64-byte block of `bytes[start..end)`. */
function compress(
  state: Int32Array,
  w: Int32Array,
  bytes: Uint8Array,
  start: number,
  end: number,
): void {
  let h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3];
  let h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7];
  for (let offset = start; offset < end; offset += 64) {
    for (let i = 0, j = offset; i < 16; i++, j += 4) {
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (s1 + w[i - 7] + s0 + w[i - 16]) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0, h1 = (h1 + b) | 0, h2 = (h2 + c) | 0, h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0, h5 = (h5 + f) | 0, h6 = (h6 + g) | 0, h7 = (h7 + h) | 0;
  }
  state[0] = h0, state[1] = h1, state[2] = h2, state[3] = h3;
  state[4] = h4, state[5] = h5, state[6] = h6, state[7] = h7;
}
