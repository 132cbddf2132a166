import { releaseBytes } from "./_release_bytes.ts";

/**
 * A list of strings that only grows, kept in one buffer: a string of lower-case hex digits (as
 * the lab's task ids, 24 of them) as two digits a byte, any other as UTF-8. A task id takes about
 * 20 bytes (its 12 bytes, where it ends, and room to grow), where a string of its own in V8's
 * heap, with its slot in an array, takes about 50; and the collector has nothing to walk. An
 * export keeps one task id per file it names for its whole run.
 *
 * @example
 * ```ts
 * import { PackedStrings } from "./_packed_strings.ts";
 *
 * const ids = new PackedStrings();
 * const first = ids.push("650000000000000000001eef");
 * console.log(ids.get(first)); // "650000000000000000001eef"
 * console.log(ids.size); // 1
 * ```
 */
export class PackedStrings {
  #bytes = new Uint8Array(1024);
  /** By string: where its bytes end in `#bytes`, with {@linkcode HEX_FLAG} for hex digits. */
  #ends = new Uint32Array(64);
  #size = 0;
  /** The rare strings UTF-8 cannot keep as they are (a lone surrogate), by number. */
  #unpaired = new Map<number, string>();
  #encoder = new TextEncoder();
  #decoder = new TextDecoder();

  /** How many strings are held. */
  get size(): number {
    return this.#size;
  }

  /**
   * Adds a string at the end.
   *
   * @param text The string.
   * @returns Its number, from 0.
   */
  push(text: string): number {
    const number = this.#size;
    const start = this.#endOf(number - 1);
    if (number === this.#ends.length) this.#ends = grown(this.#ends, number + 1);
    this.#ends[number] = HEX_DIGITS.test(text)
      ? this.#putHex(text, start) | HEX_FLAG
      : this.#putText(text, start, number);
    this.#size++;
    return number;
  }

  /**
   * A string held.
   *
   * @param number Its number, from {@linkcode PackedStrings.push}.
   * @returns The string.
   */
  get(number: number): string {
    if (number < 0 || number >= this.#size) throw new RangeError(`No string number ${number}`);
    const unpaired = this.#unpaired.get(number);
    if (unpaired !== undefined) return unpaired;
    const bytes = this.#bytes.subarray(this.#endOf(number - 1), this.#endOf(number));
    if ((this.#ends[number] & HEX_FLAG) === 0) return this.#decoder.decode(bytes);
    let text = "";
    for (const byte of bytes) text += HEX_PAIRS[byte];
    return text;
  }

  /**
   * Whether a string held is `text`, compared without making a string of it.
   *
   * @param number Its number, from {@linkcode PackedStrings.push}.
   * @param text The text to compare with.
   * @returns Whether they are the same code units.
   */
  equals(number: number, text: string): boolean {
    if (this.#unpaired.size > 0 && this.#unpaired.has(number)) return this.get(number) === text;
    const start = this.#endOf(number - 1);
    const end = this.#endOf(number);
    if ((this.#ends[number] & HEX_FLAG) !== 0) {
      if (text.length !== 2 * (end - start)) return false;
      for (let at = start, i = 0; at < end; at++, i += 2) {
        const pair = HEX_PAIRS[this.#bytes[at]];
        if (
          pair.charCodeAt(0) !== text.charCodeAt(i) || pair.charCodeAt(1) !== text.charCodeAt(i + 1)
        ) {
          return false;
        }
      }
      return true;
    }
    // ASCII compares unit for byte; anything else as the string it decodes to.
    for (let at = start, i = 0; at < end; at++, i++) {
      const byte = this.#bytes[at];
      if (byte >= 0x80) return this.get(number) === text;
      if (byte !== text.charCodeAt(i)) return false;
    }
    return text.length === end - start;
  }

  /** Puts hex digits at `start`, two a byte; returns where they end. */
  #putHex(text: string, start: number): number {
    const end = start + text.length / 2;
    if (end > this.#bytes.length) this.#bytes = grown(this.#bytes, end);
    for (let i = 0, at = start; at < end; i += 2, at++) {
      this.#bytes[at] = (digitOf(text.charCodeAt(i)) << 4) | digitOf(text.charCodeAt(i + 1));
    }
    return end;
  }

  /** Puts text at `start` as UTF-8 (a lone surrogate: aside); returns where it ends. */
  #putText(text: string, start: number, number: number): number {
    // Room for its UTF-16 units first (all of ASCII); at most 3 bytes of UTF-8 for each if not.
    if (start + text.length > this.#bytes.length) {
      this.#bytes = grown(this.#bytes, start + text.length);
    }
    // ASCII (most names and ids) is its own UTF-8, put unit for byte without a view to encode into.
    const bytes = this.#bytes;
    let at = start;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) break;
      bytes[at++] = unit;
    }
    if (at - start === text.length) return at;
    if (!text.isWellFormed()) {
      this.#unpaired.set(number, text);
      return start;
    }
    const first = this.#encoder.encodeInto(text, this.#bytes.subarray(start));
    if (first.read === text.length) return start + first.written;
    this.#bytes = grown(this.#bytes, start + 3 * text.length);
    return start + this.#encoder.encodeInto(text, this.#bytes.subarray(start)).written;
  }

  #endOf(number: number): number {
    return number < 0 ? 0 : this.#ends[number] & ~HEX_FLAG;
  }
}

/** The value of a lower-case hex digit's code. */
function digitOf(code: number): number {
  return code <= 0x39 ? code - 0x30 : code - 0x57;
}

/** Strings kept as two hex digits a byte: lower case (so they read back the same), in pairs. */
const HEX_DIGITS = /^(?:[0-9a-f]{2})+$/;
/** The bit of an end that marks hex digits: the buffer stays under 2 GiB. */
const HEX_FLAG = 0x8000_0000;
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * `array` copied into a larger one of its kind, `least` long at least: a quarter larger. The old
 * one is freed at once: left to V8's next full collection, the copies a long run makes (about
 * four times the last one's size) would wait outside the heap all together.
 */
function grown<T extends Uint8Array | Uint32Array>(array: T, least: number): T {
  const larger = new (array.constructor as new (length: number) => T)(
    Math.max(least, Math.ceil(array.length * 1.25)),
  );
  larger.set(array);
  releaseBytes(array);
  return larger;
}
