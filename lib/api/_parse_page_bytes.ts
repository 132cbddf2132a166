/**
 * Reads a task page's JSON from its bytes without ever making the whole page one string.
 *
 * A page of 100 masks is about a megabyte of text. V8 puts a string that large straight into its
 * old generation (large-object space), where it stays until a full collection, so one page string
 * per page made the heap, and the process, grow with the length of an export. Here each element of
 * `docs` becomes a string of its own, small enough to die young once parsed; the rest of the page
 * (`totalDocs`, `hasNextPage`...) is parsed with `docs` left empty.
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
import { parseJsonKeepingNumbers } from "./json_number_text.ts";

const DOCS_KEY = new TextEncoder().encode('"docs"');
const TEXT = new TextDecoder();

/**
 * Parses a JSON page as `JSON.parse` would, parsing the elements of its top-level `docs` array one
 * by one. A body without a top-level `docs` array is parsed whole.
 *
 * @param bytes The body, UTF-8.
 * @param onDoc Called with each element of `docs` as soon as it is parsed.
 * @returns The parsed value.
 * @throws {SyntaxError} when the body is not JSON.
 */
export function parsePageBytes(bytes: Uint8Array, onDoc?: (doc: unknown) => void): unknown {
  const docs = docsArray(bytes);
  if (docs === undefined) return JSON.parse(TEXT.decode(bytes));
  const page = JSON.parse(
    `${TEXT.decode(bytes.subarray(0, docs.start))}[]${TEXT.decode(bytes.subarray(docs.end))}`,
  );
  page.docs = docs.elements.map(([from, to]) => {
    const doc = parseJsonKeepingNumbers(TEXT.decode(bytes.subarray(from, to)));
    onDoc?.(doc);
    return doc;
  });
  return page;
}

/**
 * Where the top-level `docs` array is (`start` at its `[`, `end` after its `]`) and where each of
 * its elements lies; `undefined` when the body is not an object with such an array.
 */
function docsArray(
  bytes: Uint8Array,
): { start: number; end: number; elements: [number, number][] } | undefined {
  let depth = 0;
  let afterDocsKey = false;
  let start = -1;
  let elementStart = -1;
  const elements: [number, number][] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      const from = i;
      i = closingQuote(bytes, i);
      if (depth === 1) afterDocsKey = isDocsKey(bytes, from, i + 1);
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth === 2 && afterDocsKey && byte === OPEN_BRACKET) (start = i, elementStart = i + 1);
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (depth === 2 && start >= 0 && byte === CLOSE_BRACKET) {
        addElement(bytes, elements, elementStart, i);
        return { start, end: i + 1, elements };
      }
      depth--;
    } else if (byte === COMMA && depth === 2 && start >= 0) {
      addElement(bytes, elements, elementStart, i);
      elementStart = i + 1;
    }
    if (depth === 1 && byte !== COLON && byte > 0x20) afterDocsKey = false;
  }
  return undefined;
}

/**
 * The position of the quote that closes the string opened at `open`, or the body's length. The
 * masks' base64 strings are most of a page: they are skipped by the runtime's `indexOf`, not
 * byte by byte.
 */
function closingQuote(bytes: Uint8Array, open: number): number {
  for (let i = open + 1;; i++) {
    i = bytes.indexOf(QUOTE, i);
    if (i < 0) return bytes.length;
    // Escaped when an odd number of backslashes come before it.
    let backslashes = 0;
    while (i - backslashes - 1 > open && bytes[i - backslashes - 1] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}

function isDocsKey(bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from !== DOCS_KEY.length) return false;
  return DOCS_KEY.every((byte, k) => bytes[from + k] === byte);
}

/** Records an element unless it is only whitespace (the inside of `[]`). */
function addElement(
  bytes: Uint8Array,
  elements: [number, number][],
  from: number,
  to: number,
): void {
  const blank = bytes.subarray(from, to).every((byte) => byte <= 0x20);
  // A blank slot is the inside of `[]`, unless commas surround it (`[1,,2]`, `[1,]`, `[,1]`):
  // then it is kept, and the parser says the page is not JSON.
  if (!blank || elements.length > 0 || bytes[to] === COMMA) elements.push([from, to]);
}
