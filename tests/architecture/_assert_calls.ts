/**
 * Finds the calls of some functions in a TypeScript source and splits each call's arguments, with
 * a scanner that knows enough of the language for the project's tests: strings, template literals,
 * comments, regular expression literals and nested brackets.
 *
 * @module
 */

/** One call found in a source. */
export interface Call {
  /** The name called, as written: `assert.throws`. */
  callee: string;
  /** The line of the call's name, from 1. */
  line: number;
  /** The source text of each argument, trimmed; a trailing comma adds no argument. */
  args: string[];
}

const OPENERS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
/** After these characters a `/` starts a regular expression, not a division. */
const BEFORE_REGEXP = /[(,=:[!&|?{};+\-*%<>~^]$/;

/**
 * Lists the calls of the given names, in source order.
 *
 * @param source A TypeScript source text.
 * @param callees The names to look for, as written before the `(`: `assert.throws`.
 * @returns Each call with its arguments' source texts.
 */
export function callsOf(source: string, callees: readonly string[]): Call[] {
  const calls: Call[] = [];
  const names = callees.map((name) => name.replaceAll(".", "\\.")).join("|");
  const head = new RegExp(`(?<![\\w$.])(${names})\\s*\\(`, "g");
  const code = blankedLiterals(source);
  for (const match of code.matchAll(head)) {
    const open = match.index + match[0].length - 1;
    calls.push({
      callee: match[1],
      line: source.slice(0, match.index).split("\n").length,
      args: splitArguments(source, code, open),
    });
  }
  return calls;
}

/**
 * The source with the inside of every string, template, regular expression and comment replaced
 * by spaces, so brackets and commas in it are not mistaken for code; offsets are kept.
 */
function blankedLiterals(source: string): string {
  const out = source.split("");
  let i = 0;
  const blank = (from: number, to: number) => out.fill(" ", from, to);
  while (i < source.length) {
    const char = source[i];
    const next = source[i + 1];
    if (char === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (char === "/" && next === "*") {
      const stop = source.indexOf("*/", i + 2) + 2;
      blank(i, stop);
      i = stop;
    } else if (char === '"' || char === "'" || char === "`") {
      const stop = literalEnd(source, i, char);
      blank(i + 1, stop - 1);
      i = stop;
    } else if (char === "/" && BEFORE_REGEXP.test(source.slice(0, i).trimEnd() || "(")) {
      const stop = regExpEnd(source, i);
      blank(i + 1, stop - 1);
      i = stop;
    } else {
      i++;
    }
  }
  return out.join("");
}

/**
 * The offset just past the string or template opened by `quote` at `start`; a template's `${...}`
 * may hold strings and templates of its own.
 */
function literalEnd(source: string, start: number, quote: string): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === quote) return i + 1;
    else if (quote === "`" && source.startsWith("${", i)) i = substitutionEnd(source, i + 2) - 1;
  }
  return source.length;
}

/** The offset just past the `}` that closes a template substitution whose code starts at `start`. */
function substitutionEnd(source: string, start: number): number {
  let depth = 1;
  for (let i = start; i < source.length; i++) {
    const char = source[i];
    if (char === '"' || char === "'" || char === "`") i = literalEnd(source, i, char) - 1;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return i + 1;
  }
  return source.length;
}

/** The offset just past the regular expression literal's closing `/` and flags. */
function regExpEnd(source: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") i++;
    else if (char === "[") inClass = true;
    else if (char === "]") inClass = false;
    else if (char === "/" && !inClass) {
      let end = i + 1;
      while (/[a-z]/.test(source[end] ?? "")) end++;
      return end;
    }
  }
  return source.length;
}

/** The arguments of the call whose `(` is at `open`, cut at the top-level commas. */
function splitArguments(source: string, code: string, open: number): string[] {
  const args: string[] = [];
  const closers: string[] = [];
  let start = open + 1;
  for (let i = open; i < code.length; i++) {
    const char = code[i];
    if (char in OPENERS) closers.push(OPENERS[char]);
    else if (char === closers.at(-1)) closers.pop();
    const depth = closers.length;
    if ((char === "," && depth === 1) || depth === 0) {
      const arg = source.slice(start, i).trim();
      if (arg !== "" || char === ",") args.push(arg);
      start = i + 1;
    }
    if (depth === 0) break;
  }
  return args;
}
