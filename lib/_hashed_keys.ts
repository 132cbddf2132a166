/**
 * A set of strings, each with a small number, that keeps only a 64-bit hash of each string: 12
 * bytes a slot in typed arrays, at most three quarters full, so 16 to 32 bytes a key however long
 * the key, and nothing for V8's collector to walk. An export keeps one key per task for its whole run, so
 * this is what lets that state stay small at any project size.
 *
 * Two different keys with the same 64-bit hash would be taken for one: about one chance in 10^10
 * for 40,000 keys.
 */
export class HashedKeys {
  // Slot i holds a key's hash in hashes[2i], hashes[2i + 1] and its value + 1 in values[i] (0: free).
  #hashes = new Uint32Array(2 * 64);
  #values = new Int32Array(64);
  #size = 0;

  /** How many keys are held. */
  get size(): number {
    return this.#size;
  }

  /**
   * The number held for a key.
   *
   * @param key The key.
   * @returns Its number, or `undefined` when the key is not held.
   */
  get(key: string): number | undefined {
    const slot = this.#slotOf(key);
    return this.#values[slot] === 0 ? undefined : this.#values[slot] - 1;
  }

  /**
   * Holds a key with a number, replacing the number it had.
   *
   * @param key The key.
   * @param value A whole number from 0 to 2^31 - 2.
   */
  set(key: string, value: number): void {
    if (4 * (this.#size + 1) > 3 * this.#values.length) this.#grow();
    const slot = this.#slotOf(key);
    if (this.#values[slot] === 0) {
      const [high, low] = hashOf(key);
      this.#hashes[2 * slot] = high;
      this.#hashes[2 * slot + 1] = low;
      this.#size++;
    }
    this.#values[slot] = value + 1;
  }

  /** The key's slot, or the free slot where it would go. */
  #slotOf(key: string): number {
    const [high, low] = hashOf(key);
    return this.#probe(high, low);
  }

  #probe(high: number, low: number): number {
    const mask = this.#values.length - 1;
    for (let slot = low & mask;; slot = (slot + 1) & mask) {
      if (this.#values[slot] === 0) return slot;
      if (this.#hashes[2 * slot] === high && this.#hashes[2 * slot + 1] === low) return slot;
    }
  }

  #grow(): void {
    const hashes = this.#hashes;
    const values = this.#values;
    this.#hashes = new Uint32Array(hashes.length * 2);
    this.#values = new Int32Array(values.length * 2);
    for (let old = 0; old < values.length; old++) {
      if (values[old] === 0) continue;
      const slot = this.#probe(hashes[2 * old], hashes[2 * old + 1]);
      this.#hashes[2 * slot] = hashes[2 * old];
      this.#hashes[2 * slot + 1] = hashes[2 * old + 1];
      this.#values[slot] = values[old];
    }
  }
}

/** A 64-bit hash of a string's UTF-16 code units, as two 32-bit halves (cyrb53's mixing). */
function hashOf(key: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
