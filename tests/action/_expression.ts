/**
 * Evaluates the GitHub Actions expressions `action.yml` writes in `if:` (`${{ ... }}` around
 * literals, property paths, `! == != < <= > >= && ||`, parentheses and the status functions),
 * with GitHub's rules: `==` between different types compares numbers, strings compare ignoring
 * case, `&&`/`||` give an operand, and a missing property is `null`.
 *
 * @module
 */

/** A value an expression can give. */
export type ExpressionValue = string | number | boolean | null | Record<string, unknown>;

/** What the status functions answer: `success()`, `failure()`, `cancelled()`, `always()`. */
export interface JobStatus {
  /** Whether an earlier step failed. */
  failed: boolean;
}

const TOKEN =
  /\s*(\$\{\{|\}\}|'(?:[^']|'')*'|-?\d+(?:\.\d+)?|[A-Za-z_][\w.-]*(?:\(\))?|==|!=|<=|>=|&&|\|\||[!<>()])/y;

/**
 * Evaluates one `if:` value (with or without `${{ }}`) against the contexts.
 *
 * @param text The expression.
 * @param contexts `inputs`, `steps`... by name.
 * @param status Whether an earlier step failed, for the status functions.
 * @returns Whether the condition holds.
 */
export function condition(
  text: string,
  contexts: Record<string, unknown>,
  status: JobStatus = { failed: false },
): boolean {
  const tokens = tokenize(text.trim()).filter((token) => token !== "${{" && token !== "}}");
  const hasStatus = tokens.some((token) => /^(success|failure|cancelled|always)\(\)$/.test(token));
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  function primary(): ExpressionValue {
    const token = next();
    if (token === undefined) throw new Error(`unexpected end of ${JSON.stringify(text)}`);
    if (token === "(") {
      const value = or();
      if (next() !== ")") throw new Error(`missing ")" in ${JSON.stringify(text)}`);
      return value;
    }
    if (token === "!") return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (/^-?\d/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    if (token === "success()") return !status.failed;
    if (token === "failure()") return status.failed;
    if (token === "cancelled()") return false;
    if (token === "always()") return true;
    if (token.endsWith("()")) throw new Error(`unknown function ${token}`);
    let found: unknown = contexts;
    for (const key of token.split(".")) {
      found = (found as Record<string, unknown> | null | undefined)?.[key];
    }
    return (found ?? null) as ExpressionValue;
  }
  function comparison(): ExpressionValue {
    const left = primary();
    const operator = peek();
    if (!["==", "!=", "<", "<=", ">", ">="].includes(operator ?? "")) return left;
    next();
    return compare(left, operator!, primary());
  }
  // `a && b` gives b when a is truthy, else a; `a || b` gives a when a is truthy, else b.
  function chain(operator: "&&" | "||", operand: () => ExpressionValue): ExpressionValue {
    let value = operand();
    while (peek() === operator) {
      next();
      const right = operand();
      if (truthy(value) === (operator === "&&")) value = right;
    }
    return value;
  }
  function and(): ExpressionValue {
    return chain("&&", comparison);
  }
  function or(): ExpressionValue {
    return chain("||", and);
  }

  const value = or();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]} in ${JSON.stringify(text)}`);
  // Without a status function, GitHub adds `success() &&`.
  return (hasStatus || !status.failed) && truthy(value);
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null) {
      if (text.slice(start).trim() === "") break;
      throw new Error(`cannot read ${JSON.stringify(text.slice(start))}`);
    }
    tokens.push(match[1]);
  }
  return tokens;
}

function truthy(value: ExpressionValue): boolean {
  return !(value === null || value === false || value === 0 || value === "" ||
    Number.isNaN(value));
}

function compare(left: ExpressionValue, operator: string, right: ExpressionValue): boolean {
  let a: unknown = left;
  let b: unknown = right;
  if (typeof a === "string" && typeof b === "string") {
    a = a.toLowerCase();
    b = b.toLowerCase();
  } else if (typeof a !== typeof b || typeof a === "boolean" || a === null) {
    a = toNumber(left);
    b = toNumber(right);
  }
  switch (operator) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return (a as number) < (b as number);
    case "<=":
      return (a as number) <= (b as number);
    case ">":
      return (a as number) > (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

function toNumber(value: ExpressionValue): number {
  if (value === null || value === false) return 0;
  if (value === true) return 1;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.trim() === "" ? 0 : Number(value);
  return NaN;
}
