import type { Label } from "../api/types.ts";

/**
 * Gives every label of a vector project a blue-channel value, so its rasterized masks follow the
 * segmentation convention: a label keeps a valid `bChannel` of its own; the others get, in
 * configuration order, the smallest values from 1 that no label uses.
 *
 * @param labels The labels of a polygon or rectangle project (or form input).
 * @returns The labels, each with a `bChannel` in 1..255 (labels past 255 values get none).
 *
 * @example
 * ```ts
 * import { withBChannels } from "@lab/masks/detect";
 *
 * const labels = withBChannels([{ id: "a" }, { id: "b", bChannel: 1 }, { id: "c" }]);
 * console.log(labels.map((label) => label.bChannel)); // [2, 1, 3]
 * ```
 */
export function withBChannels(labels: readonly Label[]): Label[] {
  const valid = (value: unknown): value is number =>
    typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 255;
  const used = new Set(labels.map((label) => label.bChannel).filter(valid));
  let next = 1;
  return labels.map((label) => {
    if (valid(label.bChannel)) return label;
    while (used.has(next)) next++;
    if (next > 255) return label;
    used.add(next);
    return { ...label, bChannel: next };
  });
}
