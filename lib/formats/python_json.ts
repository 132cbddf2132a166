import { numberTextOf } from "../api/json_number_text.ts";
import { pythonFloat, pythonNumber } from "./python_number.ts";

// JSON.rawJSON takes only JSON, and Python writes an overflowed float as `Infinity`: such a value
// is written as this marker inside a string, then the string is replaced by the word.
const NOT_FINITE = `\u0000${crypto.randomUUID()}`;
// `JSON.rawJSON` (ES2026) is in Deno's runtime but not yet in its type library.
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;
const NOT_FINITE_STRING = new RegExp(`"\\\\u0000${NOT_FINITE.slice(1)}(-?Infinity|NaN)"`, "g");

/**
 * One element of a JSON array as Python's `json.dump(array, indent=2)` writes it: two-space
 * indent, `": "` after keys, every character above ASCII as `\uXXXX`, the element's lines
 * indented by one level, as inside the array, and every number as Python prints what `json.load`
 * read: an integer with all its digits, a float with Python's `repr` (`1.0`, `5e-05`, `1e+16`).
 * A number parsed by `parseJsonKeepingNumbers` keeps the kind and digits its source text had.
 *
 * @param value A JSON value.
 * @returns The element's text, without the separating `,` or newline.
 *
 * @example
 * ```ts
 * import { pythonJsonElement } from "@lab/masks/formats";
 *
 * console.log(JSON.stringify(pythonJsonElement({ name: "é" }))); // '  {\n    "name": "\\u00e9"\n  }'
 * console.log(pythonJsonElement(0.00005)); // "  5e-05"
 * ```
 */
export function pythonJsonElement(value: unknown): string {
  const text = JSON.stringify(value, pythonNumbers, 2) ?? "null";
  const ascii = text.replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `  ${ascii.replaceAll("\n", "\n  ").replace(NOT_FINITE_STRING, "$1")}`;
}

function pythonNumbers(this: unknown, key: string, value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (!Number.isFinite(value)) return `${NOT_FINITE}${value}`;
  const kept = typeof this === "object" && this !== null ? numberTextOf(this, key) : undefined;
  // A kept text is an integer's digits, or a float whose value is integral (`1.0`, `1e2`).
  if (kept === undefined) return rawJson(pythonNumber(value));
  return rawJson(/[.eE]/.test(kept) ? pythonFloat(value) : kept);
}
