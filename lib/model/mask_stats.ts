import type { ClassTable } from "../detect/class_table.ts";
import { censusOf } from "../png/mask_census.ts";
import { statsOfCensus } from "./stats_of_census.ts";
import type { RgbImage } from "../png/rgb_image.ts";

/** What a mask holds, for the manifest. */
export interface MaskStats {
  /** The ids of the labels present, in class order. */
  labels: string[];
  /** How many distinct instance ids (red values 1..255) the mask holds. */
  instanceCount: number;
  /** Each instance id's label id, from the blue channel of its first pixel (`null`: no label). */
  instances: Record<string, string | null>;
  /** The bChannels present (labelled pixels only), for the `binary` format. */
  bChannels: number[];
}

/**
 * Reads a mask's instances and labels in the platform's convention: a pixel with `R >= 1` belongs
 * to instance `R`, whose label is the one whose bChannel is `B`.
 *
 * @param image The decoded mask.
 * @param table The project's class table.
 * @returns The labels and instances present.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { maskStats } from "@lab/masks/export";
 *
 * const table = classTable([{ id: "car", bChannel: 1 }]);
 * const image = { width: 3, height: 1, data: new Uint8Array([0, 0, 0, 5, 5, 1, 6, 6, 9]) };
 * console.log(maskStats(image, table).instances); // { "5": "car", "6": null }
 * ```
 */
export function maskStats(image: RgbImage, table: ClassTable): MaskStats {
  return statsOfCensus(censusOf(image), table);
}
