import type { ConfigurationMetadata } from "../api/types.ts";
import { classTable } from "../detect/class_table.ts";
import { labelsOf } from "../detect/labels_of.ts";
import type { PinnedClassMap } from "../detect/pinned_class_map.ts";
import { withBChannels } from "../detect/with_b_channels.ts";

/** Options of {@linkcode yoloNames}. */
export interface YoloNamesOptions {
  /**
   * An earlier export's class map: class `i` is then the label of index `i + 1` (a reserved
   * label's id, or `unused<i + 1>` for an index no label has), as `classTable` numbers them.
   *
   * @default {undefined} (the SDK's order)
   */
  pinned?: PinnedClassMap;
  /** With `pinned`: keep the indices of labels the configuration lost reserved. @default {false} */
  allowRemovedLabels?: boolean;
}

/**
 * The class names of a YOLO export, as the SDK lists them (`flatten_available_labels_used_in_main_lists`,
 * the export formats spec, "data.yaml"): for each main list, for each of its keys, every label
 * id of that list, in order. Lists no main list names are left out; a label reached twice is
 * listed twice (its class is its first position), so that `nc` and the indices stay the SDK's.
 * With a pinned class map, the classes follow it instead (`classTable`'s numbering, less one).
 *
 * @param metadata The project's (or form input's) configuration metadata.
 * @param options The pinned class map, if any.
 * @returns The label ids, in class order; none without `labelOptions`.
 * @throws {ConfigError} when a label of the pinned map left the configuration (without
 * `allowRemovedLabels`).
 *
 * @example
 * ```ts
 * import { yoloNames } from "@lab/masks/formats";
 *
 * const names = yoloNames({
 *   labelOptions: {
 *     mainLists: [{ name: "Objects", keys: ["cars", "people"] }],
 *     availableLabels: { people: [{ id: "person" }], cars: [{ id: "car" }], other: [{ id: "x" }] },
 *   },
 * });
 * console.log(names); // ["car", "person"]
 * ```
 */
export function yoloNames(
  metadata: ConfigurationMetadata | undefined,
  options: YoloNamesOptions = {},
): string[] {
  if (options.pinned !== undefined) {
    const table = classTable(withBChannels(labelsOf(metadata)), options);
    const byIndex = new Map(
      [...table.reserved, ...table.classes].map((entry) => [entry.index, entry.id]),
    );
    const highest = Math.max(0, ...byIndex.keys());
    return Array.from({ length: highest }, (_, i) => byIndex.get(i + 1) ?? `unused${i + 1}`);
  }
  const labelOptions = metadata?.labelOptions;
  const names: string[] = [];
  for (const mainList of Array.isArray(labelOptions?.mainLists) ? labelOptions.mainLists : []) {
    for (const key of Array.isArray(mainList?.keys) ? mainList.keys : []) {
      const labels = labelOptions?.availableLabels?.[key];
      if (!Array.isArray(labels)) continue;
      for (const label of labels) names.push(String(label?.id));
    }
  }
  return names;
}

/**
 * The `data.yaml` of a YOLO export, as the SDK writes it: `nc: <count>` and
 * `names: ['<id>','<id>']`, each line ending in `\n`. A `'` inside an id is written `''`, as YAML
 * wants (the SDK writes it unescaped, which breaks the file). With splits, the lines Ultralytics
 * reads come first: `path` (the dataset's folder), then each split's images folder
 * (`train: images/train`, `val: images/val`, …), whose labels Ultralytics finds in
 * `labels/<split>/`.
 *
 * @param names The class names, from {@linkcode yoloNames}.
 * @param options With splits: the dataset's folder and the split names, in order.
 * @returns The file's text.
 *
 * @example
 * ```ts
 * import { yoloDataYaml } from "@lab/masks/formats";
 *
 * console.log(JSON.stringify(yoloDataYaml(["car", "person"]))); // "nc: 2\nnames: ['car','person']\n"
 * ```
 */
export function yoloDataYaml(
  names: readonly string[],
  options: { root?: string; splits?: readonly string[] } = {},
): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const splits = (options.splits ?? []).map((name) => `${name}: images/${name}\n`);
  const path = splits.length > 0 ? `path: ${quote(options.root ?? ".")}\n` : "";
  return `${path}${splits.join("")}nc: ${names.length}\nnames: [${names.map(quote).join(",")}]\n`;
}
