/**
 * The one small job the heap collection tests render on a pool, again and again: a 32×24 RGBA
 * mask of one car, as `rgb`.
 *
 * @module
 */

import type { MaskJob } from "../../lib/export/_mask_job.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

const BYTES = writeMaskPng(
  drawMask({ width: 32, height: 24 }, [{ id: 1, bChannel: 4, rect: [2, 2, 20, 20] }]),
  { colourType: 6 },
);
const TABLE = classTable([{ id: "car", bChannel: 4 }]);

/** A new job of the small mask (its bytes copied: a pool transfers them). */
export function smallMaskJob(): MaskJob {
  return {
    mask: { kind: "png", bytes: BYTES.slice() },
    file: "a.png",
    format: "rgb",
    table: TABLE,
  };
}
