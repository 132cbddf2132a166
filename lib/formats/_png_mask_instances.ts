import { openMaskRows } from "../png/mask_rows.ts";
import { MaskInstanceScanner } from "./mask_instance_scanner.ts";
import type { MaskInstance } from "./mask_instances.ts";

/** What {@linkcode pngMaskInstances} reads. */
export interface PngMaskJob {
  /** The mask's PNG bytes. */
  bytes: Uint8Array;
  /** Refuse masks with more pixels than this. Default: 100 million. */
  maxPixels?: number;
  /** The class (1..) of each blue value 0..255, 0 for none. */
  classOfBChannel: ArrayLike<number>;
}

/**
 * A PNG mask's size and instances, read from its rows as they are inflated (no decoded copy of
 * the mask): what COCO's RLE and polygons, and `yolo-seg`, start from.
 *
 * @param job The mask's bytes, the pixel limit and its classes.
 * @returns Its size and instances, ordered by instance id, then class.
 * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
 */
export function pngMaskInstances(
  job: PngMaskJob,
): { width: number; height: number; instances: MaskInstance[] } {
  // The scanner finds the instances itself: no census.
  const rows = openMaskRows(job.bytes, { maxPixels: job.maxPixels, census: false });
  const { width, height } = rows;
  const scanner = new MaskInstanceScanner(width, height, job.classOfBChannel);
  rows.read((strip) => scanner.takeRows(strip));
  return { width, height, instances: scanner.end() };
}
