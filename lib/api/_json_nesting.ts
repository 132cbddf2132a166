/**
 * What the JSON scanner follows inside a value, byte by byte and chunk after chunk: strings and
 * their escapes, and the brackets still open (the root's included), their depth capped. What the
 * elements of the cut array hold is counted here as it passes.
 *
 * @module
 */

import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./_json_bytes.ts";

/**
 * The deepest nesting accepted: a task is a few levels deep; a run of `[` must not grow a stack
 * (or make `JSON.parse` recurse) without end.
 */
export const MAX_JSON_DEPTH = 512;
/** The bytes of a member name kept: a longer name is no member the page reader knows. */
export const MAX_KEY_BYTES = 64;

/**
 * What the elements of the cut array hold, counted as they pass (what is inside their strings
 * aside): what their parsed objects cost beyond their text.
 */
export interface ValueCounts {
  /** Objects and arrays (each `{` and `[`). */
  containers: number;
  /** Members of objects (each `:`). */
  members: number;
  /** Values after the first in an object or array (each `,`). */
  commas: number;
  /** Bytes of strings, their quotes included (member names are strings). */
  stringBytes: number;
}

/** The errors of a value that nests too deep or closes with the wrong bracket. */
export interface NestingErrors {
  /** A bracket opened at byte `at` would nest deeper than {@linkcode MAX_JSON_DEPTH}. */
  tooDeep(at: number): Error;
  /** `byte` at byte `at` closes where `expected` should. */
  mismatch(byte: number, expected: number, at: number): Error;
}

/**
 * The strings and brackets of JSON text as it is scanned.
 *
 * @example
 * ```ts ignore
 * const nesting = new JsonNesting(errors);
 * nesting.open(0x5d); // the root `[`
 * ```
 */
export class JsonNesting {
  #errors: NestingErrors;
  /** The bracket each open `{` or `[` expects, the root's included. */
  #closers: number[] = [];
  #inString = false;
  #escaped = false;
  #backslashChunk?: Uint8Array;
  #backslashAt = -1;
  #counts: ValueCounts = { containers: 0, members: 0, commas: 0, stringBytes: 0 };

  /** @param errors The errors to throw. */
  constructor(errors: NestingErrors) {
    this.#errors = errors;
  }

  /** How many brackets are open. */
  get depth(): number {
    return this.#closers.length;
  }

  /** Whether the scan is inside a string. */
  get inString(): boolean {
    return this.#inString;
  }

  /** What the cut array's elements held so far (kept up to date: do not change). */
  get counts(): Readonly<ValueCounts> {
    return this.#counts;
  }

  /** A new chunk: nothing found in the one before (maybe the same buffer, refilled) is kept. */
  newChunk(): void {
    this.#backslashChunk = undefined;
  }

  /** Opens a bracket that `closer` closes. */
  open(closer: number): void {
    this.#closers.push(closer);
  }

  /** Closes the innermost bracket. */
  close(): void {
    this.#closers.pop();
  }

  /** A string starts (its opening quote was read). */
  enterString(): void {
    this.#inString = true;
  }

  /**
   * Inside a value: follows strings and nesting, and counts what the cut array's elements hold
   * when `counting`.
   *
   * @throws {Error} (from the errors) when a bracket nests too deep or closes another.
   */
  nest(byte: number, at: number, counting: boolean): void {
    const closers = this.#closers;
    if (byte === QUOTE) {
      this.#inString = true;
      if (counting) this.#counts.stringBytes++;
    } else if (byte === COMMA || byte === COLON) {
      if (counting) byte === COMMA ? this.#counts.commas++ : this.#counts.members++;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (closers.length >= MAX_JSON_DEPTH) throw this.#errors.tooDeep(at);
      closers.push(byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
      if (counting) this.#counts.containers++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      const expected = closers.pop() as number;
      if (expected !== byte) throw this.#errors.mismatch(byte, expected, at);
    }
  }

  /**
   * Inside a string: skips to its closing quote (or the chunk's end), counting its bytes when
   * `counting`; a member name's bytes go to `name` (up to one more than a name kept).
   *
   * @returns The last index read: the closing quote's, or the chunk's last.
   */
  skipString(chunk: Uint8Array, from: number, counting: boolean, name?: number[]): number {
    const last = this.#stringEnd(chunk, from, name);
    if (counting) this.#counts.stringBytes += last + 1 - from;
    return last;
  }

  #stringEnd(chunk: Uint8Array, from: number, name: number[] | undefined): number {
    for (let i = from; i < chunk.length; i++) {
      const byte = chunk[i];
      if (name && name.length <= MAX_KEY_BYTES + 1) name.push(byte);
      if (this.#escaped) this.#escaped = false;
      else if (byte === BACKSLASH) this.#escaped = true;
      else if (byte === QUOTE) {
        this.#inString = false;
        return i;
      } else if (!name) {
        // The long strings (masks) are skipped by the runtime's search, not byte by byte.
        const quote = chunk.indexOf(QUOTE, i);
        const backslash = this.#nextBackslash(chunk, i);
        const next = quote < 0 ? backslash : backslash < 0 ? quote : Math.min(quote, backslash);
        if (next < 0) return chunk.length - 1;
        i = next - 1;
      }
    }
    return chunk.length - 1;
  }

  /** The next `\\` at or after `from` in `chunk` (-1: none), searched once per stretch. */
  #nextBackslash(chunk: Uint8Array, from: number): number {
    if (this.#backslashChunk !== chunk || (this.#backslashAt >= 0 && this.#backslashAt < from)) {
      this.#backslashChunk = chunk;
      this.#backslashAt = chunk.indexOf(BACKSLASH, from);
    }
    return this.#backslashAt;
  }
}
