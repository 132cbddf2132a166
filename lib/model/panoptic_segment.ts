/**
 * A segment of a COCO panoptic mask: shared by the export and its manifest.
 *
 * @module
 */

/**
 * One segment of a COCO panoptic PNG, as `panoptic.json`'s `segments_info` lists it (and a
 * manifest entry of a `panoptic` export).
 *
 * @example
 * ```ts
 * import type { PanopticSegment } from "@lab/masks/export";
 *
 * const segment: PanopticSegment = { id: 257, category_id: 1, iscrowd: 0, area: 4, bbox: [0, 0, 2, 2] };
 * console.log(segment.area); // 4
 * ```
 */
export interface PanopticSegment {
  /** The segment id: its pixels' `R + 256·G + 256²·B` in the panoptic PNG. */
  id: number;
  /** Its category: the class index of its label, as `class-index` masks number it. */
  category_id: number;
  /** Always 0: every segment is one instance or one class. */
  iscrowd: 0;
  /** How many pixels it has. */
  area: number;
  /** `[x, y, w, h]`: the tight box of its pixels, both ends included. */
  bbox: [number, number, number, number];
}
