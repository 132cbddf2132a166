import type { RgbImage } from "../png/rgb_image.ts";

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
 * that has a class, ordered by R then class (the export formats spec, "COCO"). One pass over
 * the rows numbers each pixel's instance; one pass down the columns cuts every instance's runs at
 * once, so the cost is the pixels, not pixels × instances.
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
  const { found, slots, box } = numberInstances(image, classOfBChannel);
  const counts = columnRuns(slots, image.width, image.height, found.length);
  const instances = found.map((instance, slot): MaskInstance => ({
    ...instance,
    counts: counts[slot],
    area: box.area[slot],
    bbox: [
      box.minX[slot],
      box.minY[slot],
      box.maxX[slot] - box.minX[slot] + 1,
      box.maxY[slot] - box.minY[slot] + 1,
    ],
  }));
  return instances.sort((a, b) => a.instanceId - b.instanceId || a.classIndex - b.classIndex);
}

/**
 * The pass over the rows: numbers each pixel's instance (its slot + 1, 0 for none) and keeps
 * each instance's box and area.
 */
function numberInstances(image: RgbImage, classOfBChannel: ArrayLike<number>) {
  const { width, height, data } = image;
  const slotByKey = new Map<number, number>();
  const found: { instanceId: number; classIndex: number }[] = [];
  // Slot + 1 of each pixel, row-major; 0: no instance. At most 255 × 255 slots: 16 bits.
  const slots = new Uint16Array(width * height);
  const box = {
    minX: [] as number[],
    minY: [] as number[],
    maxX: [] as number[],
    maxY: [] as number[],
    area: [] as number[],
  };
  for (let y = 0, pixel = 0; y < height; y++) {
    for (let x = 0; x < width; x++, pixel++) {
      const red = data[pixel * 3];
      if (red === 0) continue;
      const classIndex = classOfBChannel[data[pixel * 3 + 2]];
      if (!classIndex) continue;
      const key = red * 256 + classIndex;
      let slot = slotByKey.get(key);
      if (slot === undefined) {
        slot = found.length;
        slotByKey.set(key, slot);
        found.push({ instanceId: red, classIndex });
        box.minX.push(x), box.minY.push(y), box.maxX.push(x), box.maxY.push(y), box.area.push(0);
      }
      slots[pixel] = slot + 1;
      box.area[slot]++;
      if (x < box.minX[slot]) box.minX[slot] = x;
      if (x > box.maxX[slot]) box.maxX[slot] = x;
      box.maxY[slot] = y;
    }
  }
  return { found, slots, box };
}

/**
 * The pass down the columns: each instance's run lengths in column-major order, from a run of
 * pixels outside it, cut for every instance at once.
 */
function columnRuns(slots: Uint16Array, width: number, height: number, count: number) {
  const counts = Array.from({ length: count }, () => [] as number[]);
  const lastEnd = new Array<number>(count).fill(0);
  const start = new Array<number>(count).fill(0);
  let current = 0;
  let position = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0, pixel = x; y < height; y++, pixel += width, position++) {
      const slot = slots[pixel];
      if (slot === current) continue;
      if (current !== 0) {
        counts[current - 1].push(position - start[current - 1]);
        lastEnd[current - 1] = position;
      }
      if (slot !== 0) {
        counts[slot - 1].push(position - lastEnd[slot - 1]);
        start[slot - 1] = position;
      }
      current = slot;
    }
  }
  if (current !== 0) {
    counts[current - 1].push(position - start[current - 1]);
    lastEnd[current - 1] = position;
  }
  for (let slot = 0; slot < count; slot++) {
    if (lastEnd[slot] < position) counts[slot].push(position - lastEnd[slot]);
  }
  return counts;
}
