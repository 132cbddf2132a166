/**
 * Parsing JSON from a file a user named, with errors that say where, never what.
 *
 * @module
 */

/**
 * Parses JSON text as `JSON.parse` does, but a failure names only the place where the text stops
 * being JSON (line and column), never the text around it: the runtime's message quotes the start
 * of the text, and a file given by mistake may hold a secret (a token, a key).
 *
 * @param text The JSON text.
 * @returns The parsed value.
 * @throws {SyntaxError} saying `it stops being JSON at line L, column C` (or that it ends too
 * early), without any of the text and without the runtime's error as its cause.
 *
 * @example
 * ```ts
 * import { parseJsonText } from "./parse_json_text.ts";
 *
 * console.log(parseJsonText('{"car": [1, 2, 3]}')); // { car: [1, 2, 3] }
 * try {
 *   parseJsonText('ghp_SuperSecretToken');
 * } catch (error) {
 *   console.log((error as Error).message); // "it stops being JSON at line 1, column 1"
 * }
 * ```
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  if (isValidStart(text)) {
    throw new SyntaxError(`it ends too early, at ${placeOf(text, text.length)}`);
  }
  throw new SyntaxError(`it stops being JSON at ${placeOf(text, validPrefixLength(text))}`);
}

/**
 * The length of the longest start of `text` that could begin a JSON text: where it breaks. The
 * starts that could are those `JSON.parse` finds complete or merely ended early; they are found by
 * halving, so a file costs a few dozen parses, not one per character.
 */
function validPrefixLength(text: string): number {
  let low = 0; // always a valid start (the empty text ends early)
  let high = text.length; // never one: the whole text failed
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (isValidStart(text.slice(0, middle))) low = middle;
    else high = middle;
  }
  return low;
}

function isValidStart(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return false;
    if (/end of JSON input/.test(error.message)) return true;
    // An error at the very end of the start means only that more was expected.
    const position = /at position (\d+)/.exec(error.message);
    return position !== null && Number(position[1]) >= prefix.length;
  }
}

function placeOf(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  return `line ${line}, column ${column}`;
}
