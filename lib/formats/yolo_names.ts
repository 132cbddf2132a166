import type { ConfigurationMetadata } from "../api/types.ts";

/**
 * The class names of a YOLO export, as the SDK lists them (`flatten_available_labels_used_in_main_lists`,
 * the export formats spec, "data.yaml"): for each main list, for each of its keys, every label
 * id of that list, in order. Lists no main list names are left out; a label reached twice is
 * listed twice (its class is its first position), so that `nc` and the indices stay the SDK's.
 *
 * @param metadata The project's (or form input's) configuration metadata.
 * @returns The label ids, in class order; none without `labelOptions`.
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
export function yoloNames(metadata: ConfigurationMetadata | undefined): string[] {
  const options = metadata?.labelOptions;
  const names: string[] = [];
  for (const mainList of Array.isArray(options?.mainLists) ? options.mainLists : []) {
    for (const key of Array.isArray(mainList?.keys) ? mainList.keys : []) {
      const labels = options?.availableLabels?.[key];
      if (!Array.isArray(labels)) continue;
      for (const label of labels) names.push(String(label?.id));
    }
  }
  return names;
}

/**
 * The `data.yaml` of a YOLO export, as the SDK writes it: `nc: <count>` and
 * `names: ['<id>','<id>']`, each line ending in `\n`. A `'` inside an id is written `''`, as YAML
 * wants (the SDK writes it unescaped, which breaks the file).
 *
 * @param names The class names, from {@linkcode yoloNames}.
 * @returns The file's text.
 *
 * @example
 * ```ts
 * import { yoloDataYaml } from "@lab/masks/formats";
 *
 * console.log(JSON.stringify(yoloDataYaml(["car", "person"]))); // "nc: 2\nnames: ['car','person']\n"
 * ```
 */
export function yoloDataYaml(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name.replaceAll("'", "''")}'`);
  return `nc: ${names.length}\nnames: [${quoted.join(",")}]\n`;
}
