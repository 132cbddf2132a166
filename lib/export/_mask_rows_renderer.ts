/**
 * The mask formats, strip by strip: each strip of decoded RGB rows becomes the format's rows and
 * goes straight into a streaming PNG encoder, so a mask of any size is rendered with a few strips
 * of memory plus the compressed files.
 *
 * @module
 */

import { classPalette, type ClassTable } from "../detect/class_table.ts";
import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import type { RgbRows, RowConversion } from "../png/png_rows.ts";
import { colourTableOf, recolourRows } from "../raster/semantic_mapping.ts";
import type { ImageSize } from "../detect/mask_of.ts";
import type { MaskFormat, RenderedFile } from "./mask_format.ts";
import { type PanopticSegment, PanopticSegments, panopticTables } from "./panoptic_segments.ts";
import { binaryRenderer } from "./_binary_renderer.ts";
import { fileOf, type HashingEncoder, hashingEncoder, rgbEncoder } from "./_hashing_encoder.ts";

/** The zlib level of the single-channel formats (`encodeGreyPng`'s default), with `"zlib"`. */
const GREY_LEVEL = 6;

/** What the renderer needs besides the rows. */
export interface MaskRowsOptions {
  /** The format. */
  format: MaskFormat;
  /** The project's classes (class-index, palette, binary). */
  table: ClassTable;
  /** `rgb` only: colours by bChannel, from the semantic mapping. */
  colourByBChannel?: ReadonlyMap<number, RgbColour>;
  /** `panoptic`: the class indices that are stuff (one segment per class). */
  stuffClasses?: readonly number[];
  /**
   * The deflate encoder of the formats but `rgb` (see `PngRowEncoderOptions.deflater`): the
   * mask-row encoder by default; `"zlib"` writes the files of before (level 6), the same pixels.
   */
  deflater?: "zlib" | "mask-rows";
}

/** Takes a mask's rows, top to bottom, and gives its format's files at the end. */
export interface MaskRowsRenderer {
  /**
   * Renders the next strip of rows.
   *
   * @param rows The strip; `rgb` recolours its bytes in place.
   */
  takeRows(rows: RgbRows): void;
  /**
   * Ends the files.
   *
   * @param labels The ids of the labels present (binary: which labels get a file).
   * @returns The files to write.
   */
  end(labels: readonly string[]): RenderedFile[];
  /** Gives zlib's state back, when the mask is abandoned. Safe to call after `end`. */
  close(): void;
  /** `panoptic`: the segments of the rows taken, for `panoptic.json`. */
  segments?(): PanopticSegment[];
}

/**
 * Starts rendering a mask of this size in a format (see `renderMask` for what each holds).
 *
 * @param file The task's mask path (`<name>.png`).
 * @param size The mask's size.
 * @param options The format, classes and mapping.
 * @returns The renderer.
 */
export function maskRowsRenderer(
  file: string,
  size: ImageSize,
  options: MaskRowsOptions,
): MaskRowsRenderer {
  const { width, height } = size;
  const { table } = options;
  // The formats but `rgb` deflate with the mask-row encoder (`rgb` comes here only for masks that
  // are not PNGs of the fast flavours; its files stay those zlib writes).
  const deflater = options.deflater ?? "mask-rows";
  const encoder = (bitDepth: 8 | 16, palette?: Uint8Array) =>
    hashingEncoder({
      width,
      height,
      bitDepth,
      colourType: palette ? 3 : 0,
      palette,
      level: GREY_LEVEL,
      deflater,
    });
  switch (options.format) {
    case "rgb": {
      const colours = options.colourByBChannel;
      const colourTable = colours && colours.size > 0 ? colourTableOf(colours) : undefined;
      const rgb = rgbEncoder(size);
      return single(file, rgb, (rows) => colourTable ? recolourRows(rows, colourTable) : rows);
    }
    case "class-index":
    case "palette": {
      const palette = options.format === "palette" ? classPalette(table) : undefined;
      return single(file, encoder(8, palette), indexRows(table.indexByBChannel), 1, true);
    }
    case "instance":
      return single(file, encoder(16), instanceRows, 2, true);
    case "binary":
      return binaryRenderer(file, table, () => encoder(8));
    case "panoptic":
      return panopticRenderer(file, size, table, { ...options, deflater });
  }
}

/** `class-index` and `palette` rows: 0 where red is 0, else the class index of blue. */
function indexRows(byB: Uint8Array) {
  return (rows: Uint8Array, target: Uint8Array): Uint8Array => {
    for (let i = 0, p = 0; i < rows.length; i += 3, p++) {
      target[p] = rows[i] === 0 ? 0 : byB[rows[i + 2]];
    }
    return target.subarray(0, rows.length / 3);
  };
}

/** `instance` rows: 16-bit big-endian, a high byte of 0, then the instance id R. */
function instanceRows(rows: Uint8Array, target: Uint8Array): Uint8Array {
  for (let i = 0, p = 0; i < rows.length; i += 3, p += 2) {
    target[p] = 0;
    target[p + 1] = rows[i];
  }
  return target.subarray(0, (rows.length / 3) * 2);
}

/**
 * How the rows of a format are best converted where they are read (`openMaskRows`' `convert`):
 * `class-index` and `palette` rows of class indices, `instance` rows of 16-bit instance ids,
 * `binary` each pixel's label, `panoptic` its RGB rows and their runs; none for `rgb`.
 *
 * @param options The format and classes.
 * @returns The conversion, or `undefined`.
 */
export function rowConversionOf(options: MaskRowsOptions): RowConversion | undefined {
  switch (options.format) {
    case "class-index":
    case "palette":
      return { kind: "index", byBChannel: options.table.indexByBChannel };
    case "instance":
      return { kind: "instance16" };
    case "binary":
      // Labels as bytes cannot tell bChannel 0 from "none": such a table's masks come from RGB.
      return options.table.labelByBChannel[0] === undefined ? { kind: "labels" } : undefined;
    case "panoptic":
      return { kind: "panoptic", ...panopticTables(options.table, options.stuffClasses ?? []) };
    default:
      return undefined;
  }
}

/**
 * `panoptic`: 8-bit RGB rows whose `R + 256·G + 256²·B` is the segment id, and the segments seen
 * ({@linkcode PanopticSegments}).
 */
function panopticRenderer(
  file: string,
  size: ImageSize,
  table: ClassTable,
  options: { stuffClasses?: readonly number[]; deflater: "zlib" | "mask-rows" },
): MaskRowsRenderer {
  const { width } = size;
  const stuffClasses = options.stuffClasses ?? [];
  const found = new PanopticSegments(table, { stuffClasses, width });
  const rgb = rgbEncoder(size, options.deflater);
  const renderer = single(
    file,
    rgb,
    (rows, target, first, repeats) =>
      found.takeRows({ data: rows, first, count: rows.length / 3 / width, repeats }, target),
  );
  return {
    ...renderer,
    takeRows(rows) {
      // Rows the kernels made, with their runs: only the runs are read here.
      const runs = rows.converted?.runs;
      if (runs === undefined) return renderer.takeRows(rows);
      found.takeRuns(runs, rows.first, rows.count);
      rgb.writeScanlines(rows.converted!);
    },
    segments: () => found.segments(),
  };
}

/**
 * A format of one file whose rows are made from each strip by `convert`. Given the format's bytes
 * a pixel, a row known to repeat the row above is copied from it, not converted again (`convert`
 * must then make zeros of black pixels, and take any run of rows). With `takesConverted`, rows
 * the reader converted already (as {@linkcode rowConversionOf} asks) are written as they come.
 */
function single(
  file: string,
  encoder: HashingEncoder,
  convert: (
    rows: Uint8Array,
    target: Uint8Array,
    first: number,
    repeats?: Uint8Array,
  ) => Uint8Array,
  pixelBytes?: number,
  takesConverted = false,
): MaskRowsRenderer {
  let target = new Uint8Array(0);
  /** The last row made (zeros above the first). */
  let last = new Uint8Array(0);
  return {
    takeRows(rows) {
      // Rows the reader converted are written as they come: their RGB is never read (or packed).
      if (takesConverted && rows.converted) return encoder.writeScanlines(rows.converted);
      const { data, first, count, repeats } = rows;
      // At most 3 bytes a pixel (panoptic), as many as the strip's RGB.
      if (target.length < data.length) target = new Uint8Array(data.length);
      if (pixelBytes === undefined || repeats === undefined || count === 0) {
        return encoder.writeRows(convert(data, target, first, repeats), repeats);
      }
      const inRow = data.length / count;
      const outRow = (inRow / 3) * pixelBytes;
      if (last.length !== outRow) last = new Uint8Array(outRow);
      for (let row = 0; row < count;) {
        if (repeats[row] === 1) {
          target.set(
            row === 0 ? last : target.subarray((row - 1) * outRow, row * outRow),
            row * outRow,
          );
          row++;
          continue;
        }
        let end = row + 1;
        while (end < count && repeats[end] !== 1) end++;
        const rows = data.subarray(row * inRow, end * inRow);
        convert(rows, target.subarray(row * outRow, end * outRow), first + row);
        row = end;
      }
      last.set(target.subarray((count - 1) * outRow, count * outRow));
      encoder.writeRows(target.subarray(0, count * outRow), repeats);
    },
    end: () => [fileOf(file, encoder)],
    close: () => encoder.close(),
  };
}
