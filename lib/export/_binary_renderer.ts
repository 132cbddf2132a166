/**
 * The `binary` format's renderer: one mask file per label.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";
import type { RgbRows } from "../png/png_rows.ts";
import type { RenderedFile } from "./mask_format.ts";
import { fileOf, type HashingEncoder } from "./_hashing_encoder.ts";
import { LabelMasks } from "./_label_masks.ts";
import type { MaskRowsRenderer } from "./_mask_rows_renderer.ts";

/**
 * `binary`: one file per label present, whose encoder starts at the strip where the label is
 * first seen, with rows of zeros above it: labels are known only once the last row is read.
 */
export function binaryRenderer(
  file: string,
  table: ClassTable,
  newEncoder: () => HashingEncoder,
): MaskRowsRenderer {
  const masks = new BinaryMasks(table, newEncoder);
  const stem = file.slice(0, -".png".length);
  return {
    takeRows(rows) {
      if (rows.labels && rows.labelMask) masks.takeConverted(rows as ConvertibleRows);
      else masks.takeRgb(rows);
    },
    end(labels) {
      const files: RenderedFile[] = [];
      for (const entry of table.classes) {
        const encoder = masks.encoders.get(entry.bChannel);
        if (!labels.includes(entry.id) || encoder === undefined) continue;
        files.push(fileOf(`${stem}/${safeFileName(entry.id)}.png`, encoder));
      }
      // An encoder whose label is not listed (none, when the labels come from these rows).
      masks.close();
      return files;
    },
    close: () => masks.close(),
  };
}

/** A strip whose reader gives its labels and converts it on demand. */
type ConvertibleRows = RgbRows & Required<Pick<RgbRows, "labels" | "labelMask">>;

/** Each label's encoder, fed strip by strip. */
class BinaryMasks {
  /** By bChannel, the encoder of the label's mask. */
  readonly encoders = new Map<number, HashingEncoder>();
  #table: ClassTable;
  #newEncoder: () => HashingEncoder;
  /** The bChannels with a red above 0 in the strip. */
  #inStrip = new Uint8Array(256);
  #masks: LabelMasks;
  /**
   * The labels with an encoder, in the order they came, each with its mask's last row written
   * (strips the kernels convert): looped over by index, a strip at a time.
   */
  #started: { bChannel: number; encoder: HashingEncoder; above?: Uint8Array }[] = [];

  constructor(table: ClassTable, newEncoder: () => HashingEncoder) {
    this.#table = table;
    this.#newEncoder = newEncoder;
    this.#masks = new LabelMasks(table.labelByBChannel[0] === undefined);
  }

  /** A strip the kernels convert: only which labels it holds is read here. */
  takeConverted(rows: ConvertibleRows): void {
    const inStrip = this.#inStrip;
    inStrip.set(rows.labels.held);
    this.#start(rows.first);
    const started = this.#started;
    for (let i = 0; i < started.length; i++) {
      const { bChannel, encoder } = started[i];
      const last = started[i].above ??= new Uint8Array(rows.labels.bytes.length / rows.count);
      if (inStrip[bChannel] === 0) {
        encoder.writeZeroRows(rows.count);
        last.fill(0);
        continue;
      }
      // The kernel passes over the rows where the label is in neither the row nor the row above.
      const converted = rows.labelMask(bChannel, last);
      encoder.writeScanlines(converted);
      last.set(converted.last);
    }
  }

  /** A strip of RGB rows: each label's mask made here. */
  takeRgb(rows: RgbRows): void {
    const inStrip = this.#inStrip;
    inStrip.fill(0);
    this.#masks.takeStrip(rows.data, inStrip, rows.count, rows.repeats);
    this.#start(rows.first);
    for (const [bChannel, encoder] of this.encoders) {
      // A label not in the strip: rows of zeros, which the encoder takes without reading.
      if (inStrip[bChannel] === 0) encoder.writeZeroRows(rows.count);
      else {
        const { mask, repeats } = this.#masks.of(bChannel);
        encoder.writeRows(mask, repeats);
      }
    }
    this.#masks.endStrip(rows.count);
  }

  /** Gives zlib's state back. */
  close(): void {
    for (const encoder of this.encoders.values()) encoder.close();
  }

  /** Starts the encoder of each label first seen in the strip from row `first`, zeros above. */
  #start(first: number): void {
    for (let b = 0; b < 256; b++) {
      if (this.#inStrip[b] === 0 || this.encoders.has(b)) continue;
      if (this.#table.labelByBChannel[b] === undefined) continue;
      const encoder = this.#newEncoder();
      encoder.writeZeroRows(first);
      this.encoders.set(b, encoder);
      this.#started.push({ bChannel: b, encoder });
    }
  }
}

/** A label id as a file name: anything but letters, digits, `.`, `_` and `-` becomes `_`. */
function safeFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, "_");
  return safe === "" || safe === "." || safe === ".." ? `_${safe}` : safe;
}
