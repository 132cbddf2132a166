/**
 * Reads a task page as its bytes arrive, holding only what the client uses: each element of
 * `docs` as bytes of its own, and the page's few known members (`totalDocs`, `hasNextPage`...).
 * A member the client does not know is skipped, never held, whatever its size.
 *
 * A page of 100 masks is about a megabyte of text. V8 puts a string that large straight into its
 * old generation (large-object space), where it stays until a full collection, so one page string
 * per page made the heap, and the process, grow with the length of an export. Here each element of
 * `docs` becomes a string of its own, small enough to die young once parsed.
 *
 * What a hostile page may cost is bounded: at most `limit` tasks (the page size asked), each at
 * most `maxTaskBytes`, a known member at most 1 KiB, no nesting deeper than `MAX_JSON_DEPTH`, and
 * tasks whose parsed objects are estimated at most `maxParsedBytes` (see {@linkcode parsedBytes}).
 *
 * @module
 */

import { JsonScanner, type ScanWords, type ValueCounts } from "./_json_scanner.ts";
import { releaseBytes } from "../_release_bytes.ts";
import { parseJsonKeepingNumbers } from "./json_number_text.ts";
import { type CallContext, unexpectedAnswer } from "./_http_error.ts";
import type { LabResponse } from "./_send.ts";
import type { TaskPagesOptions } from "./task_source.ts";

// The members of a page the client reads (the lab API spec, "Tasks": mongoose-paginate's page).
const KNOWN_MEMBERS = new Set([
  "totalDocs",
  "totalPages",
  "limit",
  "page",
  "hasNextPage",
  "nextPage",
  "hasPrevPage",
  "prevPage",
  "pagingCounter",
  "offset",
]);
// A known member is a number, a boolean or null: this is plenty.
const MAX_MEMBER_BYTES = 1024;
const TEXT = new TextDecoder();
// What parsing makes of each beyond its text, in bytes, rounded up from the most a value of each
// kind was seen to cost (resident memory while a task is parsed, numbers' text kept, V8 without
// pointer compression): `[1.0]` 472 (an array and a number), `{"7":1.0}` 638 (an object, a
// member and a number), `1.0` in an array 208.
const CONTAINER_COST = 320;
const MEMBER_COST = 160;
const COMMA_COST = 224;
// What a byte of a string costs, its text included: it is held three times while its task is
// parsed (the task's bytes, their decoded text, the parsed string), and the decoded text is freed
// only at V8's next full collection, while the next page is read. Measured on walks of long
// strings (the whole process): at 4, 175 MiB for a page at the bound and 235 MiB for 31 MiB
// strings a task a page; at 1, 526 MiB for the latter (pages of six) and 900 MB for a page of
// three 62 MiB strings.
const STRING_COST = 4;

/**
 * The default of `maxPageParsedBytes`: a real page of 100 masks takes a few megabytes, and a page
 * being parsed beside the one the caller works on (which keeps at most two thirds of its
 * estimate) stay under 500 MB.
 */
export const DEFAULT_MAX_PAGE_PARSED_BYTES = 192 * 1024 * 1024;
/**
 * The default of `maxTaskBytes`: a 100-megapixel mask of drawn shapes is 2 to 6 MB as a data URI
 * (a street scene of many polygons and strokes, deflated at levels 6 to 1), so a task of such a
 * mask fits with five times room; a task of this size alone is estimated within
 * `DEFAULT_MAX_PAGE_PARSED_BYTES`.
 */
export const DEFAULT_MAX_TASK_BYTES = 32 * 1024 * 1024;
const PAGE_WORDS: ScanWords = {
  whole: "one JSON object, a task page",
  shape: "it is no task page",
  truncated: "the answer is cut short",
  fix: "it is no task page",
};

/** A page as read: its known members as JSON text, and each task's bytes. */
export interface PageText {
  /** The known members, as the text of one JSON object (without `docs`). */
  members: string;
  /** Each element of `docs`, as its UTF-8 bytes; `undefined` when the page had no `docs` array. */
  docs: Uint8Array[] | undefined;
}

/** Options of {@linkcode PageReader}. */
export interface PageReaderOptions {
  /** The page size asked: a page with more tasks is refused. */
  limit: number;
  /** The largest task accepted, in bytes of JSON text. */
  maxTaskBytes: number;
  /** The most the page's tasks may take once parsed, as {@linkcode parsedBytes} estimates it. */
  maxParsedBytes: number;
  /** Makes the error to throw from what is wrong with the page (`a body that ...`). */
  fail: (what: string) => Error;
  /** Makes the error to throw when the page is refused for `maxParsedBytes`. Default: `fail`. */
  failCost?: (what: string) => Error;
  /**
   * Makes the error to throw for task `task` (from 1) of the page past `maxTaskBytes`. Default:
   * `fail`, with what is wrong.
   */
  failTask?: (task: number, maxTaskBytes: number) => Error;
}

/** Reads one page's body, chunk after chunk; {@linkcode end} gives what was held. */
export class PageReader {
  #scanner: JsonScanner;
  #options: PageReaderOptions;
  #parts: Uint8Array[] = []; // the open value's bytes from earlier chunks
  #partBytes = 0;
  #members: string[] = [];
  #docs: Uint8Array[] = [];
  #docBytes = 0;

  /** @param options The page size asked, the size limits, and how to fail. */
  constructor(options: PageReaderOptions) {
    this.#options = options;
    this.#scanner = new JsonScanner(
      "page",
      (message) => options.fail(`a body that ${message.replace(/\.$/, "")}`),
      PAGE_WORDS,
    );
  }

  /** Reads the next bytes of the body. */
  add(chunk: Uint8Array): void {
    const scanner = this.#scanner;
    for (const value of scanner.scan(chunk)) {
      const kept = this.#keeps(value.isMember ? value.member : null);
      if (kept) this.#hold(chunk.subarray(value.start, value.end), value.isMember);
      this.#parts = [];
      this.#partBytes = 0;
    }
    this.#keepOpen(chunk);
    this.#checkParsedBytes();
  }

  /** Keeps the bytes of the value still open at the chunk's end, if it is held. */
  #keepOpen(chunk: Uint8Array): void {
    const open = this.#scanner.openFrom;
    if (open === undefined) return;
    const member = this.#scanner.openMember;
    if (!this.#keeps(member)) return;
    this.#partBytes += chunk.length - open;
    this.#checkSize(this.#partBytes, member !== null);
    // Copied: the chunk is the runtime's buffer, and only this value of it is kept.
    this.#parts.push(chunk.slice(open));
  }

  /**
   * The page as held, once its body has ended.
   *
   * @throws {Error} (from `fail`) when the body ended before the page was complete.
   */
  end(): PageText {
    this.#scanner.end();
    const docs = this.#scanner.sawDocs ? this.#docs : undefined;
    return { members: `{${this.#members.join(",")}}`, docs };
  }

  /** Whether a value is held: every task, and the known members (`null`: a task). */
  #keeps(member: string | undefined | null): boolean {
    return member === null || (member !== undefined && KNOWN_MEMBERS.has(member));
  }

  #hold(tail: Uint8Array, isMember: boolean): void {
    this.#checkSize(this.#partBytes + tail.length, isMember);
    const bytes = new Uint8Array(this.#partBytes + tail.length);
    let at = 0;
    for (const part of [...this.#parts, tail]) (bytes.set(part, at), at += part.length);
    // Freed now: the copies would otherwise wait for V8's next full collection beside the task.
    for (const part of this.#parts) releaseBytes(part);
    if (!isMember) {
      this.#checkCount();
      this.#docs.push(bytes);
      this.#docBytes += bytes.length;
      return;
    }
    const name = this.#scanner.lastMember as string;
    this.#members.push(`${JSON.stringify(name)}:${TEXT.decode(bytes)}`);
  }

  /** Refuses a task past the page size asked, as soon as it is read. */
  #checkCount(): void {
    const { number } = this.#scanner.element;
    if (number <= this.#options.limit) return;
    throw this.#options.fail(
      `a page of more than the ${this.#options.limit} tasks asked (task ${number} is one too many)`,
    );
  }

  /** Refuses the page once its tasks read so far would cost too much once parsed. */
  #checkParsedBytes(): void {
    const limit = this.#options.maxParsedBytes;
    const scanner = this.#scanner;
    const openTask = scanner.openMember === null ? this.#partBytes : 0;
    if (openTask > 0) this.#checkCount();
    if (parsedBytes(this.#docBytes + openTask, scanner.counts) <= limit) return;
    const what = `a page whose tasks would take more than ${limit} bytes of memory once parsed, ` +
      `as estimated from their text (past that limit in task ${scanner.element.number}), the ` +
      `limit per page (maxPageParsedBytes)`;
    // Freed now: the walk asks for these tasks again in smaller pages, while this page's bytes
    // would wait for V8's next full collection.
    for (const bytes of [...this.#docs, ...this.#parts]) releaseBytes(bytes);
    this.#docs = [];
    this.#parts = [];
    const { fail, failCost = fail } = this.#options;
    throw failCost(what);
  }

  #checkSize(bytes: number, isMember: boolean): void {
    const limit = isMember ? MAX_MEMBER_BYTES : this.#options.maxTaskBytes;
    if (bytes <= limit) return;
    if (isMember) {
      throw this.#options.fail(
        `a member ${JSON.stringify(this.#scanner.lastMember)} longer than ${limit} bytes`,
      );
    }
    const task = this.#scanner.element.number;
    const { fail, failTask } = this.#options;
    throw failTask ? failTask(task, limit) : fail(
      `task ${task} of the page larger than ${limit} bytes, the limit per task (maxTaskBytes)`,
    );
  }
}

/**
 * An estimate of what tasks cost once parsed into JavaScript objects, from their text: a byte for
 * each byte of text, 3 more for each byte of a string (masks are most of a real page), plus what
 * each object or array, each member and each further value costs beyond its text. Text packed
 * with tiny values (`[[1.0],[1.0],…]`) costs 80 times its size while it is parsed; the estimate
 * is never below what such text was seen to cost.
 *
 * @param textBytes The tasks' bytes of JSON text.
 * @param counts What the text holds.
 * @returns The estimate, in bytes.
 */
export function parsedBytes(textBytes: number, counts: Readonly<ValueCounts>): number {
  return textBytes + (STRING_COST - 1) * counts.stringBytes +
    CONTAINER_COST * counts.containers + MEMBER_COST * counts.members + COMMA_COST * counts.commas;
}

/**
 * Parses a page read by {@linkcode PageReader}: its members, then each task, handed to `onDoc`
 * as soon as it is parsed.
 *
 * @param text The page as held.
 * @param onDoc Called with each task as it is parsed.
 * @returns The page, as `JSON.parse` would give it without its unknown members.
 * @throws {SyntaxError} when a held part is not JSON.
 */
export function parsePage(text: PageText, onDoc?: (doc: unknown) => void): unknown {
  const page = JSON.parse(text.members);
  if (text.docs === undefined) return page;
  page.docs = text.docs.map((bytes) => {
    // A task keeps the text of the numbers Python prints from it (`1.0`, long integers).
    const doc = parseJsonKeepingNumbers(TEXT.decode(bytes));
    // Freed now rather than at V8's next full collection.
    releaseBytes(bytes);
    onDoc?.(doc);
    return doc;
  });
  return page;
}

/**
 * The bytes of a fetched task page's tasks, before they are parsed.
 *
 * @param response The answer, read by a {@linkcode PageReader}.
 * @returns The bytes.
 */
export function heldBytes(response: LabResponse): number {
  let bytes = 0;
  for (const doc of (response.read as PageText).docs ?? []) bytes += doc.length;
  return bytes;
}

/**
 * Parses a fetched task page, one task at a time, as the caller takes it.
 *
 * @param response The answer, read by a {@linkcode PageReader}.
 * @param context The request, for the error.
 * @param onTask Called with each task as it is parsed.
 * @returns The page.
 * @throws {ApiError} when the page is not JSON.
 */
export function pageBody(
  response: LabResponse,
  context: CallContext,
  onTask: TaskPagesOptions["onTask"],
): unknown {
  try {
    return parsePage(response.read as PageText, onTask as (doc: unknown) => void);
  } catch {
    throw unexpectedAnswer(context, { what: "a body that is not JSON", status: response.status });
  }
}
