/**
 * The names of a `panoptic` export's COCO panoptic files: `panoptic.json` for every task, and with
 * a split one more per split, named as `--format coco` names its per-split files.
 *
 * @module
 */

/** The panoptic file of every task, in the export folder. */
export const PANOPTIC_JSON = "panoptic.json";

/**
 * The panoptic file of one split (`panoptic_train.json`), or of every task without one.
 *
 * @param split The split's name, if any.
 * @returns The file's name in the export folder.
 *
 * @example
 * ```ts
 * import { panopticJsonName } from "@lab/masks/model";
 *
 * console.log(panopticJsonName("train"), panopticJsonName()); // "panoptic_train.json" "panoptic.json"
 * ```
 */
export function panopticJsonName(split?: string): string {
  return split === undefined ? PANOPTIC_JSON : `panoptic_${split}.json`;
}
