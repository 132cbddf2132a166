import { cocoRleString } from "./coco_rle.ts";
import { pngMaskInstances } from "./_png_mask_instances.ts";

/** What {@linkcode cocoMaskInstances} reads: plain data, so it can run on a worker. */
export interface CocoMaskJob {
  /** The mask's PNG bytes. */
  bytes: Uint8Array;
  /** Refuse masks with more pixels than this. Default: 100 million. */
  maxPixels?: number;
  /** The class (1..) of each blue value 0..255, 0 for none. */
  classOfBChannel: ArrayLike<number>;
}

/** One instance as a COCO annotation holds it. */
export interface CocoMaskInstance {
  /** The instance id, the pixels' red value. */
  instanceId: number;
  /** The class of the pixels' blue value. */
  classIndex: number;
  /** The compressed RLE string of its pixels. */
  counts: string;
  /** How many pixels it has. */
  area: number;
  /** `[x, y, w, h]`: the tight box of its pixels. */
  bbox: [number, number, number, number];
}

/**
 * Reads masks' instances elsewhere than on the calling thread: the export's pool of workers,
 * which runs {@linkcode cocoMaskInstances}.
 */
export interface CocoInstancesReader {
  /** How many masks it reads at once. */
  readonly size: number;
  /** Reads one mask's instances, as {@linkcode cocoMaskInstances} does. */
  cocoInstances(job: CocoMaskJob): Promise<CocoMaskInstances>;
}

/** The instances of one mask, and its size. */
export interface CocoMaskInstances {
  /** The mask's width in pixels. */
  width: number;
  /** The mask's height in pixels. */
  height: number;
  /** Its instances, ordered by instance id, then class. */
  instances: CocoMaskInstance[];
}

/**
 * Reads a PNG mask's instances as COCO's RLE annotations hold them, in one pass over its rows as
 * they are decoded strip by strip (`openMaskRows`): no decoded copy of the mask, no pass down
 * its columns ({@linkcode MaskInstanceScanner}).
 *
 * @param job The mask and its classes.
 * @returns The mask's size and instances.
 * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
 *
 * @example One instance of class 1
 * ```ts
 * import { encodePng } from "@lab/masks/png";
 * import { cocoMaskInstances } from "@lab/masks/formats";
 *
 * const bytes = await encodePng({ width: 2, height: 1, data: new Uint8Array([0, 0, 0, 4, 4, 7]) });
 * const classOfBChannel = new Uint8Array(256);
 * classOfBChannel[7] = 1;
 * const { instances } = cocoMaskInstances({ bytes, classOfBChannel });
 * console.log(instances[0].counts, instances[0].bbox); // "11" [1, 0, 1, 1]
 * ```
 */
export function cocoMaskInstances(job: CocoMaskJob): CocoMaskInstances {
  const { width, height, instances } = pngMaskInstances(job);
  return {
    width,
    height,
    instances: instances.map((instance) => ({
      ...instance,
      counts: cocoRleString(instance.counts),
    })),
  };
}
