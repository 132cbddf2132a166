import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import type { ClassTable } from "../detect/class_table.ts";
import type { RgbImage } from "../png/rgb_image.ts";
import { maskRowsRenderer } from "./_mask_rows_renderer.ts";
import type { MaskStats } from "../model/mask_stats.ts";
import { ConfigError } from "../errors.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

/** The kinds of mask file an export can write. */
export type MaskFormat = "rgb" | "class-index" | "palette" | "instance" | "binary" | "panoptic";

/** Every mask format, the SDK's `rgb` first. */
export const MASK_FORMATS: readonly MaskFormat[] = [
  "rgb",
  "class-index",
  "palette",
  "instance",
  "binary",
  "panoptic",
];

/**
 * Reads a mask format's name, as a user typed it.
 *
 * @param text The name, e.g. `class-index`.
 * @returns The mask format.
 * @throws {ConfigError} naming the mask formats when it is none of them.
 * @throws {TypeError} when `text` is not a string.
 *
 * @example
 * ```ts
 * import { parseMaskFormat } from "@lab/masks/export";
 *
 * console.log(parseMaskFormat("palette")); // "palette"
 * ```
 */
export function parseMaskFormat(text: string): MaskFormat {
  checkArgumentType(text, "text", TEXT);
  const format = MASK_FORMATS.find((known) => known === text);
  if (format === undefined) {
    throw new ConfigError(
      `The mask format "${text}" is unknown; choose one of ${MASK_FORMATS.join(", ")}`,
      { setting: "maskFormat" },
    );
  }
  return format;
}

/** One file to write for a task. */
export interface RenderedFile {
  /** The path relative to the export folder, with `/` separators. */
  path: string;
  /** The PNG's bytes. */
  bytes: Uint8Array;
  /** The SHA-256 of its pixels in the canonical form (see `PixelDigest`), in hex. */
  pixelSha256?: string;
}

/** Options of {@linkcode renderMask}. */
export interface RenderMaskOptions {
  /** The format. */
  format: MaskFormat;
  /** The project's classes (class-index, palette, binary). */
  table: ClassTable;
  /** `rgb` only: colours by bChannel, from the semantic mapping. */
  colourByBChannel?: ReadonlyMap<number, RgbColour>;
  /** The mask's statistics (binary: which labels get a file). */
  stats: MaskStats;
  /** `panoptic`: the class indices that are stuff. @default {[]} */
  stuffClasses?: readonly number[];
}

/**
 * Turns a decoded mask into the file(s) of a mask format. From the platform's convention
 * (`R` = instance id, `B` = the label's bChannel, `R = 0` background):
 *
 * - `rgb`: the SDK's 8-bit RGB PNG, recoloured by the semantic mapping if any;
 * - `class-index`: 8-bit grey; 0 where `R = 0`, else the class index of bChannel `B`, or the ignore
 *   index when no label has `B`;
 * - `palette`: the same indices as an indexed PNG coloured with the labels' colours;
 * - `instance`: 16-bit grey; 0 where `R = 0`, else the instance id `R`;
 * - `binary`: per label present, `<name>/<label id>.png`, 8-bit, 255 where `R >= 1` and `B` is the
 *   label's bChannel, else 0;
 * - `panoptic`: COCO panoptic, 8-bit RGB whose `R + 256·G + 256²·B` is the segment id: `R` (0 for
 *   a stuff class), the class index of `B` in green, 0 in blue; 0 where `R = 0` or `B` is no
 *   label's bChannel (see `PanopticSegments`).
 *
 * @param image The decoded mask.
 * @param file The task's mask path (`<name>.png`).
 * @param options The format, classes, mapping and statistics.
 * @returns The files to write.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { maskStats, renderMask } from "@lab/masks/export";
 *
 * const table = classTable([{ id: "car", bChannel: 1 }]);
 * const image = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 5, 5, 1]) };
 * const stats = maskStats(image, table);
 * const files = await renderMask(image, "a.png", { format: "binary", table, stats });
 * console.log(files.map((file) => file.path)); // ["a/car.png"]
 * ```
 */
// deno-lint-ignore require-await -- async so that every error is a rejection, as documented.
export async function renderMask(
  image: RgbImage,
  file: string,
  options: RenderMaskOptions,
): Promise<RenderedFile[]> {
  const { width, height } = image;
  const renderer = maskRowsRenderer(file, { width, height }, options);
  try {
    // The whole image is one strip; `rgb` recolours its rows in place, so it gets a copy.
    const data = options.format === "rgb" ? image.data.slice() : image.data;
    renderer.takeRows({ data, first: 0, count: height });
    return renderer.end(options.stats.labels);
  } finally {
    renderer.close();
  }
}
