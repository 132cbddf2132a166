/**
 * Counts the lines of every function in a TypeScript file laid out by `deno fmt`: a function
 * starts at a line that opens a body (a `function`, a method, an arrow function with a block)
 * and ends at the first later line that starts with `}` at the same indentation.
 *
 * @module
 */

/** One function and its length. */
export interface FunctionLength {
  /** The function's first line, trimmed. */
  head: string;
  /** Its first line number, from 1. */
  line: number;
  /** How many lines it spans, from its first line to its closing brace. */
  lines: number;
}

const FUNCTION_HEAD = /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\b/;
const METHOD_HEAD =
  /^\s*(?:(?:static|async|get|set|override|private|protected|public)\s+)*#?[\w$]+\s*(?:<.*>)?\(/;
const ARROW_HEAD = /=>\s*\{$/;
const STATEMENT = /^\s*(?:if|for|while|switch|catch|return|await|throw|new|else|do|try|super)\b/;

/**
 * Lists the functions of a source text with their lengths.
 *
 * @param source The file's text, formatted by `deno fmt`.
 * @returns Each function with a body, in the order they start.
 */
export function functionLengths(source: string): FunctionLength[] {
  const lines = source.split("\n");
  const found: FunctionLength[] = [];
  for (let start = 0; start < lines.length; start++) {
    if (!isHead(lines[start])) continue;
    const end = bodyEnd(lines, start);
    if (end !== undefined) {
      found.push({ head: lines[start].trim(), line: start + 1, lines: end - start + 1 });
    }
  }
  return found;
}

function isHead(line: string): boolean {
  if (STATEMENT.test(line) || /^\s*(?:\*|\/\/)/.test(line)) return false;
  return FUNCTION_HEAD.test(line) || METHOD_HEAD.test(line) || ARROW_HEAD.test(line);
}

/**
 * The line that closes the body opened at `start`: the first later line at the same indentation
 * that starts with `}`. Lines at that indentation starting with `)` continue a signature; any
 * other line there, or one less indented, means `start` opened no body (a call, say).
 */
function bodyEnd(lines: string[], start: number): number | undefined {
  const indent = indentOf(lines[start]);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const depth = indentOf(line);
    if (depth > indent) continue;
    if (depth < indent) return undefined;
    if (line.trimStart().startsWith("}")) return i;
    if (!line.trimStart().startsWith(")")) return undefined;
  }
  return undefined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
