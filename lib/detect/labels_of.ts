import type { ConfigurationMetadata, Label } from "../api/types.ts";
import { textFieldsOnly } from "./_text_fields.ts";

/**
 * Lists the labels of a configuration (a project's or a form input's), across all label lists,
 * each id once (the first occurrence wins). A label without a string id is left out, and a
 * `name` or `color` that is not a string is as if absent (a hostile server, an edited file).
 *
 * @param metadata The configuration's metadata.
 * @returns The labels in configuration order.
 *
 * @example
 * ```ts
 * import { labelsOf } from "@lab/masks/detect";
 *
 * const labels = labelsOf({
 *   labelOptions: {
 *     availableLabels: { objects: [{ id: "car", name: "Car", bChannel: 1 }] },
 *   },
 * });
 * console.log(labels[0].bChannel); // 1
 * ```
 */
export function labelsOf(metadata: ConfigurationMetadata | undefined): Label[] {
  const lists = metadata?.labelOptions?.availableLabels;
  if (!lists || typeof lists !== "object") return [];
  const labels = new Map<string, Label>();
  for (const list of Object.values(lists)) {
    if (!Array.isArray(list)) continue;
    for (const label of list) {
      if (label && typeof label.id === "string" && !labels.has(label.id)) {
        labels.set(label.id, textFieldsOnly(label, ["name", "color"]));
      }
    }
  }
  return [...labels.values()];
}
