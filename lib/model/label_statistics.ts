/**
 * What an export holds of one label: the figures the report and the summary show.
 *
 * @module
 */

import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";

/**
 * What an export holds of one label.
 *
 * @example
 * ```ts
 * import type { LabelStatistics } from "./label_statistics.ts";
 *
 * const car: LabelStatistics = { id: "car", name: "Car", colour: [255, 0, 0], tasks: 1, instances: 2, pixelShare: 0.5 };
 * console.log(car.instances); // 2
 * ```
 */
export interface LabelStatistics {
  /** The label id. */
  id: string;
  /** The label name. */
  name: string;
  /** The label's configured colour. */
  colour: RgbColour;
  /** How many tasks' masks contain it. */
  tasks: number;
  /** How many instances have it, over all masks. */
  instances: number;
  /** Its share of the labelled pixels of all masks, from 0 to 1 (estimated from thumbnails). */
  pixelShare: number;
}
