import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { classPalette, type ClassTable } from "../detect/class_table.ts";
import { encodeGreyPng } from "../raster/encode_grey_png.ts";
import { encodePng } from "../raster/encode_png.ts";
import type { RgbImage } from "../raster/rgb_image.ts";
import { applySemanticMapping } from "../raster/semantic_mapping.ts";
import type { MaskStats } from "./mask_stats.ts";
import { ConfigError } from "../errors.ts";

/** The kinds of mask file an export can write. */
export type MaskFormat = "rgb" | "class-index" | "palette" | "instance" | "binary";

/** Every mask format, the SDK's `rgb` first. */
export const MASK_FORMATS: readonly MaskFormat[] = [
  "rgb",
  "class-index",
  "palette",
  "instance",
  "binary",
];

/**
 * Reads a mask format's name, as a user typed it.
 *
 * @param text The name, e.g. `class-index`.
 * @returns The mask format.
 * @throws {ConfigError} naming the mask formats when it is none of them.
 *
 * @example
 * ```ts
 * import { parseMaskFormat } from "@lab/masks";
 *
 * console.log(parseMaskFormat("palette")); // "palette"
 * ```
 */
export function parseMaskFormat(text: string): MaskFormat {
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
 *   label's bChannel, else 0.
 *
 * @param image The decoded mask.
 * @param file The task's mask path (`<name>.png`).
 * @param options The format, classes, mapping and statistics.
 * @returns The files to write.
 *
 * @example
 * ```ts
 * import { classTable, maskStats, renderMask } from "@lab/masks";
 *
 * const table = classTable([{ id: "car", bChannel: 1 }]);
 * const image = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 5, 5, 1]) };
 * const stats = maskStats(image, table);
 * const files = await renderMask(image, "a.png", { format: "binary", table, stats });
 * console.log(files.map((file) => file.path)); // ["a/car.png"]
 * ```
 */
export async function renderMask(
  image: RgbImage,
  file: string,
  options: RenderMaskOptions,
): Promise<RenderedFile[]> {
  const { width, height, data } = image;
  const { table } = options;
  switch (options.format) {
    case "rgb": {
      const colours = options.colourByBChannel;
      const mapped = colours && colours.size > 0 ? applySemanticMapping(image, colours) : image;
      return [{ path: file, bytes: await encodePng(mapped) }];
    }
    case "class-index":
    case "palette": {
      const indices = new Uint8Array(width * height);
      const byB = table.indexByBChannel;
      for (let i = 0, p = 0; p < indices.length; i += 3, p++) {
        if (data[i] !== 0) indices[p] = byB[data[i + 2]];
      }
      const palette = options.format === "palette" ? classPalette(table) : undefined;
      return [{
        path: file,
        bytes: await encodeGreyPng({ width, height, data: indices }, { palette }),
      }];
    }
    case "instance": {
      const ids = new Uint16Array(width * height);
      for (let i = 0, p = 0; p < ids.length; i += 3, p++) ids[p] = data[i];
      return [{ path: file, bytes: await encodeGreyPng({ width, height, data: ids }) }];
    }
    case "binary": {
      const stem = file.slice(0, -".png".length);
      const files: RenderedFile[] = [];
      for (const entry of table.classes) {
        if (!options.stats.labels.includes(entry.id)) continue;
        const mask = new Uint8Array(width * height);
        for (let i = 0, p = 0; p < mask.length; i += 3, p++) {
          if (data[i] !== 0 && data[i + 2] === entry.bChannel) mask[p] = 255;
        }
        const bytes = await encodeGreyPng({ width, height, data: mask });
        files.push({ path: `${stem}/${safeFileName(entry.id)}.png`, bytes });
      }
      return files;
    }
  }
}

/** A label id as a file name: anything but letters, digits, `.`, `_` and `-` becomes `_`. */
function safeFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, "_");
  return safe === "" || safe === "." || safe === ".." ? `_${safe}` : safe;
}
