/**
 * The scan behind `MaskInstanceScanner`: a mask's rows, top to bottom, into the vertical runs of
 * its instances (see `Segments`), which the scanner makes counts of and the polygon formats trace.
 *
 * @module
 */

import type { InstanceRows } from "./mask_instance_scanner.ts";
import { checkInstanceRows, checkScanSize } from "./_instance_scan_checks.ts";
import { type FoundInstance, Segments } from "./_instance_segments.ts";

/** What a scan found: its vertical runs, and the instances their slots are. */
export interface ScanEnd {
  segments: Segments;
  found: readonly FoundInstance[];
}

/**
 * Tables of each colour's slot (`(R << 8) | B`: 256 KiB each), -1 throughout, free for the next
 * scan: made once a thread, not once a mask.
 */
const SLOT_TABLES: Int32Array[] = [];
const KEPT_TABLES = 2;

/** A row's bytes from `base` in `bytes`, and the same bytes as words (`base` is a multiple of 4). */
interface RowAt {
  bytes: Uint8Array;
  base: number;
  words: Int32Array;
}

/** A row of its own, padded to whole words. */
function paddedRow(bytes: number): RowAt {
  const row = new Uint8Array(bytes);
  return { bytes: row, base: 0, words: new Int32Array(row.buffer) };
}

/**
 * Finds the vertical runs of a mask's instances from its rows, top to bottom (see
 * `MaskInstanceScanner`, which gives them as counts).
 *
 * @example
 * ```ts
 * import { InstanceRowScan } from "./_instance_row_scan.ts";
 *
 * const classes = new Uint8Array(256);
 * classes[7] = 1;
 * const scan = new InstanceRowScan(2, 1, classes);
 * scan.takeRows({ data: new Uint8Array([1, 1, 7, 2, 2, 7]), first: 0, count: 1 });
 * console.log(scan.end().found); // [{ instanceId: 1, classIndex: 1 }, { instanceId: 2, classIndex: 1 }]
 * ```
 */
export class InstanceRowScan {
  #width: number;
  #height: number;
  #classOfBChannel: ArrayLike<number>;
  /** Bytes a pixel of the rows, from the first strip (0 before it). */
  #channels: 0 | 3 | 4 = 0;
  /** Slot + 1 of each `(R << 8) | B`, 0 for none, -1 not seen yet. */
  #slotOfPixel: Int32Array = SLOT_TABLES.pop() ?? new Int32Array(65536).fill(-1);
  /** The keys set in `#slotOfPixel`, cleared when the scan ends and the table is let go. */
  #keysSeen: number[] = [];
  /** What `end` gave, once asked. */
  #ended: ScanEnd | undefined;
  #slotOfKey = new Map<number, number>();
  #found: FoundInstance[] = [];
  /** The row above (the strip before's last) and a row, padded to whole 32-bit words. */
  #above: RowAt;
  #row: RowAt;
  /** The row being scanned: where its bytes are. */
  #bytes: Uint8Array;
  #base = 0;
  /** Each column's instance (slot + 1) in the row above, and the row its run began at. */
  #slotAbove: Uint16Array;
  #runStart: Int32Array;
  #segments = new Segments();
  #y = 0;

  /**
   * Prepares a scan.
   *
   * @param width The mask's width in pixels.
   * @param height The mask's height in pixels.
   * @param classOfBChannel The class (1..) of each blue value 0..255, 0 for none: such pixels
   * belong to no instance.
   * @throws {RangeError} when a side is not a whole number from 1, the mask has more than
   * 2^31 - 1 pixels, or the class table fewer than 256 entries.
   */
  constructor(width: number, height: number, classOfBChannel: ArrayLike<number>) {
    checkScanSize(width, height, classOfBChannel);
    this.#width = width;
    this.#height = height;
    this.#classOfBChannel = classOfBChannel;
    this.#above = this.#row = paddedRow(0);
    this.#bytes = this.#row.bytes;
    this.#slotAbove = new Uint16Array(width);
    this.#runStart = new Int32Array(width);
  }

  /**
   * Takes the next rows, top to bottom.
   *
   * @param rows The rows: `count` rows of `width * channels` bytes from row `first`.
   * @throws {RangeError} when they are fewer bytes than their rows, more rows than are left, or
   * of other bytes a pixel than 3 or 4 or than the strips before.
   */
  takeRows(rows: InstanceRows): void {
    if (this.#ended) throw new TypeError("the scan has ended: it takes no more rows");
    const { channels, stride } = checkInstanceRows(rows, this.#width, this.#height - this.#y, {
      channels: this.#channels,
    });
    if (this.#channels === 0) this.#firstStrip(channels);
    const rowBytes = this.#width * channels;
    const { data, count } = rows;
    // Rows of whole words are compared where they are, each with the one before it; the first
    // with the last of the strip before, copied.
    const words = data.byteOffset % 4 === 0 && rowBytes % 4 === 0 && stride === rowBytes
      ? new Int32Array(data.buffer, data.byteOffset, (count * rowBytes) >> 2)
      : undefined;
    const row: RowAt | undefined = words && { bytes: data, base: 0, words };
    /** The strip's last row read: rows marked as repeats are not. */
    let read = -1;
    for (let r = 0; r < count; r++) {
      // A row that repeats the row above changes no run.
      if (rows.repeats?.[r] === 1) {
        this.#y++;
        continue;
      }
      if (rows.differsFrom !== undefined && (r > 0 || rows.firstDiffers === true)) {
        this.#scanDifferences(data, r, stride, rows.differsFrom);
      } else if (row !== undefined && read >= 0) {
        row.base = r * rowBytes;
        this.#scanRow(row, row.words, read * rowBytes);
      } else {
        this.#row.bytes.set(data.subarray(r * stride, r * stride + rowBytes));
        this.#scanRow(this.#row, this.#above.words, 0);
        [this.#above, this.#row] = [this.#row, this.#above];
      }
      read = r;
      this.#y++;
    }
    // The strip's last row read is the row above the next strip's first.
    if (read >= 0) this.#above.bytes.set(data.subarray(read * stride, read * stride + rowBytes));
  }

  /** The rows' bytes a pixel, known from the first strip: the rows' buffers are made for them. */
  #firstStrip(channels: 3 | 4): void {
    const padded = Math.ceil((this.#width * channels) / 4) * 4;
    this.#above = paddedRow(padded);
    this.#row = paddedRow(padded);
    this.#channels = channels;
  }

  /**
   * Ends the scan: the runs still open at the foot of the mask end there. Asked again, the same.
   *
   * @returns The vertical runs found, and the instances their slots are.
   */
  end(): ScanEnd {
    if (this.#ended) return this.#ended;
    const height = this.#height;
    for (let x = 0; x < this.#width; x++) {
      const slot = this.#slotAbove[x];
      if (slot !== 0) this.#segments.push(slot, x, this.#runStart[x], height - this.#runStart[x]);
    }
    this.#letTableGo();
    return this.#ended = { segments: this.#segments, found: this.#found };
  }

  /**
   * Compares a row with the row above (`above`'s words from byte `aboveAt`) a word at a time,
   * and looks at the words that differ.
   */
  #scanRow(row: RowAt, above: Int32Array, aboveAt: number): void {
    const { words } = row;
    const at = row.base >> 2;
    const from = aboveAt >> 2;
    const count = this.#above.words.length;
    this.#bytes = row.bytes;
    this.#base = row.base;
    let next = 0;
    for (let w = 0; w < count; w++) {
      if (words[at + w] !== above[from + w]) next = this.#word(w, next);
    }
  }

  /**
   * As `#scanRow`, for row `r` of a strip whose reader finds where a row differs from the one
   * before it: the words that differ are the same, found without a loop over the others here.
   */
  #scanDifferences(
    data: Uint8Array,
    r: number,
    stride: number,
    differsFrom: (row: number, from: number) => number,
  ) {
    const rowBytes = this.#width * this.#channels;
    this.#bytes = data;
    this.#base = r * stride;
    let next = 0;
    for (let from = differsFrom(r, 0); from < rowBytes;) {
      const w = from >> 2;
      next = this.#word(w, next);
      if (4 * w + 4 >= rowBytes) break;
      from = differsFrom(r, 4 * w + 4);
    }
  }

  /**
   * Looks at the pixels of word `w` of the row, from pixel `next` on (those before were looked
   * at); returns the pixel after them.
   */
  #word(w: number, next: number): number {
    const channels = this.#channels;
    const last = Math.min(this.#width - 1, Math.floor((4 * w + 3) / channels));
    for (let x = Math.max(next, Math.floor((4 * w) / channels)); x <= last; x++) this.#pixel(x);
    return last + 1;
  }

  /** A pixel unlike the one above: where its instance changes, a run ends and another begins. */
  #pixel(x: number): void {
    const bytes = this.#bytes;
    const at = this.#base + this.#channels * x;
    const red = bytes[at];
    const key = (red << 8) | bytes[at + 2];
    let slot = this.#slotOfPixel[key];
    if (slot < 0) {
      slot = this.#slotOfPixel[key] = this.#newSlot(red, bytes[at + 2]);
      this.#keysSeen.push(key);
    }
    const before = this.#slotAbove[x];
    if (slot === before) return;
    const y = this.#y;
    if (before !== 0) this.#segments.push(before, x, this.#runStart[x], y - this.#runStart[x]);
    this.#slotAbove[x] = slot;
    this.#runStart[x] = y;
  }

  /** Clears the keys this scan set and gives its table to the next scan. */
  #letTableGo(): void {
    const table = this.#slotOfPixel;
    for (const key of this.#keysSeen) table[key] = -1;
    if (SLOT_TABLES.length < KEPT_TABLES) SLOT_TABLES.push(table);
  }

  /** The slot + 1 of a colour seen for the first time, 0 when it is no instance. */
  #newSlot(red: number, blue: number): number {
    const classIndex = this.#classOfBChannel[blue];
    if (red === 0 || !classIndex) return 0;
    const key = red * 256 + classIndex;
    let slot = this.#slotOfKey.get(key);
    if (slot === undefined) {
      slot = this.#found.length;
      this.#slotOfKey.set(key, slot);
      this.#found.push({ instanceId: red, classIndex });
    }
    return slot + 1;
  }
}
