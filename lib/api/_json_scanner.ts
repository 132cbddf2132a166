/**
 * The one byte scanner that cuts JSON text into values without holding it: the elements of a
 * top-level array (an export file, `jsonArrayItems`) or, in a task page, the elements of the
 * top-level object's `docs` array and that object's other members (the page reader). It follows
 * strings, escapes and nesting chunk after chunk, caps the nesting depth, and refuses text that
 * does not have the expected shape. What is inside a value is left to `JSON.parse`.
 *
 * @module
 */

import {
  BOM,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  describe,
  isSpace,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./_json_bytes.ts";
import { JsonNesting, MAX_JSON_DEPTH, MAX_KEY_BYTES, type ValueCounts } from "./_json_nesting.ts";

export type { ValueCounts };

// Where the scanner stands in the text.
const BEFORE_ROOT = 0;
const IN_ROOT = 1;
const AFTER_ROOT = 2;
// In the array whose elements are cut: after `[`, after `,`, inside an element.
const FIRST_ELEMENT = 0;
const NEXT_ELEMENT = 1;
const IN_ELEMENT = 2;
// In a page's object: before a name (after `{`, after `,`), in it, before `:`, before the value,
// inside the value, after the `docs` array.
const FIRST_NAME = 0;
const NEXT_NAME = 1;
const IN_NAME = 2;
const BEFORE_COLON = 3;
const BEFORE_VALUE = 4;
const IN_VALUE = 5;
const AFTER_DOCS = 6;

/** A value that ends in the chunk scanned: its bytes in the chunk, from `start` to `end`. */
export interface ValueEnd {
  /** Where the value's bytes start in the chunk (0 when it began in an earlier chunk). */
  start: number;
  /** Where they end (exclusive): the `,`, `]` or `}` after the value. */
  end: number;
  /**
   * For a member of a page's object (not an element of `docs`): its name, or `undefined` when
   * the name is longer than 64 bytes.
   */
  member?: string | undefined;
  /** Whether the value is a member of the page's object rather than an element. */
  isMember: boolean;
}

/** What the text must be: a JSON array, or a page object whose `docs` array is cut. */
export type JsonRoot = "array" | "page";

/** The words that end the scanner's messages, for the text at hand. */
export interface ScanWords {
  /** What the text must hold, e.g. `a JSON array of task documents`. */
  whole: string;
  /** What to do about text of another shape. */
  shape: string;
  /** What a text that ends too early is, e.g. `the file is truncated; export it again`. */
  truncated: string;
  /** What to do about a malformed value. */
  fix: string;
}

/**
 * Scans JSON bytes, chunk after chunk. Values are cut at ASCII `,`, `]` and `}` outside strings
 * and nesting, so a multi-byte UTF-8 character split across chunks is never cut. A leading UTF-8
 * BOM and whitespace are accepted. Byte offsets in messages count from 0 at the first byte.
 */
export class JsonScanner {
  #fail: (message: string) => Error;
  #words: ScanWords;
  #root: JsonRoot;
  #phase = BEFORE_ROOT;
  #bomBytes = 0;
  #offset = 0; // the offset of the current chunk's first byte
  #nesting: JsonNesting;
  #cutDepth = 1; // the depth of the array whose elements are cut (2 inside a page's `docs`)
  #state = FIRST_ELEMENT; // in the cut array
  #memberState = FIRST_NAME; // in a page's object
  #name: number[] = [];
  #member: string | undefined;
  #docsSeen = false;
  #valueStart = 0; // where the open value starts in the current chunk
  #elementStart = 0;
  #elementNumber = 0;
  #openFrom: number | undefined;

  /**
   * @param root What the text must be.
   * @param fail Makes the error to throw from a sentence about the text (`is empty...`).
   * @param words How the sentences end, for the text at hand.
   */
  constructor(root: JsonRoot, fail: (message: string) => Error, words: ScanWords) {
    this.#root = root;
    this.#fail = fail;
    this.#words = words;
    this.#nesting = new JsonNesting({
      tooDeep: (at) =>
        fail(`nests deeper than ${MAX_JSON_DEPTH} levels at byte ${at}; ${words.fix}.`),
      mismatch: (byte, expected, at) => {
        const which = this.#inCutArray() ? `a malformed ${this.where}` : "a malformed value";
        return fail(
          `has ${which}: ${describe(byte)} at byte ${at} where ${describe(expected)} should ` +
            `close; ${words.fix}.`,
        );
      },
    });
  }

  /** The current element: its number, from 1, and the offset of its first byte. */
  get element(): { number: number; start: number } {
    return { number: this.#elementNumber, start: this.#elementStart };
  }

  /** The current element, for messages: `element 3 (from byte 120)`. */
  get where(): string {
    return `element ${this.#elementNumber} (from byte ${this.#elementStart})`;
  }

  /** Where the value still open at the end of the last chunk starts in it; none: no value. */
  get openFrom(): number | undefined {
    return this.#openFrom;
  }

  /**
   * The page member whose value is open at the end of the last chunk, by name (`undefined`:
   * a name longer than 64 bytes); `null` when the open value is an element, or none is open.
   */
  get openMember(): string | undefined | null {
    return this.#openFrom === undefined || this.#inCutArray() ? null : this.#member;
  }

  /** The name of the page member read last (`undefined`: longer than 64 bytes). */
  get lastMember(): string | undefined {
    return this.#member;
  }

  /** Whether the page's `docs` array was met. */
  get sawDocs(): boolean {
    return this.#docsSeen;
  }

  /** What the elements scanned so far hold, from the first (kept up to date: do not change). */
  get counts(): Readonly<ValueCounts> {
    return this.#nesting.counts;
  }

  /** How many bytes were scanned. */
  get offset(): number {
    return this.#offset;
  }

  /**
   * Scans one chunk, yielding each value that ends in it; then {@linkcode openFrom} tells where a
   * value that goes on in the next chunk starts.
   *
   * @param chunk The next bytes of the text.
   * @throws {Error} (from `fail`) when the text does not have the expected shape or nests too deep.
   */
  *scan(chunk: Uint8Array): Generator<ValueEnd> {
    this.#valueStart = 0;
    // A stream may hand the same buffer again with new bytes: nothing found in it is kept.
    const nesting = this.#nesting;
    nesting.newChunk();
    for (let i = 0; i < chunk.length; i++) {
      if (nesting.inString) {
        i = this.#skipString(chunk, i);
        continue;
      }
      const byte = chunk[i];
      if (this.#phase !== IN_ROOT) {
        this.#outside(byte, this.#offset + i);
      } else if (nesting.depth > this.#cutDepth) {
        nesting.nest(byte, this.#offset + i, this.#inCutArray());
      } else if (this.#cutDepth === nesting.depth && this.#inCutArray()) {
        const ended = this.#inArray(byte, i);
        if (ended !== undefined) yield ended;
      } else {
        const ended = this.#inObject(byte, i);
        if (ended !== undefined) yield ended;
      }
    }
    const open = this.#phase === IN_ROOT &&
      (this.#inCutArray() ? this.#state === IN_ELEMENT : this.#memberState === IN_VALUE);
    this.#openFrom = open ? this.#valueStart : undefined;
    this.#offset += chunk.length;
  }

  /**
   * Checks that the text ended after its root value.
   *
   * @throws {Error} (from `fail`) when it was empty, or ended before the root was closed.
   */
  end(): void {
    const kind = this.#root === "array" ? "array" : "object";
    if (this.#phase === BEFORE_ROOT) {
      throw this.#fail(`is empty (${this.#offset} bytes); it must hold ${this.#words.whole}.`);
    }
    if (this.#phase !== AFTER_ROOT) {
      const inside = this.#inCutArray() && this.#state === IN_ELEMENT
        ? `inside ${this.where}`
        : `before its ${kind} is closed`;
      throw this.#fail(`ends at byte ${this.#offset}, ${inside}: ${this.#words.truncated}.`);
    }
  }

  #inCutArray(): boolean {
    return this.#root === "array" || this.#cutDepth === 2;
  }

  /** Inside a string: skips to its closing quote (or the chunk's end); returns the last index. */
  #skipString(chunk: Uint8Array, from: number): number {
    const naming = this.#memberState === IN_NAME && this.#nesting.depth === 1 &&
      this.#root === "page";
    const last = this.#nesting.skipString(
      chunk,
      from,
      this.#inCutArray(),
      naming ? this.#name : undefined,
    );
    if (naming && !this.#nesting.inString) this.#nameEnded();
    return last;
  }

  /** Before and after the root value: a BOM, whitespace, the opening bracket. */
  #outside(byte: number, at: number): void {
    if (isSpace(byte)) return;
    const kind = this.#root === "array" ? "array" : "object";
    if (this.#phase === AFTER_ROOT) {
      throw this.#fail(
        `has ${describe(byte)} after its ${kind}, at byte ${at}; ` +
          `it must hold ${this.#words.whole} and nothing else.`,
      );
    }
    if (at === this.#bomBytes && at < BOM.length && byte === BOM[at]) {
      this.#bomBytes++;
      return;
    }
    const opener = this.#root === "array" ? OPEN_BRACKET : OPEN_BRACE;
    if (byte !== opener || (this.#bomBytes > 0 && this.#bomBytes < BOM.length)) {
      throw this.#fail(
        `is not a JSON ${kind}: byte ${at} is ${describe(byte)} where ` +
          `${describe(opener)} should open it; ${this.#words.shape}.`,
      );
    }
    this.#phase = IN_ROOT;
    this.#nesting.open(opener === OPEN_BRACKET ? CLOSE_BRACKET : CLOSE_BRACE);
  }

  /** At the level of the cut array: starts and ends its elements. */
  #inArray(byte: number, i: number): ValueEnd | undefined {
    const at = this.#offset + i;
    if (this.#state !== IN_ELEMENT) {
      if (isSpace(byte)) return undefined;
      if (byte === CLOSE_BRACKET && this.#state === FIRST_ELEMENT) {
        this.#closeArray();
        return undefined;
      }
      this.#elementNumber++;
      this.#elementStart = at;
      if (byte === COMMA || byte === CLOSE_BRACKET) {
        throw this.#fail(
          `has a malformed element ${this.#elementNumber} (at byte ${at}): ` +
            `${describe(byte)} where a value should be; ${this.#words.fix}.`,
        );
      }
      this.#state = IN_ELEMENT;
      this.#valueStart = i;
    }
    if (byte === COMMA || byte === CLOSE_BRACKET) {
      const ended = { start: this.#valueStart, end: i, isMember: false };
      this.#state = NEXT_ELEMENT;
      if (byte === CLOSE_BRACKET) this.#closeArray();
      return ended;
    }
    this.#nesting.nest(byte, at, true);
    return undefined;
  }

  #closeArray(): void {
    this.#nesting.close();
    if (this.#root === "array") this.#phase = AFTER_ROOT;
    else (this.#memberState = AFTER_DOCS, this.#cutDepth = 1);
  }

  /** At the level of a page's object: names, colons, members and the `docs` array. */
  #inObject(byte: number, i: number): ValueEnd | undefined {
    const at = this.#offset + i;
    const state = this.#memberState;
    if (state === IN_VALUE) {
      if (byte !== COMMA && byte !== CLOSE_BRACE) {
        this.#nesting.nest(byte, at, false);
        return undefined;
      }
      const ended = { start: this.#valueStart, end: i, member: this.#member, isMember: true };
      this.#endMember(byte);
      return ended;
    }
    if (isSpace(byte)) return undefined;
    if ((state === FIRST_NAME || state === NEXT_NAME) && byte === QUOTE) {
      this.#memberState = IN_NAME;
      this.#nesting.enterString();
      this.#name = [];
    } else if (state === FIRST_NAME && byte === CLOSE_BRACE) this.#endMember(byte);
    else if (state === BEFORE_COLON && byte === COLON) this.#memberState = BEFORE_VALUE;
    else if (state === AFTER_DOCS && (byte === COMMA || byte === CLOSE_BRACE)) {
      this.#endMember(byte);
    } else if (state === BEFORE_VALUE && byte === OPEN_BRACKET && this.#member === "docs") {
      if (this.#docsSeen) {
        throw this.#fail(`has a second "docs" array at byte ${at}; ${this.#words.fix}.`);
      }
      this.#docsSeen = true;
      this.#nesting.open(CLOSE_BRACKET);
      this.#cutDepth = 2;
      this.#state = FIRST_ELEMENT;
    } else if (state === BEFORE_VALUE && byte !== COMMA && byte !== CLOSE_BRACE) {
      this.#memberState = IN_VALUE;
      this.#valueStart = i;
      this.#nesting.nest(byte, at, false);
    } else {
      throw this.#fail(
        `is not a JSON object: ${
          describe(byte)
        } at byte ${at} is out of place; ${this.#words.shape}.`,
      );
    }
    return undefined;
  }

  #endMember(byte: number): void {
    if (byte === COMMA) this.#memberState = NEXT_NAME;
    else (this.#nesting.close(), this.#phase = AFTER_ROOT);
  }

  #nameEnded(): void {
    this.#memberState = BEFORE_COLON;
    const bytes = this.#name;
    this.#member = undefined;
    if (bytes.length > MAX_KEY_BYTES + 1) return;
    try {
      this.#member = JSON.parse(`"${String.fromCharCode(...bytes.slice(0, -1))}"`);
    } catch {
      // A name that is not a JSON string is no member the reader knows.
    }
  }
}
