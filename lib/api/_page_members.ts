/**
 * The members of a task page's top-level object, as the JSON scanner meets them byte by byte:
 * each member's name (kept when it is short), its colon, its value, and the one `docs` array,
 * whose elements the scanner cuts. The bytes inside a value are followed by the nesting.
 *
 * @module
 */

import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  isSpace,
  OPEN_BRACKET,
  QUOTE,
} from "./_json_bytes.ts";
import { type JsonNesting, MAX_KEY_BYTES } from "./_json_nesting.ts";
import type { ScanErrors } from "./_scan_errors.ts";

// Before a name (after `{`, after `,`), in it, before `:`, before the value, inside the value,
// after the `docs` array.
const FIRST_NAME = 0;
const NEXT_NAME = 1;
const IN_NAME = 2;
const BEFORE_COLON = 3;
const BEFORE_VALUE = 4;
const IN_VALUE = 5;
const AFTER_DOCS = 6;

/**
 * What a byte at the level of the page's object did, for the scanner: nothing it holds
 * (`"none"`), start a member's value (`"value"`), open the `docs` array (`"docs"`), or end a
 * member's value (`"ended"`, at its `,` or `}`).
 *
 * @example
 * ```ts ignore
 * const step: MemberStep = members.step(byte, at);
 * if (step === "ended") console.log(members.member);
 * ```
 */
export type MemberStep = "none" | "value" | "docs" | "ended";

/**
 * The members of a page's object as they are scanned.
 *
 * @example
 * ```ts ignore
 * const members = new PageMembers(nesting, errors);
 * members.step(0x22, 1); // `"`: a name starts
 * ```
 */
export class PageMembers {
  #nesting: JsonNesting;
  #errors: ScanErrors;
  #state = FIRST_NAME;
  #name: number[] = [];
  #member: string | undefined;
  #docsSeen = false;

  /**
   * @param nesting The strings and brackets of the text.
   * @param errors The errors to throw.
   */
  constructor(nesting: JsonNesting, errors: ScanErrors) {
    this.#nesting = nesting;
    this.#errors = errors;
  }

  /** The name of the member read last (`undefined`: longer than 64 bytes). */
  get member(): string | undefined {
    return this.#member;
  }

  /** Whether the `docs` array was met. */
  get sawDocs(): boolean {
    return this.#docsSeen;
  }

  /** Whether the scan is inside a member's value (not the `docs` array). */
  get inValue(): boolean {
    return this.#state === IN_VALUE;
  }

  /** Whether the string being scanned is a member's name, whose bytes go to `name`. */
  get naming(): boolean {
    return this.#state === IN_NAME;
  }

  /** The bytes of the name being read, up to one more than a name kept. */
  get name(): number[] {
    return this.#name;
  }

  /** The `docs` array was closed. */
  docsClosed(): void {
    this.#state = AFTER_DOCS;
  }

  /**
   * Takes a byte at the level of the page's object (outside strings): a name's opening quote,
   * a colon, a value's bytes, the `docs` array's opening bracket, a comma, the closing brace.
   *
   * @param byte The byte.
   * @param at Its offset in the text, for messages.
   * @returns What the byte did.
   * @throws {Error} (from the errors) when the byte is out of place, opens a second `docs`
   * array, or nests too deep or closes another bracket inside a value.
   */
  step(byte: number, at: number): MemberStep {
    const state = this.#state;
    if (state === IN_VALUE) {
      if (byte !== COMMA && byte !== CLOSE_BRACE) {
        this.#nesting.nest(byte, at, false);
        return "none";
      }
      this.#endMember(byte);
      return "ended";
    }
    if (isSpace(byte)) return "none";
    if ((state === FIRST_NAME || state === NEXT_NAME) && byte === QUOTE) {
      this.#state = IN_NAME;
      this.#nesting.enterString();
      this.#name = [];
    } else if (state === FIRST_NAME && byte === CLOSE_BRACE) this.#endMember(byte);
    else if (state === BEFORE_COLON && byte === COLON) this.#state = BEFORE_VALUE;
    else if (state === AFTER_DOCS && (byte === COMMA || byte === CLOSE_BRACE)) {
      this.#endMember(byte);
    } else if (state === BEFORE_VALUE && byte === OPEN_BRACKET && this.#member === "docs") {
      if (this.#docsSeen) throw this.#errors.secondDocs(at);
      this.#docsSeen = true;
      this.#nesting.open(CLOSE_BRACKET);
      return "docs";
    } else if (state === BEFORE_VALUE && byte !== COMMA && byte !== CLOSE_BRACE) {
      this.#state = IN_VALUE;
      this.#nesting.nest(byte, at, false);
      return "value";
    } else throw this.#errors.outOfPlace(byte, at);
    return "none";
  }

  /** The name's closing quote was read: the member is known by its name, if short. */
  nameEnded(): void {
    this.#state = BEFORE_COLON;
    const bytes = this.#name;
    this.#member = undefined;
    if (bytes.length > MAX_KEY_BYTES + 1) return;
    try {
      this.#member = JSON.parse(`"${String.fromCharCode(...bytes.slice(0, -1))}"`);
    } catch {
      // A name that is not a JSON string is no member the reader knows.
    }
  }

  /** After a value: a `,` awaits the next name; a `}` closes the page's object. */
  #endMember(byte: number): void {
    if (byte === COMMA) this.#state = NEXT_NAME;
    else this.#nesting.close();
  }
}
