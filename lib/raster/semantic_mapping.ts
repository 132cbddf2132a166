/**
 * Recolours a mask's labels: the SDK's `semantic_mapping`, with every rule judged on the
 * original pixel.
 *
 * @module
 */

import { ConfigError, PngError } from "../errors.ts";
import type { RgbImage } from "../png/rgb_image.ts";

/**
 * Recolours labelled pixels by their label's bChannel and returns a new image; the input is left
 * as it is. A pixel with `R >= 1` whose `B` is a key of `colourByBChannel` takes that colour;
 * every other pixel is copied unchanged. Unlike the SDK, which applies its mappings one after
 * another, every rule is judged on the original pixel, so a new colour whose blue equals another
 * mapped bChannel is not recoloured again (the lab API spec, "What the SDK's mask export
 * does", rule 6). A bChannel of 0 is ignored, as the SDK ignores labels without one.
 *
 * @param image The decoded mask (R = instance id, B = the label's bChannel).
 * @param colourByBChannel The new `[r, g, b]` colour of each label, keyed by its bChannel.
 * @returns The recoloured image.
 * @throws {ConfigError} when a bChannel is not an integer from 0 to 255, or a colour is not three
 * integers from 0 to 255.
 * @throws {PngError} when the image's data length does not match its size.
 *
 * @example Labels 3 and 4 swap colours without being remapped twice
 * ```ts
 * import { applySemanticMapping } from "@lab/masks/raster";
 *
 * const mask = { width: 2, height: 1, data: new Uint8Array([1, 1, 3, 2, 2, 4]) };
 * const colourByBChannel = new Map<number, [number, number, number]>([
 *   [3, [9, 9, 4]],
 *   [4, [7, 7, 3]],
 * ]);
 * console.log([...applySemanticMapping(mask, colourByBChannel).data]); // [9, 9, 4, 7, 7, 3]
 * ```
 */
export function applySemanticMapping(
  image: RgbImage,
  colourByBChannel: ReadonlyMap<number, readonly [number, number, number]>,
): RgbImage {
  const source = image.data;
  if (source.length !== image.width * image.height * 3) {
    throw new PngError(
      `the image data holds ${source.length} bytes; a ${image.width}×${image.height} RGB image needs ${
        image.width * image.height * 3
      }`,
    );
  }
  const data = recolourRows(source.slice(), colourTableOf(colourByBChannel));
  return { width: image.width, height: image.height, data };
}

/**
 * Recolours RGB pixels in place through a colour table: every pixel with `R >= 1` whose B is
 * flagged in the table takes the table's colour. Strip by strip, or a whole image at once.
 *
 * @param pixels RGB pixels, 3 bytes each; changed in place.
 * @param table The table from {@linkcode colourTableOf}.
 * @returns `pixels`.
 *
 * @example
 * ```ts
 * import { colourTableOf, recolourRows } from "./semantic_mapping.ts";
 *
 * const table = colourTableOf(new Map([[7, [9, 8, 6] as const]]));
 * console.log([...recolourRows(new Uint8Array([0, 0, 7, 1, 1, 7]), table)]); // [0, 0, 7, 9, 8, 6]
 * ```
 */
export function recolourRows(pixels: Uint8Array, table: Uint8Array): Uint8Array {
  for (let i = 0; i < pixels.length; i += 3) {
    const entry = pixels[i + 2] * 4;
    if (table[entry] === 1 && pixels[i] >= 1) {
      pixels[i] = table[entry + 1];
      pixels[i + 1] = table[entry + 2];
      pixels[i + 2] = table[entry + 3];
    }
  }
  return pixels;
}

/**
 * Checks a semantic mapping and lays it out as a table of 256 entries of four bytes, one per
 * blue value: a flag (1 when that bChannel is mapped) and the new red, green and blue. bChannel 0
 * is never mapped.
 *
 * @param colourByBChannel The new `[r, g, b]` colour of each label, keyed by its bChannel.
 * @returns The 1,024-byte table.
 * @throws {ConfigError} when a bChannel or a colour is out of range.
 *
 * @example
 * ```ts
 * import { colourTableOf } from "./semantic_mapping.ts";
 *
 * const table = colourTableOf(new Map([[7, [9, 8, 6] as const]]));
 * console.log([...table.subarray(28, 32)]); // [1, 9, 8, 6]
 * ```
 */
export function colourTableOf(
  colourByBChannel: ReadonlyMap<number, readonly [number, number, number]>,
): Uint8Array {
  const table = new Uint8Array(256 * 4);
  for (const [bChannel, colour] of colourByBChannel) {
    if (!isByte(bChannel)) {
      throw new ConfigError(
        `Semantic mapping has bChannel ${bChannel}; a bChannel is an integer from 0 to 255.`,
        { setting: "semanticMapping" },
      );
    }
    if (colour.length !== 3 || !colour.every(isByte)) {
      throw new ConfigError(
        `Semantic mapping colour for bChannel ${bChannel} is ${
          JSON.stringify(colour)
        }; give three integers from 0 to 255, like [255, 0, 0].`,
        { setting: "semanticMapping" },
      );
    }
    if (bChannel !== 0) table.set([1, ...colour], bChannel * 4);
  }
  return table;
}

function isByte(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255;
}
