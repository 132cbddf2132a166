import type { RgbImage } from "../png/rgb_image.ts";
import { MaskInstanceScanner } from "./mask_instance_scanner.ts";

/** One instance of a mask: the pixels of one (R, B) pair, as COCO wants them. */
export interface MaskInstance {
  /** The instance id, the pixels' red value (1..255). */
  instanceId: number;
  /** The class of the pixels' blue value. */
  classIndex: number;
  /** The run lengths of the instance's pixels in column-major order, from a run of 0s. */
  counts: number[];
  /** How many pixels it has. */
  area: number;
  /** `[x, y, w, h]`: the tight box of its pixels, both ends included. */
  bbox: [number, number, number, number];
}

/**
 * Splits a segmentation mask into its instances, one per distinct pair (R, B) with R >= 1 and a B
 * that has a class, ordered by R then class (the export formats spec, "COCO"): the whole mask
 * through a {@linkcode MaskInstanceScanner}, which reads its rows once, top to bottom; the cost
 * is the pixels that differ from the pixel above, not pixels × instances.
 *
 * @param image The decoded mask.
 * @param classOfBChannel The class (1..) of each blue value 0..255, 0 for none: such pixels
 * belong to no instance.
 * @returns The instances.
 *
 * @example Two instances of class 1 in a 2×1 mask
 * ```ts
 * import { maskInstances } from "@lab/masks/formats";
 *
 * const classes = new Uint8Array(256);
 * classes[7] = 1;
 * const image = { width: 2, height: 1, data: new Uint8Array([1, 1, 7, 2, 2, 7]) };
 * console.log(maskInstances(image, classes).map((instance) => instance.counts)); // [[0, 1, 1], [1, 1]]
 * ```
 */
export function maskInstances(
  image: RgbImage,
  classOfBChannel: ArrayLike<number>,
): MaskInstance[] {
  const scanner = new MaskInstanceScanner(image.width, image.height, classOfBChannel);
  scanner.takeRows({ data: image.data, first: 0, count: image.height });
  return scanner.end();
}
