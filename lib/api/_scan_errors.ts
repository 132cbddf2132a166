/**
 * The JSON scanner's errors: each a sentence about the text (`is empty...`, `has a malformed
 * element...`), naming the byte at fault, and ending with what to do about it in the words of the
 * text at hand (an export file, a page of the lab's answer).
 *
 * @module
 */

import { describe } from "./_json_bytes.ts";
import { MAX_JSON_DEPTH, type NestingErrors } from "./_json_nesting.ts";

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
 * Makes the scanner's errors, through `fail`, for a text whose root is a JSON array or object.
 *
 * @example
 * ```ts ignore
 * const errors = new ScanErrors("array", (message) => new Error(`The file ${message}`), words, {
 *   malformed: () => "a malformed value",
 * });
 * throw errors.empty(0); // The file is empty (0 bytes); it must hold ...
 * ```
 */
export class ScanErrors implements NestingErrors {
  #kind: "array" | "object";
  #fail: (message: string) => Error;
  #words: ScanWords;
  #malformed: () => string;

  /**
   * @param kind What the root must be.
   * @param fail Makes the error to throw from a sentence about the text (`is empty...`).
   * @param words How the sentences end, for the text at hand.
   * @param where `malformed` names what a bracket that closes another is in, e.g. `a malformed
   * element 3 (from byte 120)`.
   */
  constructor(
    kind: "array" | "object",
    fail: (message: string) => Error,
    words: ScanWords,
    where: { malformed: () => string },
  ) {
    this.#kind = kind;
    this.#fail = fail;
    this.#words = words;
    this.#malformed = where.malformed;
  }

  /**
   * A bracket at byte `at` would nest deeper than {@linkcode MAX_JSON_DEPTH} levels.
   *
   * @param at The bracket's offset.
   * @returns The error.
   */
  tooDeep(at: number): Error {
    return this.#fail(
      `nests deeper than ${MAX_JSON_DEPTH} levels at byte ${at}; ${this.#words.fix}.`,
    );
  }

  /**
   * `byte`, at byte `at`, closes a bracket that `expected` should close.
   *
   * @param byte The closing bracket read.
   * @param expected The one that should close.
   * @param at Its offset.
   * @returns The error.
   */
  mismatch(byte: number, expected: number, at: number): Error {
    return this.#fail(
      `has ${this.#malformed()}: ${describe(byte)} at byte ${at} where ${describe(expected)} ` +
        `should close; ${this.#words.fix}.`,
    );
  }

  /**
   * The text ended before its root value.
   *
   * @param bytes The text's bytes (whitespace, maybe a BOM).
   * @returns The error.
   */
  empty(bytes: number): Error {
    return this.#fail(`is empty (${bytes} bytes); it must hold ${this.#words.whole}.`);
  }

  /**
   * The text ended at byte `at`, before its root value was closed.
   *
   * @param at The text's length.
   * @param element The element it ended in, e.g. `element 3 (from byte 120)`; none: outside.
   * @returns The error.
   */
  truncated(at: number, element: string | undefined): Error {
    const inside = element !== undefined
      ? `inside ${element}`
      : `before its ${this.#kind} is closed`;
    return this.#fail(`ends at byte ${at}, ${inside}: ${this.#words.truncated}.`);
  }

  /**
   * `byte`, at byte `at`, follows the root value.
   *
   * @param byte The byte.
   * @param at Its offset.
   * @returns The error.
   */
  afterRoot(byte: number, at: number): Error {
    return this.#fail(
      `has ${describe(byte)} after its ${this.#kind}, at byte ${at}; ` +
        `it must hold ${this.#words.whole} and nothing else.`,
    );
  }

  /**
   * `byte`, at byte `at`, stands where `opener` should open the root.
   *
   * @param byte The byte.
   * @param at Its offset.
   * @param opener The root's opening bracket.
   * @returns The error.
   */
  notOpened(byte: number, at: number, opener: number): Error {
    return this.#fail(
      `is not a JSON ${this.#kind}: byte ${at} is ${describe(byte)} where ` +
        `${describe(opener)} should open it; ${this.#words.shape}.`,
    );
  }

  /**
   * Element `element` of the cut array starts with `byte`, a `,` or `]`, at byte `at`.
   *
   * @param element The element's number, from 1.
   * @param at The byte's offset.
   * @param byte The byte.
   * @returns The error.
   */
  noValue(element: number, at: number, byte: number): Error {
    return this.#fail(
      `has a malformed element ${element} (at byte ${at}): ` +
        `${describe(byte)} where a value should be; ${this.#words.fix}.`,
    );
  }

  /**
   * A page's object has a second `docs` array, at byte `at`.
   *
   * @param at The array's offset.
   * @returns The error.
   */
  secondDocs(at: number): Error {
    return this.#fail(`has a second "docs" array at byte ${at}; ${this.#words.fix}.`);
  }

  /**
   * `byte`, at byte `at`, is out of place in a page's object.
   *
   * @param byte The byte.
   * @param at Its offset.
   * @returns The error.
   */
  outOfPlace(byte: number, at: number): Error {
    return this.#fail(
      `is not a JSON object: ${describe(byte)} at byte ${at} is out of place; ` +
        `${this.#words.shape}.`,
    );
  }
}
