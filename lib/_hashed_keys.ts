import { releaseBytes } from "./_release_bytes.ts";

/**
 * An index from strings to small numbers that keeps a 32-bit hash of each string, not the string:
 * 8 bytes a slot in typed arrays (5 when its owner gives keys back at once), at most three quarters
 * full, so 11 to 22 bytes a key however long the key, and nothing for V8's collector to walk. An export keeps one key per task for its whole
 * run, so this is what lets that state stay small at any project size.
 *
 * A hash only finds candidates: different strings may share one. The owner of the index keeps the
 * strings themselves (packed, or in a file) and tells, for each candidate, whether it holds the
 * string looked for; equality of the bytes decides.
 *
 * @example
 * ```ts
 * import { HashedKeys } from "./_hashed_keys.ts";
 *
 * const names = ["a.png", "b.png"];
 * const index = new HashedKeys();
 * names.forEach((name, number) => index.add(name, number));
 * console.log(index.find("b.png", (number) => names[number] === "b.png")); // 1
 * ```
 */
export class HashedKeys {
  // Slot i holds a key's hash in hashes[i] (its top 8 bits when the owner gives keys back) and
  // its value + 1 in values[i] (0: free).
  #hashes: Uint32Array | Uint8Array;
  #values: Int32Array;
  #size = 0;
  #hash = keyHash;
  #keyOf?: (value: number) => string;
  /** Whether slots keep 8 bits of each hash, not all 32. */
  #tagged: boolean;

  /**
   * Creates an empty index.
   *
   * @param options `keyOf`: the key held with a value, when its owner can give it at once (say,
   * from packed strings), so that keys can be hashed again as the index grows; or `most`: how many
   * keys it will hold at most, so that it is sized once and never grows. Either way only 8 bits of
   * each hash are kept (5 bytes a slot, not 8), and one key in 256 on a candidate's path is a
   * candidate too. Default: whole hashes are kept, and the index grows as needed.
   */
  constructor(options: { keyOf?: (value: number) => string; most?: number } = {}) {
    this.#keyOf = options.keyOf;
    this.#tagged = options.keyOf !== undefined || options.most !== undefined;
    let slots = 64;
    while (4 * (options.most ?? 0) >= 3 * slots) slots *= 2;
    this.#values = new Int32Array(slots);
    this.#hashes = this.#tagged ? new Uint8Array(slots) : new Uint32Array(slots);
  }

  /** How many keys are held. */
  get size(): number {
    return this.#size;
  }

  /**
   * The values held under keys with the same hash as `key`: the candidates, one of which may be
   * `key`'s; the caller compares.
   *
   * @param key The key.
   * @returns The candidates' values.
   */
  *candidates(key: string): Generator<number> {
    const hash = this.#hash(key) >>> 0;
    const mask = this.#values.length - 1;
    const tag = this.#tagOf(hash);
    for (let slot = hash & mask; this.#values[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.#hashes[slot] === tag) yield this.#values[slot] - 1;
    }
  }

  /**
   * The value held for `key`: the first candidate `isKey` says holds it.
   *
   * @param key The key.
   * @param isKey Whether the key held with a value is `key` (compares the strings).
   * @returns Its value, or `undefined` when the key is not held.
   */
  find(key: string, isKey: (value: number) => boolean): number | undefined {
    // As candidates() does, without a generator: the registry looks up every name this way.
    const hash = this.#hash(key) >>> 0;
    const mask = this.#values.length - 1;
    const tag = this.#tagOf(hash);
    for (let slot = hash & mask; this.#values[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.#hashes[slot] === tag && isKey(this.#values[slot] - 1)) {
        return this.#values[slot] - 1;
      }
    }
    return undefined;
  }

  /**
   * Holds a key not held yet with a value.
   *
   * @param key The key.
   * @param value A whole number from 0 to 2^31 - 2.
   */
  add(key: string, value: number): void {
    if (4 * (this.#size + 1) > 3 * this.#values.length) this.#grow();
    const hash = this.#hash(key) >>> 0;
    const slot = this.#freeSlot(hash);
    this.#hashes[slot] = this.#tagOf(hash);
    this.#values[slot] = value + 1;
    this.#size++;
  }

  /**
   * Gives a key held with `value` the value `next` instead.
   *
   * @param key The key.
   * @param value The value it is held with, as {@linkcode HashedKeys.find} found it.
   * @param next Its new value.
   */
  replace(key: string, value: number, next: number): void {
    const hash = this.#hash(key) >>> 0;
    const mask = this.#values.length - 1;
    for (let slot = hash & mask; this.#values[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.#values[slot] === value + 1) {
        this.#values[slot] = next + 1;
        return;
      }
    }
    throw new RangeError(`No key held with the value ${value}`);
  }

  /** What a slot keeps of a hash: all of it, or its top 8 bits. */
  #tagOf(hash: number): number {
    return this.#tagged ? hash >>> 24 : hash;
  }

  #freeSlot(hash: number): number {
    const mask = this.#values.length - 1;
    let slot = hash & mask;
    while (this.#values[slot] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const values = this.#values;
    const keyOf = this.#keyOf;
    if (this.#tagged && keyOf === undefined) {
      throw new RangeError(`More keys than the ${this.#size} an index sized once was made for`);
    }
    this.#values = new Int32Array(values.length * 2);
    this.#hashes = new (hashes.constructor as Uint32ArrayConstructor)(values.length * 2);
    for (let old = 0; old < values.length; old++) {
      if (values[old] === 0) continue;
      const hash = keyOf ? this.#hash(keyOf(values[old] - 1)) >>> 0 : hashes[old];
      const slot = this.#freeSlot(hash);
      this.#hashes[slot] = this.#tagOf(hash);
      this.#values[slot] = values[old];
    }
    // Freed now, not at V8's next full collection (see `releaseBytes`).
    releaseBytes(values);
    releaseBytes(hashes);
  }
}

/**
 * A hash of a string for {@linkcode HashedKeys}: a whole number from 0 to 2^32 - 1. Equal strings
 * must get equal hashes; different strings may.
 */
export type KeyHash = (key: string) => number;

/** A seed drawn once a process, so strings made to share a hash share it in one process only. */
const SEED = crypto.getRandomValues(new Uint32Array(1))[0];

/**
 * The hash every {@linkcode HashedKeys} uses by default: cyrb53's mixing of the string's UTF-16
 * code units, from a seed drawn once a process, cut to 32 bits.
 *
 * @param key The string.
 * @returns Its hash.
 *
 * @example
 * ```ts
 * import { defaultKeyHash } from "./_hashed_keys.ts";
 *
 * console.log(defaultKeyHash("a.png") === defaultKeyHash("a.png")); // true
 * ```
 */
export function defaultKeyHash(key: string): number {
  let h1 = 0xdeadbeef ^ SEED;
  let h2 = 0x41c6ce57 ^ SEED;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

let keyHash: KeyHash = defaultKeyHash;

/**
 * For tests: the hash every {@linkcode HashedKeys} made from now on uses, so a test can make
 * different keys share one (`undefined`: the default again). Products never call it.
 *
 * @param hash The hash, or `undefined` for {@linkcode defaultKeyHash}.
 *
 * @example Every key of one length shares a hash: equality alone tells them apart
 * ```ts
 * import { HashedKeys, useKeyHash } from "./_hashed_keys.ts";
 *
 * useKeyHash((key) => key.length);
 * const ids = ["t1", "t2"];
 * const index = new HashedKeys();
 * useKeyHash(undefined);
 * ids.forEach((id, number) => index.add(id, number));
 * console.log(index.find("t2", (number) => ids[number] === "t2")); // 1
 * ```
 */
export function useKeyHash(hash: KeyHash | undefined): void {
  keyHash = hash ?? defaultKeyHash;
}
