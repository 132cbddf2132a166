/**
 * An instance's pixels within a box as runs down its columns, read from its column-major RLE: what
 * tracing needs without looking at every pixel of the box. A run's first pixel is the only pixel
 * of it whose top edge is on a boundary, so the runs' first pixels in row order are the places a
 * scan of the box would start a ring; and two runs of neighbouring columns whose rows overlap or
 * touch at a corner are one 8-connected part, so the parts come from the runs alone.
 *
 * @module
 */

/** A box: its first column and row, its width and height. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The runs of an instance down the columns of a box, column by column, each top to bottom. */
export class ColumnRuns {
  /** Each run's column, from the box's left. */
  column: Int32Array;
  /** Each run's first row, from the box's top. */
  first: Int32Array;
  /** Each run's row after its last. */
  end: Int32Array;
  /** How many runs there are. */
  count = 0;
  /** The box's size. */
  readonly width: number;
  readonly height: number;
  /** The first run of each column, and after the last column the run count; made when asked. */
  #columnStart?: Int32Array;

  private constructor(capacity: number, box: Box) {
    this.column = new Int32Array(capacity);
    this.first = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.width = box.width;
    this.height = box.height;
  }

  /**
   * Room for `capacity` runs within a box, none yet: a maker that knows its runs writes them into
   * `column`, `first` and `end`, column by column, each top to bottom, and sets `count`.
   */
  static sized(capacity: number, box: Box): ColumnRuns {
    return new ColumnRuns(capacity, box);
  }

  /** The runs of a box-sized bitmap (1 inside), column by column. */
  static ofBitmap(inside: Uint8Array, box: Box): ColumnRuns {
    const runs = new ColumnRuns(64, box);
    const { width, height } = box;
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) {
        if (inside[y * width + x] !== 1) continue;
        const first = y;
        while (y < height && inside[y * width + x] === 1) y++;
        runs.#add(x, first, y);
      }
    }
    return runs;
  }

  /**
   * The runs of a column-major RLE (run lengths from a run of 0s, down each column of an image
   * `imageHeight` high, then on from the top of the next) within the box.
   */
  static of(counts: ArrayLike<number>, imageHeight: number, box: Box): ColumnRuns {
    const runs = new ColumnRuns(Math.max(16, counts.length), box);
    const { left, top, width, height } = box;
    const firstPixel = left * imageHeight;
    const endPixel = (left + width) * imageHeight;
    let position = 0;
    for (let i = 0; i < counts.length; i++) {
      const from = Math.max(position, firstPixel);
      const to = Math.min(position + counts[i], endPixel);
      position += counts[i];
      if (i % 2 === 0 || from >= to) continue;
      // A run goes down a column, then on from the top of the next: one column's piece at a time.
      for (let at = from; at < to;) {
        const column = Math.floor(at / imageHeight);
        const stop = Math.min(to, (column + 1) * imageHeight);
        const y0 = Math.max(at - column * imageHeight, top);
        const y1 = Math.min(stop - column * imageHeight, top + height);
        if (y0 < y1) runs.#add(column - left, y0 - top, y1 - top);
        at = stop;
      }
    }
    return runs;
  }

  #add(column: number, first: number, end: number): void {
    if (this.count === this.column.length) {
      const grow = (old: Int32Array) => {
        const grown = new Int32Array(old.length * 2);
        grown.set(old);
        return grown;
      };
      [this.column, this.first, this.end] = [grow(this.column), grow(this.first), grow(this.end)];
    }
    this.column[this.count] = column;
    this.first[this.count] = first;
    this.end[this.count] = end;
    this.count++;
  }

  /** Whether pixel `(x, y)` of the box is one of the runs'; outside the box, none is. */
  has(x: number, y: number): boolean {
    if (x < 0 || x >= this.width || y < 0) return false;
    const start = this.#columnStart ??= this.#columnStarts();
    for (let r = start[x], end = start[x + 1]; r < end; r++) {
      if (y < this.first[r]) return false;
      if (y < this.end[r]) return true;
    }
    return false;
  }

  /** The run whose first pixel is `(x, y)`, or -1. */
  startingAt(x: number, y: number): number {
    const start = this.#columnStart ??= this.#columnStarts();
    for (let r = start[x], end = start[x + 1]; r < end; r++) if (this.first[r] === y) return r;
    return -1;
  }

  #columnStarts(): Int32Array {
    const start = new Int32Array(this.width + 1);
    for (let r = 0; r < this.count; r++) start[this.column[r] + 1]++;
    for (let x = 0; x < this.width; x++) start[x + 1] += start[x];
    return start;
  }

  /** The runs in the order their first pixels come row by row (row, then column). */
  inRowOrder(): Int32Array {
    const height = this.height;
    const atRow = new Int32Array(height + 1);
    for (let r = 0; r < this.count; r++) atRow[this.first[r] + 1]++;
    for (let y = 0; y < height; y++) atRow[y + 1] += atRow[y];
    const order = new Int32Array(this.count);
    // Runs come column by column: within a row, in column order.
    for (let r = 0; r < this.count; r++) order[atRow[this.first[r]]++] = r;
    return order;
  }

  /** Each run's 8-connected part, as the number of one run of the part. */
  parts(): Int32Array {
    const parent = new Int32Array(this.count);
    for (let r = 0; r < this.count; r++) parent[r] = r;
    const root = (r: number): number => {
      while (parent[r] !== r) r = parent[r] = parent[parent[r]];
      return r;
    };
    // Each column's runs against the next column's, both top to bottom.
    let a = 0;
    let b = 0;
    while (a < this.count) {
      const column = this.column[a];
      while (b < this.count && this.column[b] <= column) b++;
      const nextColumn = b;
      for (; a < this.count && this.column[a] === column; a++) {
        for (let c = nextColumn; c < this.count && this.column[c] === column + 1; c++) {
          if (this.first[c] > this.end[a]) break;
          if (this.end[c] < this.first[a]) continue;
          const [x, y] = [root(a), root(c)];
          if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
        }
      }
    }
    for (let r = 0; r < this.count; r++) parent[r] = root(r);
    return parent;
  }
}
