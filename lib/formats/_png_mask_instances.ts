import { openMaskRows } from "../png/mask_rows.ts";
import { InstanceRowScan } from "./_instance_row_scan.ts";
import { byInstance, type InstanceRuns } from "./_instance_segments.ts";
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
 * the mask): what COCO's RLE starts from.
 *
 * @param job The mask's bytes, the pixel limit and its classes.
 * @returns Its size and instances, ordered by instance id, then class.
 * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
 */
export function pngMaskInstances(
  job: PngMaskJob,
): { width: number; height: number; instances: MaskInstance[] } {
  const { width, height, scanned } = scannedMask(job);
  const { segments, found } = scanned;
  return { width, height, instances: byInstance(segments.instances(found, width, height)) };
}

/**
 * A PNG mask's size and its instances' runs down the columns of their boxes, read as
 * {@linkcode pngMaskInstances} reads them: what COCO's polygons and `yolo-seg` trace.
 *
 * @param job The mask's bytes, the pixel limit and its classes.
 * @returns Its size and instances, ordered by instance id, then class.
 * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
 */
export function pngInstanceRuns(
  job: PngMaskJob,
): { width: number; height: number; instances: InstanceRuns[] } {
  const { width, height, scanned } = scannedMask(job);
  return {
    width,
    height,
    instances: byInstance(scanned.segments.columnRuns(scanned.found, width)),
  };
}

/** The mask's rows scanned: its size and the runs of its instances. */
function scannedMask(job: PngMaskJob) {
  // The scan finds the instances itself: no census. RGBA rows are scanned as they were
  // unfiltered: packing them as RGB would cost a copy.
  const options = { maxPixels: job.maxPixels, census: false, unpacked: true };
  const rows = openMaskRows(job.bytes, options);
  const { width, height } = rows;
  const scan = new InstanceRowScan(width, height, job.classOfBChannel);
  rows.read((strip) => {
    const unpacked = strip.unpacked;
    scan.takeRows(unpacked === undefined ? strip : { ...strip, ...unpacked, firstDiffers: true });
  });
  return { width, height, scanned: scan.end() };
}
