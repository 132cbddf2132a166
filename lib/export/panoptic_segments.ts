import type { ClassTable } from "../detect/class_table.ts";
import type { PanopticSegment } from "../model/panoptic_segment.ts";

export type { PanopticSegment };

/**
 * The segments of a COCO panoptic mask, found strip by strip. From the platform's convention
 * (`R` = instance id, `B` = the label's bChannel, `R = 0` background):
 *
 * - a pixel with `R >= 1` whose `B` is a label's bChannel belongs to the segment of its class `c`
 *   (the class-index number) and, for a thing, of its instance: id `R + 256·c`; for a stuff class,
 *   every such pixel of the class is one segment, id `256·c`;
 * - every other pixel is void, id 0.
 *
 * So the panoptic PNG holds `R` (0 for stuff) in red, the class index in green and 0 in blue:
 * `R + 256·G + 256²·B` is the segment id, and each segment's pixels are exactly those of one
 * (instance, class) pair of the `instance` and `class-index` masks (one class, for stuff).
 *
 * @example Two instances of a thing and one stuff class in a 3×1 mask
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { PanopticSegments } from "@lab/masks/export";
 *
 * const table = classTable([{ id: "car", bChannel: 1 }, { id: "sky", bChannel: 2 }]);
 * const segments = new PanopticSegments(table, { stuffClasses: [2], width: 3 });
 * const rows = new Uint8Array([4, 4, 1, 5, 5, 1, 9, 9, 2]);
 * const panoptic = segments.takeRows({ data: rows, first: 0, count: 1 }, new Uint8Array(9));
 * console.log([...panoptic]); // [4, 1, 0, 5, 1, 0, 0, 2, 0]
 * console.log(segments.segments().map((segment) => segment.id)); // [260, 261, 512]
 * ```
 */
export class PanopticSegments {
  #width: number;
  #classOfB: Uint8Array;
  #stuff: Uint8Array;
  // Segment ids are below 256 · 256 (class indices are at most 254): a slot per id.
  #slotOfId = new Int32Array(256 * 256).fill(-1);
  #ids: number[] = [];
  #area: number[] = [];
  #minX: number[] = [];
  #minY: number[] = [];
  #maxX: number[] = [];
  #maxY: number[] = [];
  /** The runs of the last row taken, three numbers each: id, first and last column. */
  #runs: number[] = [];
  /** The last panoptic row made (zeros above the first). */
  #lastRow: Uint8Array;

  /**
   * Starts with no segment.
   *
   * @param table The project's classes: the class index of each bChannel.
   * @param options The class indices that are stuff, and the mask's width.
   */
  constructor(table: ClassTable, options: { stuffClasses: readonly number[]; width: number }) {
    this.#width = options.width;
    this.#lastRow = new Uint8Array(options.width * 3);
    const tables = panopticTables(table, options.stuffClasses);
    this.#classOfB = tables.classOfB;
    this.#stuff = tables.stuff;
  }

  /**
   * Counts the segments of a strip of panoptic rows from their runs of equal pixels, as the strip
   * reader's kernels give them (`ConvertedRows.runs`).
   *
   * @param runs Per row, its number of runs, then each run's first column and pixel.
   * @param first The strip's first row in the image.
   * @param count The strip's rows.
   */
  takeRuns(runs: Int32Array, first: number, count: number): void {
    const width = this.#width;
    for (let row = 0, k = 0; row < count; row++) {
      const n = runs[k++];
      for (let j = 0; j < n; j++, k += 2) {
        const id = runs[k + 1];
        if (id === 0) continue;
        const to = j + 1 < n ? runs[k + 2] - 1 : width - 1;
        this.#addRun(id, runs[k], to, first + row);
      }
    }
  }

  /**
   * Turns a strip of the mask's RGB rows into the panoptic PNG's rows, and counts its segments. A
   * row that `repeats` says repeats the row above is copied from it, its runs counted again.
   *
   * @param rows The strip: `count` rows of `width · 3` bytes from row `first`, and which rows
   * are known to repeat the row above (1).
   * @param target Where the panoptic rows go, at least as long as the strip.
   * @returns The panoptic rows: `target`'s first `rows.data.length` bytes.
   */
  takeRows(
    rows: { data: Uint8Array; first: number; count: number; repeats?: Uint8Array },
    target: Uint8Array,
  ): Uint8Array {
    const { data, first, count, repeats } = rows;
    const rowBytes = this.#width * 3;
    const runs = this.#runs;
    for (let row = 0; row < count; row++) {
      const at = row * rowBytes;
      if (repeats?.[row] === 1) {
        if (row === 0) target.set(this.#lastRow);
        else target.copyWithin(at, at - rowBytes, at);
        for (let r = 0; r < runs.length; r += 3) {
          this.#addRun(runs[r], runs[r + 1], runs[r + 2], first + row);
        }
      } else this.#takeRow(data, target, at, first + row);
    }
    if (count > 0) this.#lastRow.set(target.subarray((count - 1) * rowBytes, count * rowBytes));
    return target.subarray(0, data.length);
  }

  /** Makes the panoptic row `y` from the RGB row at `data[at]`, and counts (and keeps) its runs. */
  #takeRow(data: Uint8Array, target: Uint8Array, at: number, y: number): void {
    const width = this.#width;
    const runs = this.#runs;
    runs.length = 0;
    let runId = 0;
    let runStart = 0;
    for (let x = 0, i = at; x < width; x++, i += 3) {
      const red = data[i];
      const classIndex = red === 0 ? 0 : this.#classOfB[data[i + 2]];
      const instance = classIndex === 0 || this.#stuff[classIndex] === 1 ? 0 : red;
      target[i] = instance;
      target[i + 1] = classIndex;
      target[i + 2] = 0;
      const id = classIndex === 0 ? 0 : instance + 256 * classIndex;
      if (id === runId) continue;
      if (runId !== 0) runs.push(runId, runStart, x - 1);
      runId = id;
      runStart = x;
    }
    if (runId !== 0) runs.push(runId, runStart, width - 1);
    for (let r = 0; r < runs.length; r += 3) this.#addRun(runs[r], runs[r + 1], runs[r + 2], y);
  }

  /**
   * The segments seen so far, by id ascending: class by class, its stuff or its instances.
   *
   * @returns The segments, each with its area and tight box.
   */
  segments(): PanopticSegment[] {
    const slots = this.#ids.map((_, slot) => slot).sort((a, b) => this.#ids[a] - this.#ids[b]);
    return slots.map((slot) => ({
      id: this.#ids[slot],
      category_id: this.#ids[slot] >> 8,
      iscrowd: 0,
      area: this.#area[slot],
      bbox: [
        this.#minX[slot],
        this.#minY[slot],
        this.#maxX[slot] - this.#minX[slot] + 1,
        this.#maxY[slot] - this.#minY[slot] + 1,
      ],
    }));
  }

  /** Adds the pixels `from..to` of row `y` to segment `id`. */
  #addRun(id: number, from: number, to: number, y: number): void {
    let slot = this.#slotOfId[id];
    if (slot === -1) {
      slot = this.#ids.length;
      this.#slotOfId[id] = slot;
      this.#ids.push(id);
      this.#area.push(0), this.#minX.push(from), this.#maxX.push(to);
      this.#minY.push(y), this.#maxY.push(y);
    }
    this.#area[slot] += to - from + 1;
    if (from < this.#minX[slot]) this.#minX[slot] = from;
    if (to > this.#maxX[slot]) this.#maxX[slot] = to;
    // Rows come top to bottom.
    this.#maxY[slot] = y;
  }
}

/**
 * The tables a panoptic mask is made with: by bChannel, its class index (0 for no label), and by
 * class index, 1 for a stuff class.
 *
 * @param table The project's classes.
 * @param stuffClasses The class indices that are stuff.
 * @returns The two tables of 256 bytes.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { panopticTables } from "@lab/masks/export";
 *
 * const tables = panopticTables(classTable([{ id: "sky", bChannel: 5 }]), [1]);
 * console.log(tables.classOfB[5], tables.stuff[1]); // 1 1
 * ```
 */
export function panopticTables(
  table: ClassTable,
  stuffClasses: readonly number[],
): { classOfB: Uint8Array; stuff: Uint8Array } {
  const classOfB = new Uint8Array(256);
  const stuff = new Uint8Array(256);
  table.labelByBChannel.forEach((label, b) => {
    if (label !== undefined) classOfB[b] = table.indexByBChannel[b];
  });
  for (const index of stuffClasses) stuff[index] = 1;
  return { classOfB, stuff };
}
