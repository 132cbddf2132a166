/**
 * ASCII text written straight as bytes into one buffer, reused from one file to the next: a
 * `yolo-seg` label file of 200 KB is neither thousands of strings joined nor one string in V8's
 * large-object space, which only a full collection frees.
 *
 * @module
 */

/** The buffer's first size, and the most it keeps between uses. */
const FIRST_BYTES = 64 * 1024;
const KEPT_BYTES = 4 * 1024 * 1024;

/**
 * A growing buffer of ASCII bytes.
 *
 * @example
 * ```ts
 * import { AsciiBytes } from "./_ascii_bytes.ts";
 *
 * const out = new AsciiBytes();
 * out.text("0 0.5");
 * out.byte(0x0a);
 * console.log(new TextDecoder().decode(out.view())); // "0 0.5\n"
 * ```
 */
export class AsciiBytes {
  #bytes = new Uint8Array(FIRST_BYTES);
  #words = new DataView(this.#bytes.buffer);
  #length = 0;

  /** Empties the buffer: it keeps its size, up to 4 MiB (a larger one is let go). */
  clear(): void {
    this.#length = 0;
    if (this.#bytes.length > KEPT_BYTES) this.#grown(FIRST_BYTES);
  }

  /** Appends one byte. */
  byte(value: number): void {
    if (this.#length === this.#bytes.length) this.#room(1);
    this.#bytes[this.#length++] = value;
  }

  /** Appends text of characters below U+0080 (each is one byte). */
  text(text: string): void {
    this.#room(text.length);
    const bytes = this.#bytes;
    let at = this.#length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.#length = at;
  }

  /**
   * Appends the packed text of `value` (see {@linkcode packedFractions}), copied four bytes at a
   * time: its last word may take bytes past the text, which the next write overwrites.
   */
  packed(texts: PackedTexts, value: number): void {
    const start = texts.starts[value];
    const end = texts.starts[value + 1];
    this.#room(end - start + 3);
    const from = texts.words;
    const to = this.#words;
    for (let i = start, at = this.#length; i < end; i += 4, at += 4) {
      to.setUint32(at, from.getUint32(i));
    }
    this.#length += end - start;
  }

  /** The bytes written since the last {@linkcode AsciiBytes.clear}: valid until the next write. */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /** Makes room for `more` bytes. */
  #room(more: number): void {
    const needed = this.#length + more;
    if (needed <= this.#bytes.length) return;
    let size = this.#bytes.length * 2;
    while (size < needed) size *= 2;
    const kept = this.view();
    this.#grown(size);
    this.#bytes.set(kept);
  }

  /** A buffer of `size` bytes in place of the last. */
  #grown(size: number): void {
    this.#bytes = new Uint8Array(size);
    this.#words = new DataView(this.#bytes.buffer);
  }
}

/**
 * The texts of `value / size` for every whole `value` from 0 to `size`, packed: a coordinate's
 * bytes are `bytes[starts[value]]` up to `bytes[starts[value + 1]]`.
 */
export interface PackedTexts {
  bytes: Uint8Array;
  starts: Int32Array;
  /** `bytes` as words, three bytes longer (the last text's last word). */
  words: DataView;
}

/**
 * Packs `textOf(value / size)` for every whole value from 0 to `size`.
 *
 * @param size The image side the values are divided by.
 * @param textOf The text of a number.
 * @returns The packed texts.
 *
 * @example
 * ```ts
 * import { packedFractions } from "./_ascii_bytes.ts";
 *
 * const texts = packedFractions(4, String);
 * console.log(new TextDecoder().decode(texts.bytes)); // "00.250.50.751"
 * ```
 */
export function packedFractions(size: number, textOf: (value: number) => string): PackedTexts {
  const out = new AsciiBytes();
  const starts = new Int32Array(size + 2);
  for (let value = 0; value <= size; value++) {
    starts[value] = out.view().length;
    out.text(textOf(value / size));
  }
  starts[size + 1] = out.view().length;
  const padded = new Uint8Array(out.view().length + 3);
  padded.set(out.view());
  return {
    bytes: padded.subarray(0, out.view().length),
    starts,
    words: new DataView(padded.buffer),
  };
}
