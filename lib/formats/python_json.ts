/**
 * One element of a JSON array as Python's `json.dump(array, indent=2)` writes it: two-space
 * indent, `": "` after keys, every character above ASCII as `\uXXXX`, and the element's lines
 * indented by one level, as inside the array.
 *
 * @param value A JSON value.
 * @returns The element's text, without the separating `,` or newline.
 *
 * @example
 * ```ts
 * import { pythonJsonElement } from "@lab/masks/formats";
 *
 * console.log(JSON.stringify(pythonJsonElement({ name: "é" }))); // '  {\n    "name": "\\u00e9"\n  }'
 * ```
 */
export function pythonJsonElement(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? "null";
  const ascii = text.replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `  ${ascii.replaceAll("\n", "\n  ")}`;
}
