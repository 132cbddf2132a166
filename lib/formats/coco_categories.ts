import type { ConfigurationMetadata } from "../api/types.ts";
import { classTable, type ClassTableOptions } from "../detect/class_table.ts";
import { labelsOf } from "../detect/labels_of.ts";
import { withBChannels } from "../detect/with_b_channels.ts";

/** A COCO category. */
export interface CocoCategory {
  /** The class index: 1..N, as `--mask-format class-index` numbers labels. */
  id: number;
  /** The label id. */
  name: string;
  /** The name of the first main list that shows the label's list, else `""`. */
  supercategory: string;
}

/** A project's COCO categories, and how pixels and labels find theirs. */
export interface CocoClasses {
  /** The categories, in class-index order. */
  categories: CocoCategory[];
  /** The category of each blue value 0..255, 0 where none (segmentation masks). */
  classOfBChannel: Uint8Array;
  /** The category of each label id (vector annotations). */
  classOfLabel: Map<string, number>;
}

/**
 * The COCO categories of a project or form input (the export formats spec, "COCO"): the labels
 * that have a bChannel, numbered 1..N in configuration order as the class-index masks number them
 * (a bChannel shared by two labels maps to the first). In vector projects every label gets a
 * bChannel first, so every label is a category. With a pinned class map the ids are its indices
 * (labels that left the configuration have no category; their ids stay unused).
 *
 * @param metadata The project's (or input's) configuration metadata.
 * @param vector Whether the project draws vectors (polygon, rectangle) rather than masks.
 * @param pinning The pinned class map, if any.
 * @returns The categories and the lookups from pixels and labels.
 * @throws {ConfigError} when a label of the pinned map left the configuration (without
 * `allowRemovedLabels`).
 *
 * @example
 * ```ts
 * import { cocoCategories } from "@lab/masks/formats";
 *
 * const { categories } = cocoCategories({
 *   labelOptions: {
 *     mainLists: [{ name: "Objects", keys: ["objects"] }],
 *     availableLabels: { objects: [{ id: "car", bChannel: 4 }, { id: "tree" }] },
 *   },
 * }, false);
 * console.log(categories); // [{ id: 1, name: "car", supercategory: "Objects" }]
 * ```
 */
export function cocoCategories(
  metadata: ConfigurationMetadata | undefined,
  vector: boolean,
  pinning: Pick<ClassTableOptions, "pinned" | "allowRemovedLabels"> = {},
): CocoClasses {
  const labels = labelsOf(metadata);
  const table = classTable(vector ? withBChannels(labels) : labels, pinning);
  const options = metadata?.labelOptions;
  const listOfLabel = new Map<string, string>();
  for (const [key, list] of Object.entries(options?.availableLabels ?? {})) {
    for (const label of Array.isArray(list) ? list : []) {
      if (!listOfLabel.has(label?.id)) listOfLabel.set(label?.id, key);
    }
  }
  const mainLists = Array.isArray(options?.mainLists) ? options.mainLists : [];
  const classOfLabel = new Map<string, number>();
  const categories = table.classes.map((entry) => {
    if (!classOfLabel.has(entry.id)) classOfLabel.set(entry.id, entry.index);
    const key = listOfLabel.get(entry.id);
    const main = mainLists.find((list) => Array.isArray(list?.keys) && list.keys.includes(key!));
    // A list name of another type (a hostile server, an edited file) is no name.
    const supercategory = typeof main?.name === "string" ? main.name : "";
    return { id: entry.index, name: entry.id, supercategory };
  });
  const classOfBChannel = new Uint8Array(256);
  table.labelByBChannel.forEach((labelId, b) => {
    if (labelId !== undefined) classOfBChannel[b] = table.indexByBChannel[b];
  });
  return { categories, classOfBChannel, classOfLabel };
}
