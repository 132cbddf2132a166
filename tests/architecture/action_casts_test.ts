import assert from "../_std/assert.ts";

const ACTION = new URL("../../action/", import.meta.url);

// `value as Type`, but not `as const` (no assertion) nor `import * as name`.
const CAST = /(?:[\w$\])]|\?\.)\s+as\s+(?!const\b)[\w$({[]/;

/** The code of a line: no comment line, no string text (a template keeps its `${}`), no comment. */
function codeOf(line: string): string {
  if (/^\s*(?:\/\/|\/\*|\*)/.test(line)) return "";
  return line
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""')
    .replace(/(`|\})(?:\\.|[^`\\$}]|\$(?!\{))*(\$\{|`)/g, "$1$2")
    .replace(/\/\/.*$/, "");
}

/** The lines of `source` that assert a type, as `line: text`. */
function castsIn(source: string): string[] {
  return source.split("\n").flatMap((line, i) =>
    CAST.test(codeOf(line)) ? [`${i + 1}: ${line.trim()}`] : []
  );
}

Deno.test("the Action's code asserts no type with `as`: its tables are typed by `satisfies`", async () => {
  const casts: string[] = [];
  for await (const entry of Deno.readDir(ACTION)) {
    if (!entry.isFile || !entry.name.endsWith(".ts")) continue;
    const source = await Deno.readTextFile(new URL(entry.name, ACTION));
    casts.push(...castsIn(source).map((cast) => `action/${entry.name}:${cast}`));
  }
  assert.deepEqual(casts, []);
});

Deno.test("castsIn() finds assertions in code, not in comments, strings or `as const`", () => {
  const source = [
    "const names = Object.keys(table) as Name[];",
    "const first = (list as readonly string[]).includes(x);",
    "return value?.name as InputName;",
    'const kinds = ["a", "b"] as const;',
    'import * as core from "@actions/core";',
    "// the same code as the command line",
    " * runs as a thin entry",
    "throw new Error(`the input is read as text`);",
    "return `${code(name(filter as keyof Filters))}: as ${shown} as it is`;",
    "const table = {} as const satisfies Record<string, number>;",
  ].join("\n");
  assert.deepEqual(castsIn(source).map((cast) => cast.split(":")[0]), ["1", "2", "3", "9"]);
});
