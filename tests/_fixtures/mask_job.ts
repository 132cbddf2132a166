/**
 * The mask jobs the worker-side tests run: a PNG mask with a class table of known and unknown
 * bChannels, and a mapping of bChannels to colours for the `rgb` format.
 *
 * @module
 */
import { classTable } from "../../lib/detect/class_table.ts";
import type { MaskJob } from "../../lib/export/_mask_job.ts";

/** The folder of PNG flavours of one image, with their reference pixels (`index.json`). */
export const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);

/** Car (B 1, red), person (B 2, no colour), a sign whose id names a folder (B 9). */
export const TABLE = classTable([
  { id: "car", name: "Car", color: "#ff0000", bChannel: 1 },
  { id: "person", name: "Person", bChannel: 2 },
  { id: "sign/post", name: "Sign", bChannel: 9 },
]);

/** Colours for bChannels 1 and 9. */
export const MAPPING = new Map<number, [number, number, number]>([
  [1, [9, 8, 7]],
  [9, [1, 2, 250]],
]);

/** The job of rendering `png` as `a/b.png` in `format` with {@linkcode TABLE} (and `mapping`). */
export function maskJobOf(
  png: Uint8Array,
  format: MaskJob["format"],
  mapping?: MaskJob["colourByBChannel"],
): MaskJob {
  const job: MaskJob = {
    // Bytes of its own, as each task's mask has: the job may release them.
    mask: { kind: "png", bytes: png.slice() },
    file: "a/b.png",
    format,
    table: TABLE,
  };
  if (mapping) job.colourByBChannel = mapping;
  return job;
}
