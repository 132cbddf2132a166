/**
 * A check of both an error's class and its message, for `assert.throws` and `assert.rejects`.
 *
 * Node's `assert.throws(fn, SomeError, "text")` checks the class only: its third argument is the
 * text shown when the check fails, not a part of the message to find (as `@std/assert`'s
 * `assertThrows` would take it). `assert.throws(fn, errorWith(SomeError, "text"))` checks both.
 *
 * @module
 */
import assert from "./assert.ts";

/** A class of errors: `PngError`, `RangeError`, `Deno.errors.NotFound`. */
export type ErrorClass<E extends Error = Error> = new (...args: never[]) => E;

/**
 * A validation function for `assert.throws`/`assert.rejects`: the error must be an instance of
 * `type` and its message must contain `message` (a string) or match it (a RegExp).
 *
 * @param type The error's class.
 * @param message A part of the error's message, or a pattern it matches.
 * @returns A function that returns true for such an error and fails the assertion otherwise.
 *
 * @example
 * ```ts
 * import assert from "./assert.ts";
 * import { errorWith } from "./error_with.ts";
 *
 * assert.throws(() => JSON.parse("{"), errorWith(SyntaxError, "JSON"));
 * ```
 */
export function errorWith(type: ErrorClass, message: string | RegExp): (error: unknown) => true {
  return (error) => {
    assert.ok(error instanceof type, `expected a ${type.name}, got ${String(error)}`);
    if (typeof message === "string") {
      assert.ok(
        error.message.includes(message),
        `the message ${JSON.stringify(error.message)} lacks ${JSON.stringify(message)}`,
      );
    } else {
      assert.match(error.message, message);
    }
    return true;
  };
}
