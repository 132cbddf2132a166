import assert from "../_std/assert.ts";
import { callsOf } from "./_assert_calls.ts";

// Node's `assert.throws(fn, SomeError, "text")` and `assert.rejects(p, SomeError, "text")` check
// the class only: "text" is what the assertion prints when it fails, not a part of the message it
// looks for (`@std/assert`'s `assertThrows` would take it so). A string in the error's place is a
// failure message too, and checks nothing. `errorWith(SomeError, "text")` from tests/_std checks
// both the class and the message.

const CHECKS = ["assert.throws", "assert.rejects"];
/** A class given by name: `PngError`, `Deno.errors.NotFound`. */
const ERROR_CLASS = /^(?:[\w$]+\.)*[A-Z][\w$]*$/;
const STRING = /^(["'`])[^]*\1$/;

/**
 * The error checks of a source whose extra argument reads as a check of the message but is not.
 *
 * @param source A test file's text.
 * @returns Each such call, as `line: call(…, error, message)`.
 */
function misreadChecks(source: string): string[] {
  const found: string[] = [];
  for (const { callee, line, args } of callsOf(source, CHECKS)) {
    const [, error, message] = args;
    const classThenMore = ERROR_CLASS.test(error ?? "") && message !== undefined;
    if (classThenMore || STRING.test(error ?? "")) {
      found.push(`${line}: ${callee}(…, ${args.slice(1).join(", ")})`);
    }
  }
  return found;
}

async function* testSources(folder: URL, prefix: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(folder)) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory) yield* testSources(new URL(`${entry.name}/`, folder), `${name}/`);
    else if (name.endsWith(".ts")) yield name;
  }
}

Deno.test("no assert.throws or assert.rejects passes a message where it seems to check one", async () => {
  const root = new URL("../../", import.meta.url);
  const misread: string[] = [];
  for (const folder of ["tests", "testing", "bench"]) {
    for await (const file of testSources(new URL(`${folder}/`, root), `${folder}/`)) {
      const source = await Deno.readTextFile(new URL(file, root));
      misread.push(...misreadChecks(source).map((call) => `${file}:${call}`));
    }
  }
  assert.deepEqual(
    misread,
    [],
    "these calls check the error's class only; pass errorWith(SomeError, text) from " +
      "tests/_std/error_with.ts to check its message too",
  );
});

Deno.test("misreadChecks() finds a message after an error class, and a string as the error", () => {
  const source = [
    'assert.throws(() => f(), PngError, "fails its CRC check");',
    "await assert.rejects(",
    "  () => g(`${a}, (b)`, /[,)]/),",
    "  Deno.errors.NotFound,",
    "  message,",
    ");",
    'assert.throws(() => f(), "the text");',
    "// assert.throws(() => f(), TypeError, 'in a comment');",
    "const text = \"assert.rejects(p, TypeError, 'in a string')\";",
    'assert.throws(() => f(), errorWith(PngError, "fails its CRC check"));',
    'assert.throws(() => f(), /fails, its "CRC" check/, "the label of a case");',
    'await assert.rejects(p, { name: "AbortError" });',
    "assert.throws(() => f(), RangeError);",
    "assert.throws(() => f(), RangeError,);",
    "assert.deepEqual(a, TypeError, 'a message');",
  ].join("\n");
  assert.deepEqual(misreadChecks(source), [
    '1: assert.throws(…, PngError, "fails its CRC check")',
    "2: assert.rejects(…, Deno.errors.NotFound, message)",
    '7: assert.throws(…, "the text")',
  ]);
});
