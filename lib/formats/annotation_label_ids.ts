/**
 * The label ids of an annotation, as the SDK reads them: the lists of `labels` in the JSON's key
 * order, then the labels of each list in order (`labels.<main list>.labels[].id`).
 *
 * @param labels An annotation's `labels` object.
 * @returns The ids, in that order; none when `labels` is not an object.
 *
 * @example
 * ```ts
 * import { annotationLabelIds } from "@lab/masks/formats";
 *
 * const labels = { Objects: { labels: [{ id: "car" }] }, Extra: { labels: [{ id: "red" }] } };
 * console.log(annotationLabelIds(labels)); // ["car", "red"]
 * ```
 */
export function annotationLabelIds(labels: unknown): string[] {
  const ids: string[] = [];
  if (!isRecord(labels)) return ids;
  for (const list of Object.values(labels)) {
    const entries = isRecord(list) && Array.isArray(list.labels) ? list.labels : [];
    for (const label of entries) {
      if (isRecord(label) && label.id !== undefined && label.id !== null) {
        // An id that is a list or an object (an edited file) reads as its JSON in messages.
        ids.push(typeof label.id === "object" ? JSON.stringify(label.id) : String(label.id));
      }
    }
  }
  return ids;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
