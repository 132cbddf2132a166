/**
 * The byte scanner behind `jsonArrayItems`: finds where each element of a top-level JSON array
 * starts and ends, chunk after chunk, following strings, escapes and nesting, and refuses text
 * that is not one JSON array.
 *
 * @module
 */

import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./_json_bytes.ts";

const BOM = [0xef, 0xbb, 0xbf];

// Where the scanner stands: before the `[`, after it, after a `,`, inside an element, after `]`.
const BEFORE_ARRAY = 0;
const FIRST_ELEMENT = 1;
const NEXT_ELEMENT = 2;
const IN_ELEMENT = 3;
const AFTER_ARRAY = 4;

/** An element that ends in the chunk scanned: its bytes in the chunk, from `start` to `end`. */
export interface ElementEnd {
  /** Where the element's bytes start in the chunk (0 when it began in an earlier chunk). */
  start: number;
  /** Where they end (exclusive): the `,` or `]` after the element. */
  end: number;
}

/**
 * Scans a JSON array's bytes, chunk after chunk. Elements are cut at ASCII `,` and `]` outside
 * strings and nesting, so a multi-byte UTF-8 character split across chunks is never cut. A
 * leading UTF-8 BOM and whitespace between elements are accepted. Byte offsets in messages count
 * from 0 at the first byte scanned.
 */
export class JsonArrayScanner {
  #fail: (message: string) => Error;
  #phase = BEFORE_ARRAY;
  #bomBytes = 0; // how many bytes of a leading UTF-8 BOM were seen
  #offset = 0; // the offset of the current chunk's first byte
  #inString = false;
  #escaped = false;
  #closers: number[] = []; // the bracket each open `{` or `[` of the element expects
  #elementStart = 0;
  #elementNumber = 0;
  #openFrom: number | undefined;

  /** @param fail Makes the error to throw from a message about the text. */
  constructor(fail: (message: string) => Error) {
    this.#fail = fail;
  }

  /** The current element: its number, from 1, and the offset of its first byte. */
  get element(): { number: number; start: number } {
    return { number: this.#elementNumber, start: this.#elementStart };
  }

  /** The current element, for messages: `element 3 (from byte 120)`. */
  get where(): string {
    return `element ${this.#elementNumber} (from byte ${this.#elementStart})`;
  }

  /** Where the element still open at the end of the last chunk starts in it; none: no element. */
  get openFrom(): number | undefined {
    return this.#openFrom;
  }

  /**
   * Scans one chunk, yielding each element that ends in it; then {@linkcode openFrom} tells
   * where an element that goes on in the next chunk starts.
   *
   * @param chunk The next bytes of the text.
   * @throws {Error} (from `fail`) when the text is not a JSON array or an element is malformed.
   */
  *scan(chunk: Uint8Array): Generator<ElementEnd> {
    let start = 0; // where the current element starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.#phase !== IN_ELEMENT) {
        if (!this.#startsElement(byte, this.#offset + i)) continue;
        start = i;
      }
      if (this.#endsElement(byte, this.#offset + i)) yield { start, end: i };
    }
    this.#openFrom = this.#phase === IN_ELEMENT ? start : undefined;
    this.#offset += chunk.length;
  }

  /**
   * Checks that the text ended after its array.
   *
   * @throws {Error} (from `fail`) when it was empty, or ended before the array was closed.
   */
  end(): void {
    if (this.#phase === BEFORE_ARRAY) {
      throw this.#fail(
        `is empty (${this.#offset} bytes); it must hold a JSON array of task documents.`,
      );
    }
    if (this.#phase !== AFTER_ARRAY) {
      const inside = this.#phase === IN_ELEMENT
        ? `inside ${this.where}`
        : "before its array is closed";
      throw this.#fail(
        `ends at byte ${this.#offset}, ${inside}: the file is truncated; export it again.`,
      );
    }
  }

  /** Outside elements: whether `byte`, at offset `at`, starts one. */
  #startsElement(byte: number, at: number): boolean {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return false;
    if (this.#phase === BEFORE_ARRAY) {
      this.#openArray(byte, at);
      return false;
    }
    if (this.#phase === AFTER_ARRAY) {
      throw this.#fail(
        `has ${describe(byte)} after its array, at byte ${at}; ` +
          `the file must hold one JSON array and nothing else.`,
      );
    }
    if (byte === CLOSE_BRACKET && this.#phase === FIRST_ELEMENT) {
      this.#phase = AFTER_ARRAY;
      return false;
    }
    this.#elementNumber++;
    this.#elementStart = at;
    if (byte === COMMA || byte === CLOSE_BRACKET) {
      throw this.#fail(
        `has a malformed element ${this.#elementNumber} (at byte ${at}): ` +
          `${describe(byte)} where a value should be; fix or export the file again.`,
      );
    }
    this.#phase = IN_ELEMENT;
    return true;
  }

  /** Before the array: a BOM's bytes, then its `[`. */
  #openArray(byte: number, at: number): void {
    if (at === this.#bomBytes && at < BOM.length && byte === BOM[at]) {
      this.#bomBytes++;
      return;
    }
    if (byte !== OPEN_BRACKET || (this.#bomBytes > 0 && this.#bomBytes < BOM.length)) {
      throw this.#fail(
        `is not a JSON array: byte ${at} is ${describe(byte)} where "[" should open it; ` +
          `give the SDK's format="lab" export or a JSON array of task documents.`,
      );
    }
    this.#phase = FIRST_ELEMENT;
  }

  /** Inside an element: whether `byte`, at offset `at`, ends it (a `,` or `]` at its level). */
  #endsElement(byte: number, at: number): boolean {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (byte === BACKSLASH) this.#escaped = true;
      else if (byte === QUOTE) this.#inString = false;
      return false;
    }
    const closers = this.#closers;
    if (byte === QUOTE) this.#inString = true;
    else if (byte === OPEN_BRACE) closers.push(CLOSE_BRACE);
    else if (byte === OPEN_BRACKET) closers.push(CLOSE_BRACKET);
    else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && closers.length > 0) {
      const expected = closers.pop() as number;
      if (expected !== byte) {
        throw this.#fail(
          `has a malformed ${this.where}: ${describe(byte)} at byte ${at} where ` +
            `${describe(expected)} should close; fix or export the file again.`,
        );
      }
    } else if ((byte === COMMA || byte === CLOSE_BRACKET) && closers.length === 0) {
      this.#phase = byte === COMMA ? NEXT_ELEMENT : AFTER_ARRAY;
      return true;
    }
    return false;
  }
}

/** A byte for a message: the character when printable ASCII, else its hex code. */
function describe(byte: number): string {
  return byte > 0x20 && byte < 0x7f
    ? JSON.stringify(String.fromCharCode(byte))
    : `the byte 0x${byte.toString(16).padStart(2, "0")}`;
}
