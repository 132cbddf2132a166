import type { ClassTable } from "../detect/class_table.ts";
import type { MaskSamples } from "../raster/mask_sampler.ts";
import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";

/** The colour of unlabelled pixels in thumbnails: a neutral dark grey every label shows on. */
export const BACKGROUND_COLOUR: RgbColour = [48, 48, 52];

/** The colour of labelled pixels whose bChannel no label has: white, which no palette uses. */
export const UNKNOWN_COLOUR: RgbColour = [255, 255, 255];

/** A thumbnail as palette indices, and what its samples hold. */
export interface ColouredThumbnail {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** `width * height` palette indices: 0 background, a class's index, or the last entry (unknown). */
  data: Uint8Array;
  /** The palette, three bytes per entry: background, each class's colour, the unknown colour. */
  palette: Uint8Array;
  /** How many samples are labelled. */
  labelled: number;
  /** How many samples each label has, by label id (labels present only). */
  samplesByLabel: Record<string, number>;
}

/**
 * Colours a mask's thumbnail samples with the labels' configured colours over a neutral
 * background, and counts the samples of each label (the labelled-pixel shares of the report).
 *
 * @param samples The thumbnail's samples (0 unlabelled, else `1 + B`).
 * @param table The project's class table.
 * @returns The palette image and its counts.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { colourThumbnail } from "@lab/masks/report";
 *
 * const table = classTable([{ id: "car", color: "#ff0000", bChannel: 7 }]);
 * const samples = { width: 3, height: 1, codes: new Uint16Array([0, 8, 8]) };
 * const thumbnail = colourThumbnail(samples, table);
 * console.log(thumbnail.data, thumbnail.samplesByLabel); // Uint8Array(3) [ 0, 1, 1 ] { car: 2 }
 * ```
 */
export function colourThumbnail(samples: MaskSamples, table: ClassTable): ColouredThumbnail {
  const { width, height, codes } = samples;
  // Above every class index: a pinned map's indices may leave gaps.
  const unknown = Math.max(0, ...table.classes.map((entry) => entry.index)) + 1;
  const palette = new Uint8Array((unknown + 1) * 3);
  palette.set(BACKGROUND_COLOUR, 0);
  for (const entry of table.classes) palette.set(entry.colour, entry.index * 3);
  palette.set(UNKNOWN_COLOUR, unknown * 3);
  // Palette index by code (1 + B): a class's index, or the unknown entry.
  const indexByCode = new Uint8Array(257);
  for (let b = 0; b < 256; b++) {
    const index = table.indexByBChannel[b];
    indexByCode[b + 1] = table.labelByBChannel[b] === undefined ? unknown : index;
  }
  const data = new Uint8Array(codes.length);
  const counts = new Uint32Array(unknown + 1);
  for (let i = 0; i < codes.length; i++) {
    const index = indexByCode[codes[i]];
    data[i] = index;
    counts[index]++;
  }
  const samplesByLabel: Record<string, number> = {};
  for (const entry of table.classes) {
    if (counts[entry.index] > 0) samplesByLabel[entry.id] = counts[entry.index];
  }
  return { width, height, data, palette, labelled: codes.length - counts[0], samplesByLabel };
}
