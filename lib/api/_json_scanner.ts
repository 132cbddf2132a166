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
  COMMA,
  isSpace,
  OPEN_BRACE,
  OPEN_BRACKET,
} from "./_json_bytes.ts";
import { JsonNesting, type ValueCounts } from "./_json_nesting.ts";
import { PageMembers } from "./_page_members.ts";
import { ScanErrors, type ScanWords } from "./_scan_errors.ts";

export type { ScanWords, ValueCounts };

// Where the scanner stands in the text.
const BEFORE_ROOT = 0;
const IN_ROOT = 1;
const AFTER_ROOT = 2;
// In the array whose elements are cut: after `[`, after `,`, inside an element.
const FIRST_ELEMENT = 0;
const NEXT_ELEMENT = 1;
const IN_ELEMENT = 2;

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

/**
 * Scans JSON bytes, chunk after chunk. Values are cut at ASCII `,`, `]` and `}` outside strings
 * and nesting, so a multi-byte UTF-8 character split across chunks is never cut. A leading UTF-8
 * BOM and whitespace are accepted. Byte offsets in messages count from 0 at the first byte.
 */
export class JsonScanner {
  #errors: ScanErrors;
  #root: JsonRoot;
  #phase = BEFORE_ROOT;
  #bomBytes = 0;
  #offset = 0; // the offset of the current chunk's first byte
  #nesting: JsonNesting;
  #cutDepth = 1; // the depth of the array whose elements are cut (2 inside a page's `docs`)
  #state = FIRST_ELEMENT; // in the cut array
  #members: PageMembers; // in a page's object
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
    this.#errors = new ScanErrors(root === "array" ? "array" : "object", fail, words, {
      malformed: () => this.#inCutArray() ? `a malformed ${this.where}` : "a malformed value",
    });
    this.#nesting = new JsonNesting(this.#errors);
    this.#members = new PageMembers(this.#nesting, this.#errors);
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
    return this.#openFrom === undefined || this.#inCutArray() ? null : this.#members.member;
  }

  /** The name of the page member read last (`undefined`: longer than 64 bytes). */
  get lastMember(): string | undefined {
    return this.#members.member;
  }

  /** Whether the page's `docs` array was met. */
  get sawDocs(): boolean {
    return this.#members.sawDocs;
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
      (this.#inCutArray() ? this.#state === IN_ELEMENT : this.#members.inValue);
    this.#openFrom = open ? this.#valueStart : undefined;
    this.#offset += chunk.length;
  }

  /**
   * Checks that the text ended after its root value.
   *
   * @throws {Error} (from `fail`) when it was empty, or ended before the root was closed.
   */
  end(): void {
    if (this.#phase === BEFORE_ROOT) throw this.#errors.empty(this.#offset);
    if (this.#phase !== AFTER_ROOT) {
      const inElement = this.#inCutArray() && this.#state === IN_ELEMENT;
      throw this.#errors.truncated(this.#offset, inElement ? this.where : undefined);
    }
  }

  #inCutArray(): boolean {
    return this.#root === "array" || this.#cutDepth === 2;
  }

  /** Inside a string: skips to its closing quote (or the chunk's end); returns the last index. */
  #skipString(chunk: Uint8Array, from: number): number {
    const members = this.#members;
    const naming = members.naming && this.#nesting.depth === 1 && this.#root === "page";
    const last = this.#nesting.skipString(
      chunk,
      from,
      this.#inCutArray(),
      naming ? members.name : undefined,
    );
    if (naming && !this.#nesting.inString) members.nameEnded();
    return last;
  }

  /** Before and after the root value: a BOM, whitespace, the opening bracket. */
  #outside(byte: number, at: number): void {
    if (isSpace(byte)) return;
    if (this.#phase === AFTER_ROOT) throw this.#errors.afterRoot(byte, at);
    if (at === this.#bomBytes && at < BOM.length && byte === BOM[at]) {
      this.#bomBytes++;
      return;
    }
    const opener = this.#root === "array" ? OPEN_BRACKET : OPEN_BRACE;
    if (byte !== opener || (this.#bomBytes > 0 && this.#bomBytes < BOM.length)) {
      throw this.#errors.notOpened(byte, at, opener);
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
        throw this.#errors.noValue(this.#elementNumber, at, byte);
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
    else (this.#members.docsClosed(), this.#cutDepth = 1);
  }

  /** At the level of a page's object: names, colons, members and the `docs` array. */
  #inObject(byte: number, i: number): ValueEnd | undefined {
    const members = this.#members;
    const step = members.step(byte, this.#offset + i);
    // The `}` that closes the page's object closes the root.
    if (this.#nesting.depth === 0) this.#phase = AFTER_ROOT;
    if (step === "value") this.#valueStart = i;
    else if (step === "docs") (this.#cutDepth = 2, this.#state = FIRST_ELEMENT);
    else if (step === "ended") {
      return { start: this.#valueStart, end: i, member: members.member, isMember: true };
    }
    return undefined;
  }
}
