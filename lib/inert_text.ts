/**
 * Makes a string from the server or a task inert in logs.
 *
 * @module
 */

// Line breaks and every control, escape (ANSI CSI/OSC start with ESC or U+009B/U+009D), line or
// paragraph separator and bidirectional override character.
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A string from the server or a task (an id, a name, a message, a number that is not one) as it
 * may be printed in a log: unchanged when it is plain text; otherwise JSON-quoted, with every
 * line break, control or escape character (ANSI and OSC sequences), line separator and
 * bidirectional override written as `\uXXXX`, and a leading `::` kept off the start of a line.
 * So no server string can end a log line, start a GitHub workflow command (`::set-output`,
 * `::stop-commands::`, `::error::`), colour or retitle a terminal, or reorder what is shown.
 *
 * @param value The string (anything else is shown as JSON).
 * @returns Text safe to print inside a log line.
 *
 * @example
 * ```ts
 * import { inertText } from "./inert_text.ts";
 *
 * console.log(inertText("street/a.jpg")); // "street/a.jpg"
 * console.log(inertText("x\n::set-output name=a::b")); // "\"x\\n::set-output name=a::b\""
 * console.log(inertText("::error::fake")); // "\"::error::fake\""
 * console.log(inertText("\u001b]0;title\u0007")); // "\"\\u001b]0;title\\u0007\""
 * ```
 */
export function inertText(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text) && !text.trimStart().startsWith("::")) return text;
  return inertLine(JSON.stringify(text));
}

/**
 * A message that may hold server strings as one inert log line: every line break, control or
 * escape character, line separator and bidirectional override written as `\uXXXX` where it is,
 * the rest unchanged. For a whole message (e.g. an error's), where {@linkcode inertText} would
 * quote it all; the message's own start keeps any `::` off the start of the line.
 *
 * @param text The message.
 * @returns The message on one line, inert.
 *
 * @example
 * ```ts
 * import { inertLine } from "./inert_text.ts";
 *
 * console.log(inertLine('its type is "x\n::warning::y"')); // 'its type is "x\u000a::warning::y"'
 * ```
 */
export function inertLine(text: string): string {
  return text.replace(
    UNSAFE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
