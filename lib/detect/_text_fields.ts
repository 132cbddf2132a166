/**
 * A record read from the lab (a label, a form input) without those of its text fields that are not
 * text (a hostile server, an edited file): each is as if absent. The record itself when they all
 * are text or absent.
 *
 * @param record The record.
 * @param keys Its fields that must be text.
 * @returns The record, or a copy without the fields that are not text, in its key order.
 *
 * @example
 * ```ts
 * import { textFieldsOnly } from "./_text_fields.ts";
 *
 * console.log(textFieldsOnly({ id: "car", name: 5, color: "#fff" }, ["name", "color"]));
 * // { id: "car", color: "#fff" }
 * ```
 */
export function textFieldsOnly<T extends object>(record: T, keys: readonly string[]): T {
  const fields = record as Record<string, unknown>;
  const wrong = (key: string) => fields[key] !== undefined && typeof fields[key] !== "string";
  if (!keys.some(wrong)) return record;
  return Object.fromEntries(
    Object.entries(fields).filter(([key]) => !keys.includes(key) || !wrong(key)),
  ) as T;
}
