/**
 * The strips the kernels' strip reader hands over: RGB rows packed at once, when first read or
 * never, and the rows where they were unfiltered.
 *
 * @module
 */

import type { KernelExports } from "./kernels.ts";
import type { ConvertedRows, RgbRows, RowLabels, UnpackedRows } from "./png_rows.ts";

/**
 * The strip handed over: its rows packed as RGB at `output` at once (`"now"`), when first read
 * (`"asked"`: the conversions read the raw rows, never these; `"unpacked"`: the reader reads the
 * rows where they were unfiltered) or never (only the conversion's rows are read).
 */
export function rgbStrip(
  rows: {
    kernels: KernelExports;
    memory: Uint8Array;
    pixels: { at: number; stride: number; channels: number };
    width: number;
    output: number;
  },
  first: number,
  count: number,
  packed: "now" | "asked" | "unpacked" | "never",
): RgbRows {
  const { kernels, memory, pixels, width, output } = rows;
  const pack = () => {
    const { at, stride, channels } = pixels;
    kernels.packRgb(at, stride, output, width * 3, count, width, channels);
    return memory.subarray(output, output + count * width * 3);
  };
  if (packed === "now") {
    const differsFrom = rowDifferences(kernels, output, width * 3, width * 3);
    return { data: pack(), first, count, differsFrom };
  }
  const strip = new PackedLater(first, count, packed === "never" ? undefined : pack);
  if (packed === "unpacked") strip.unpacked = unpackedRows(kernels, memory, pixels, width);
  return strip;
}

/** A strip's rows where they were unfiltered, and where each differs from the row above. */
function unpackedRows(
  kernels: KernelExports,
  memory: Uint8Array,
  pixels: { at: number; stride: number; channels: number },
  width: number,
): UnpackedRows {
  const { at, stride, channels } = pixels;
  const differsFrom = rowDifferences(kernels, at, stride, width * channels);
  return { data: memory.subarray(at), channels: channels === 4 ? 4 : 3, stride, differsFrom };
}

/**
 * Where row `row` of the rows at `at`, `stride` apart, first differs from the row before it, from
 * byte `from`, as the kernels find it: that byte's index, or `rowBytes`.
 */
function rowDifferences(kernels: KernelExports, at: number, stride: number, rowBytes: number) {
  return (row: number, from: number): number => {
    const p = at + row * stride + from;
    return from + kernels.firstDifferent(p, p - stride, rowBytes - from);
  };
}

/**
 * A strip whose RGB rows are packed when first read, or never (`pack` not given). A class, not
 * an object literal with a getter: V8 keeps such a literal's properties in a dictionary, which
 * made every read of the strip's fields, in every format's renderer, a slow lookup.
 */
class PackedLater implements RgbRows {
  readonly first: number;
  readonly count: number;
  repeats?: Uint8Array;
  unpacked?: UnpackedRows;
  converted?: ConvertedRows;
  labels?: RowLabels;
  labelMask?: RgbRows["labelMask"];
  #pack: (() => Uint8Array) | undefined;
  #data: Uint8Array | undefined;

  constructor(first: number, count: number, pack: (() => Uint8Array) | undefined) {
    this.first = first;
    this.count = count;
    this.#pack = pack;
  }

  get data(): Uint8Array {
    if (this.#pack === undefined) {
      throw new TypeError("The strip's RGB rows are not kept: only its labels were asked for");
    }
    return this.#data ??= this.#pack();
  }
}
