/**
 * The mask formats, strip by strip: each strip of decoded RGB rows becomes the format's rows and
 * goes straight into a streaming PNG encoder, so a mask of any size is rendered with a few strips
 * of memory plus the compressed files.
 *
 * @module
 */

import { classPalette, type ClassTable } from "../detect/class_table.ts";
import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { PngRowEncoder, type PngRowEncoderOptions } from "../png/png_row_encoder.ts";
import { PixelDigest, pixelLayoutOf } from "../png/pixel_digest.ts";
import type { RgbRows } from "../png/png_rows.ts";
import { DEFAULT_ZLIB_LEVEL } from "../png/encode_png.ts";
import { colourTableOf, recolourRows } from "../raster/semantic_mapping.ts";
import type { ImageSize } from "../detect/mask_of.ts";
import type { MaskFormat, RenderedFile } from "./mask_format.ts";
import { type PanopticSegment, PanopticSegments } from "./panoptic_segments.ts";

/** The zlib level of the single-channel formats (`encodeGreyPng`'s default). */
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
  const encoder = (bitDepth: 8 | 16, palette?: Uint8Array, level = GREY_LEVEL) =>
    hashingEncoder({ width, height, bitDepth, colourType: palette ? 3 : 0, palette, level });
  switch (options.format) {
    case "rgb": {
      const colours = options.colourByBChannel;
      const colourTable = colours && colours.size > 0 ? colourTableOf(colours) : undefined;
      const rgb = hashingEncoder({
        width,
        height,
        bitDepth: 8,
        colourType: 2,
        level: DEFAULT_ZLIB_LEVEL,
      });
      return single(file, rgb, (rows) => colourTable ? recolourRows(rows, colourTable) : rows);
    }
    case "class-index":
    case "palette": {
      const palette = options.format === "palette" ? classPalette(table) : undefined;
      const byB = table.indexByBChannel;
      return single(file, encoder(8, palette), (rows, target) => {
        for (let i = 0, p = 0; i < rows.length; i += 3, p++) {
          target[p] = rows[i] === 0 ? 0 : byB[rows[i + 2]];
        }
        return target.subarray(0, rows.length / 3);
      });
    }
    case "instance":
      return single(file, encoder(16), (rows, target) => {
        // 16-bit big-endian: a high byte of 0, then the instance id R.
        for (let i = 0, p = 0; i < rows.length; i += 3, p += 2) {
          target[p] = 0;
          target[p + 1] = rows[i];
        }
        return target.subarray(0, (rows.length / 3) * 2);
      });
    case "binary":
      return binaryRenderer(file, table, () => encoder(8));
    case "panoptic":
      return panopticRenderer(file, size, table, options.stuffClasses ?? []);
  }
}

/** An encoder that also hashes its pixels in the canonical form. */
interface HashingEncoder extends PngRowEncoder {
  digest: PixelDigest;
}

/** A row encoder whose rows also go to a {@linkcode PixelDigest}. */
function hashingEncoder(options: Omit<PngRowEncoderOptions, "pixels">): HashingEncoder {
  const layout = pixelLayoutOf(options.colourType, options.bitDepth)!;
  const digest = new PixelDigest({ ...options, layout });
  return Object.assign(new PngRowEncoder({ ...options, pixels: digest }), { digest });
}

/** Ends an encoder's file: its bytes and the digest of its pixels. */
function fileOf(path: string, encoder: HashingEncoder): RenderedFile {
  const bytes = encoder.end();
  return { path, bytes, pixelSha256: encoder.digest.hex() };
}

/**
 * `panoptic`: 8-bit RGB rows whose `R + 256·G + 256²·B` is the segment id, and the segments seen
 * ({@linkcode PanopticSegments}).
 */
function panopticRenderer(
  file: string,
  size: ImageSize,
  table: ClassTable,
  stuffClasses: readonly number[],
): MaskRowsRenderer {
  const { width, height } = size;
  const found = new PanopticSegments(table, { stuffClasses, width });
  const rgb = hashingEncoder({
    width,
    height,
    bitDepth: 8,
    colourType: 2,
    level: DEFAULT_ZLIB_LEVEL,
  });
  const renderer = single(
    file,
    rgb,
    (rows, target, first) =>
      found.takeRows({ data: rows, first, count: rows.length / 3 / width }, target),
  );
  return { ...renderer, segments: () => found.segments() };
}

/** A format of one file whose rows are made from each strip by `convert`. */
function single(
  file: string,
  encoder: HashingEncoder,
  convert: (rows: Uint8Array, target: Uint8Array, first: number) => Uint8Array,
): MaskRowsRenderer {
  let target = new Uint8Array(0);
  return {
    takeRows({ data, first }) {
      // At most 3 bytes a pixel (panoptic), as many as the strip's RGB.
      if (target.length < data.length) target = new Uint8Array(data.length);
      encoder.writeRows(convert(data, target, first));
    },
    end: () => [fileOf(file, encoder)],
    close: () => encoder.close(),
  };
}

/**
 * `binary`: one file per label present, whose encoder starts at the strip where the label is
 * first seen, with rows of zeros above it: labels are known only once the last row is read.
 */
function binaryRenderer(
  file: string,
  table: ClassTable,
  newEncoder: () => HashingEncoder,
): MaskRowsRenderer {
  const encoders = new Map<number, HashingEncoder>();
  const seen = new Uint8Array(256);
  const masks = new LabelMasks(table.labelByBChannel[0] === undefined);
  const stem = file.slice(0, -".png".length);
  return {
    takeRows({ data, first }) {
      masks.takeStrip(data, seen);
      for (let b = 0; b < 256; b++) {
        if (seen[b] === 0 || encoders.has(b) || table.labelByBChannel[b] === undefined) continue;
        const encoder = newEncoder();
        encoder.writeZeroRows(first);
        encoders.set(b, encoder);
      }
      for (const [bChannel, encoder] of encoders) encoder.writeRows(masks.of(bChannel));
    },
    end(labels) {
      const files: RenderedFile[] = [];
      for (const entry of table.classes) {
        const encoder = encoders.get(entry.bChannel);
        if (!labels.includes(entry.id) || encoder === undefined) continue;
        files.push(fileOf(`${stem}/${safeFileName(entry.id)}.png`, encoder));
      }
      // An encoder whose label is not listed (none, when the labels come from these rows).
      for (const encoder of encoders.values()) encoder.close();
      return files;
    },
    close() {
      for (const encoder of encoders.values()) encoder.close();
    },
  };
}

/**
 * The binary masks of a strip, one label at a time: each pixel's label (its bChannel, 0 where
 * red is 0) is read once per strip, then each label's mask is made four pixels at a time (the
 * bytes of a word equal to the label become 255, the others 0). When a label has bChannel 0,
 * which the per-strip labels cannot tell from "none", each mask is made from the RGB rows.
 */
class LabelMasks {
  #words: boolean;
  #labels = new Int32Array(0);
  #labelBytes = new Uint8Array(0);
  #mask = new Int32Array(0);
  #maskBytes = new Uint8Array(0);
  #data: Uint8Array = new Uint8Array(0);
  #pixels = 0;

  constructor(words: boolean) {
    this.#words = words;
  }

  /** Takes a strip of RGB rows, marking in `seen` each bChannel with a red above 0. */
  takeStrip(data: Uint8Array, seen: Uint8Array): void {
    const pixels = data.length / 3;
    this.#data = data;
    this.#pixels = pixels;
    if (this.#mask.length * 4 < pixels) {
      this.#labels = new Int32Array(Math.ceil(pixels / 4));
      this.#labelBytes = new Uint8Array(this.#labels.buffer);
      this.#mask = new Int32Array(this.#labels.length);
      this.#maskBytes = new Uint8Array(this.#mask.buffer);
    }
    if (!this.#words) {
      for (let i = 0; i < data.length; i += 3) if (data[i] !== 0) seen[data[i + 2]] = 1;
      return;
    }
    const labels = this.#labelBytes;
    for (let i = 0, p = 0; i < data.length; i += 3, p++) {
      const label = data[i] === 0 ? 0 : data[i + 2];
      labels[p] = label;
      seen[label] = 1;
    }
    // The pixels past the strip's end in the last word: no label.
    labels.fill(0, pixels, Math.ceil(pixels / 4) * 4);
  }

  /** The strip's mask of the label with `bChannel`: 255 on its pixels, 0 elsewhere. */
  of(bChannel: number): Uint8Array {
    const mask = this.#maskBytes.subarray(0, this.#pixels);
    if (!this.#words) {
      const data = this.#data;
      for (let i = 0, p = 0; i < data.length; i += 3, p++) {
        mask[p] = data[i] !== 0 && data[i + 2] === bChannel ? 255 : 0;
      }
      return mask;
    }
    const labels = this.#labels;
    const words = this.#mask;
    const repeated = Math.imul(bChannel, 0x01010101);
    for (let w = 0, end = Math.ceil(this.#pixels / 4); w < end; w++) {
      const x = labels[w] ^ repeated;
      // A byte of x is 0 where the label is: its high bit stays clear in `t` alone.
      const t = (((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
      words[w] = Math.imul((~t & 0x80808080) >>> 7, 255);
    }
    return mask;
  }
}

/** A label id as a file name: anything but letters, digits, `.`, `_` and `-` becomes `_`. */
function safeFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, "_");
  return safe === "" || safe === "." || safe === ".." ? `_${safe}` : safe;
}
