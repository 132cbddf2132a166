/**
 * `id2label.json`, the Hugging Face convention: class index (as a string) to label.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";

/**
 * The text of `id2label.json`: `"0"` the background, then each class's index to its label id, as
 * `labelmap.json` numbers them (the ignore index is no class and is left out).
 *
 * @param table The class table.
 * @returns The file's text.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { id2labelJson } from "@lab/masks/dataset";
 *
 * console.log(id2labelJson(classTable([{ id: "car", name: "Car", bChannel: 1 }])));
 * // {
 * //   "0": "background",
 * //   "1": "car"
 * // }
 * ```
 */
export function id2labelJson(table: ClassTable): string {
  const map: Record<string, string> = { "0": "background" };
  for (const entry of table.classes) map[String(entry.index)] = entry.id;
  return `${JSON.stringify(map, null, 2)}\n`;
}
