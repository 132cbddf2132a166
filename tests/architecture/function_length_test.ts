import assert from "../_std/assert.ts";
import { functionLengths } from "./_function_lengths.ts";

/** The longest a function of `lib/` may be, in lines, its signature and closing brace included. */
const MAX_LINES = 60;

const LIB = new URL("../../lib/", import.meta.url);

async function* sourceFiles(folder: URL, prefix = ""): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(folder)) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(new URL(`${entry.name}/`, folder), `${name}/`);
    else if (name.endsWith(".ts")) yield name;
  }
}

Deno.test(`every function in lib/ is at most ${MAX_LINES} lines long`, async () => {
  const long: string[] = [];
  for await (const file of sourceFiles(LIB)) {
    const source = await Deno.readTextFile(new URL(file, LIB));
    for (const { head, line, lines } of functionLengths(source)) {
      if (lines > MAX_LINES) long.push(`lib/${file}:${line} is ${lines} lines: ${head}`);
    }
  }
  // No exceptions: the report page's browser script is small named functions too.
  assert.deepEqual(long, [], `functions over ${MAX_LINES} lines; split them`);
});

Deno.test("functionLengths() measures functions, methods and arrow functions from head to brace", () => {
  const body = (n: number, indent: string) => Array(n).fill(`${indent}work();`).join("\n");
  const source = [
    "export function short(a: number): number {",
    body(3, "  "),
    "}",
    "export async function* long(",
    "  first: string,",
    "  second: string,",
    "): AsyncGenerator<string> {",
    body(60, "  "),
    "}",
    "class Thing {",
    "  async #method(value: unknown): Promise<void> {",
    body(2, "    "),
    "  }",
    "  readonly handler = (event: Event): void => {",
    body(1, "    "),
    "  };",
    "}",
    "call(",
    "  argument,",
    ");",
    "if (condition) {",
    body(1, "  "),
    "}",
  ].join("\n");
  assert.deepEqual(
    functionLengths(source).map(({ head, line, lines }) => [head, line, lines]),
    [
      ["export function short(a: number): number {", 1, 5],
      ["export async function* long(", 6, 65],
      ["async #method(value: unknown): Promise<void> {", 72, 4],
      ["readonly handler = (event: Event): void => {", 76, 3],
    ],
  );
});
