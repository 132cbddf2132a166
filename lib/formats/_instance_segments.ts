/**
 * The vertical runs a scan of a mask's rows finds, each with its instance, and the instances they
 * make: each one's run lengths down the columns, its area and its box.
 *
 * @module
 */

import type { MaskInstance } from "./mask_instances.ts";
import { ColumnRuns } from "./_column_runs.ts";

/** An instance as the scan first meets it: its red value and class. */
export interface FoundInstance {
  instanceId: number;
  classIndex: number;
}

/** An instance's runs down the columns of its box, as tracing reads them. */
export interface InstanceRuns extends FoundInstance {
  /** How many pixels it has. */
  area: number;
  /** `[x, y, w, h]`: the tight box of its pixels. */
  bbox: [number, number, number, number];
  /** Its runs, from the box's corner. */
  runs: ColumnRuns;
}

/**
 * Instances in the order a mask's are given: by instance id, then class.
 *
 * @param instances The instances, sorted in place.
 * @returns The same array.
 *
 * @example
 * ```ts
 * import { byInstance } from "./_instance_segments.ts";
 *
 * const found = [{ instanceId: 2, classIndex: 1 }, { instanceId: 1, classIndex: 3 }];
 * console.log(byInstance(found).map((one) => one.instanceId)); // [1, 2]
 * ```
 */
export function byInstance<T extends FoundInstance>(instances: T[]): T[] {
  return instances.sort((a, b) => a.instanceId - b.instanceId || a.classIndex - b.classIndex);
}

/**
 * Vertical runs of one instance in one column (its slot + 1, column, first row, length), in the
 * order the scan ends them: grown by doubling, never per segment.
 *
 * @example
 * ```ts
 * import { Segments } from "./_instance_segments.ts";
 *
 * const segments = new Segments();
 * segments.push(1, 0, 0, 2); // column 0, rows 0 and 1
 * segments.push(1, 1, 1, 1); // column 1, row 1
 * const [car] = segments.instances([{ instanceId: 1, classIndex: 1 }], 2, 2);
 * console.log(car.counts, car.area, car.bbox); // [0, 2, 1, 1] 3 [0, 0, 2, 2]
 * ```
 */
export class Segments {
  slot = new Uint16Array(1024);
  x = new Int32Array(1024);
  y = new Int32Array(1024);
  length = new Int32Array(1024);
  size = 0;

  push(slot: number, x: number, y: number, length: number): void {
    if (this.size === this.slot.length) this.#grow();
    const i = this.size++;
    this.slot[i] = slot, this.x[i] = x, this.y[i] = y, this.length[i] = length;
  }

  #grow(): void {
    const grown = <T extends Uint16Array | Int32Array>(old: T): T => {
      const bigger = new (old.constructor as { new (length: number): T })(old.length * 2);
      bigger.set(old);
      return bigger;
    };
    this.slot = grown(this.slot), this.x = grown(this.x);
    this.y = grown(this.y), this.length = grown(this.length);
  }

  /** The runs in column-major order (counting sort on the column), cut into each instance's. */
  instances(found: readonly FoundInstance[], width: number, height: number): MaskInstance[] {
    const { slot, x, y, length } = this;
    const order = this.#columnOrder(width);
    // Each instance's counts are made at their size (counted in a first pass over the runs): arrays
    // grown by pushes left their smaller copies behind, a third of what reading a mask allocated.
    const total = width * height;
    const sizes = this.#countsSizes(order, found.length, height, total);
    const instances = found.map((one, s): MaskInstance => ({
      ...one,
      counts: new Array<number>(sizes[s]),
      area: 0,
      bbox: [Infinity, Infinity, -Infinity, -Infinity],
    }));
    const lastEnd = new Float64Array(instances.length);
    const filled = new Int32Array(instances.length);
    for (const i of order) {
      const s = slot[i] - 1;
      const instance = instances[s];
      const start = x[i] * height + y[i];
      const { counts, bbox } = instance;
      if (start === lastEnd[s] && filled[s] > 0) counts[filled[s] - 1] += length[i];
      else {
        counts[filled[s]++] = start - lastEnd[s];
        counts[filled[s]++] = length[i];
      }
      lastEnd[s] = start + length[i];
      instance.area += length[i];
      bbox[0] = Math.min(bbox[0], x[i]), bbox[1] = Math.min(bbox[1], y[i]);
      bbox[2] = Math.max(bbox[2], x[i]), bbox[3] = Math.max(bbox[3], y[i] + length[i] - 1);
    }
    for (const [s, instance] of instances.entries()) {
      if (lastEnd[s] < total) instance.counts[filled[s]++] = total - lastEnd[s];
      const [minX, minY, maxX, maxY] = instance.bbox;
      instance.bbox = [minX, minY, maxX - minX + 1, maxY - minY + 1];
    }
    return instances;
  }

  /**
   * Each instance's runs down the columns of its box, with its area and box, in the order of
   * `found`: what tracing reads, without run lengths over the whole image made and read again.
   */
  columnRuns(found: readonly FoundInstance[], width: number): InstanceRuns[] {
    const { slot, x, y, length, size } = this;
    const n = found.length;
    // Each instance's run count, area and box (its bottom: the row after its last).
    const runCount = new Int32Array(n);
    const area = new Float64Array(n);
    const left = new Int32Array(n).fill(0x7fffffff);
    const top = new Int32Array(n).fill(0x7fffffff);
    const right = new Int32Array(n);
    const bottom = new Int32Array(n);
    for (let i = 0; i < size; i++) {
      const s = slot[i] - 1;
      runCount[s]++;
      area[s] += length[i];
      left[s] = Math.min(left[s], x[i]);
      top[s] = Math.min(top[s], y[i]);
      right[s] = Math.max(right[s], x[i] + 1);
      bottom[s] = Math.max(bottom[s], y[i] + length[i]);
    }
    const runsOf: ColumnRuns[] = [];
    const instances: InstanceRuns[] = [];
    for (let s = 0; s < n; s++) {
      const [w, h] = [right[s] - left[s], bottom[s] - top[s]];
      const runs = ColumnRuns.sized(runCount[s], {
        left: left[s],
        top: top[s],
        width: w,
        height: h,
      });
      runs.count = runCount[s];
      runsOf.push(runs);
      const { instanceId, classIndex } = found[s];
      instances.push({
        instanceId,
        classIndex,
        area: area[s],
        bbox: [left[s], top[s], w, h],
        runs,
      });
    }
    const filled = new Int32Array(n);
    const order = this.#columnOrder(width);
    for (let o = 0; o < size; o++) {
      const i = order[o];
      const s = slot[i] - 1;
      const runs = runsOf[s];
      const k = filled[s]++;
      runs.column[k] = x[i] - left[s];
      runs.first[k] = y[i] - top[s];
      runs.end[k] = y[i] + length[i] - top[s];
    }
    return instances;
  }

  /** The runs' indices in column-major order: a counting sort on the column keeps row order. */
  #columnOrder(width: number): Int32Array {
    const { x, size } = this;
    const starts = new Int32Array(width + 1);
    for (let i = 0; i < size; i++) starts[x[i] + 1]++;
    for (let column = 0; column < width; column++) starts[column + 1] += starts[column];
    const order = new Int32Array(size);
    for (let i = 0; i < size; i++) order[starts[x[i]]++] = i;
    return order;
  }

  /** How many run lengths each instance's counts hold, as `instances` writes them. */
  #countsSizes(order: Int32Array, count: number, height: number, total: number): Int32Array {
    const { slot, x, y, length } = this;
    const sizes = new Int32Array(count);
    const lastEnd = new Float64Array(count);
    for (const i of order) {
      const s = slot[i] - 1;
      const start = x[i] * height + y[i];
      if (start !== lastEnd[s] || sizes[s] === 0) sizes[s] += 2;
      lastEnd[s] = start + length[i];
    }
    for (let s = 0; s < sizes.length; s++) if (lastEnd[s] < total) sizes[s]++;
    return sizes;
  }
}
