/**
 * The numbers of a task document whose value alone does not say how Python prints them.
 *
 * The SDK reads the API's JSON with Python's `json.load`: `1.0` becomes a `float` (printed `1.0`),
 * `1` an `int` (printed `1`), and an integer of any length keeps every digit. `JSON.parse` makes
 * all three a double, so the `lab` format would print `1.0` as `1` and lose the digits of an id
 * above 2^53 (the export formats spec, "Printing numbers as Python does"). The parser here keeps
 * the source text of those numbers, and only those, in a side table keyed by the object or array
 * that holds them: the task stays plain data for every other reader.
 *
 * @module
 */

import { parseJsonText } from "../parse_json_text.ts";

const TEXT_BY_HOLDER = new WeakMap<object, Map<string, string>>();

// A token that may need its text: 16 digits or more, a fraction of zeros, or an exponent. A hit
// inside a string only costs the slower parse below; a miss is never wrong.
const MAYBE_EXACT = /[[:,]\s*-?(?:\d{16}|\d+\.0+(?![1-9])|\d+(?:\.\d+)?[eE])/;

/**
 * Parses a JSON document as `JSON.parse` does, and remembers the source text of every number
 * Python would print differently from its value: an integer beyond 2^53, or an integral value
 * written as a float (`1.0`, `1e2`).
 *
 * @param text The JSON text.
 * @returns The parsed value.
 * @throws {SyntaxError} when the text is not JSON, saying where it stops being JSON.
 *
 * @example
 * ```ts
 * import { numberTextOf, parseJsonKeepingNumbers } from "./json_number_text.ts";
 *
 * const task = parseJsonKeepingNumbers('{"w": 1.0, "id": 12345678901234567890}') as object;
 * console.log(numberTextOf(task, "w"), numberTextOf(task, "id")); // "1.0" "12345678901234567890"
 * ```
 */
export function parseJsonKeepingNumbers(text: string): unknown {
  try {
    return MAYBE_EXACT.test(text) ? JSON.parse(text, keepNumberText) : JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // Parsed again only to say where the text stops being JSON.
    return parseJsonText(text);
  }
}

function keepNumberText(
  this: object,
  key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (typeof value !== "number" || context?.source === undefined) return value;
  const source = context.source;
  const integerToken = !/[.eE]/.test(source);
  if (integerToken ? !Number.isSafeInteger(value) : Number.isSafeInteger(value)) {
    let texts = TEXT_BY_HOLDER.get(this);
    if (texts === undefined) TEXT_BY_HOLDER.set(this, texts = new Map());
    texts.set(key, source);
  }
  return value;
}

/**
 * The source text kept for a number, when {@linkcode parseJsonKeepingNumbers} needed it.
 *
 * @param holder The object or array that holds the number.
 * @param key Its key; an array index as a string (`"0"`), as `JSON.stringify`'s replacer gets it.
 * @returns The text as the document wrote it, or `undefined` when the value says it all.
 *
 * @example
 * ```ts
 * import { numberTextOf, parseJsonKeepingNumbers } from "./json_number_text.ts";
 *
 * const list = parseJsonKeepingNumbers("[2.0, 3]") as object;
 * console.log(numberTextOf(list, "0"), numberTextOf(list, "1")); // "2.0" undefined
 * ```
 */
export function numberTextOf(holder: object, key: string): string | undefined {
  return TEXT_BY_HOLDER.get(holder)?.get(key);
}

/**
 * Carries the kept text of `from[fromKey]` over to `to[toKey]`, for code that copies a value
 * into a new object (`{ ...task }`) and prints the copy.
 *
 * @param from The object the value was parsed in.
 * @param fromKey Its key there.
 * @param to The object the value is copied to.
 * @param toKey Its key there; default `fromKey`.
 *
 * @example
 * ```ts
 * import { copyNumberText, numberTextOf, parseJsonKeepingNumbers } from "./json_number_text.ts";
 *
 * const task = parseJsonKeepingNumbers('{"w": 1.0}') as Record<string, unknown>;
 * const copy = { ...task };
 * copyNumberText(task, "w", copy);
 * console.log(numberTextOf(copy, "w")); // "1.0"
 * ```
 */
export function copyNumberText(from: object, fromKey: string, to: object, toKey = fromKey): void {
  const text = numberTextOf(from, fromKey);
  if (text === undefined) return;
  let texts = TEXT_BY_HOLDER.get(to);
  if (texts === undefined) TEXT_BY_HOLDER.set(to, texts = new Map());
  texts.set(toKey, text);
}
