/**
 * The chunk layout of a PNG: IHDR first, PLTE when needed, consecutive IDATs, IEND last.
 *
 * @module
 */

import { PngError } from "../errors.ts";
import { readChunks } from "./_chunks.ts";
import { concatenate } from "../concatenate.ts";
import { parseHeader, type PngHeader } from "./_png_header.ts";

/** What the decoder needs from a PNG's chunks. */
export interface PngStructure {
  /** The validated header. */
  header: PngHeader;
  /** The PLTE chunk's data (3 bytes per entry), or `undefined` when the file has none. */
  palette?: Uint8Array;
  /** The concatenated data of every IDAT chunk: one zlib stream. */
  compressed: Uint8Array;
  /** The types of the other chunks before IEND (`tEXt`, `gAMA`...), in file order. */
  ancillary: string[];
  /** What was wrong but read anyway: ancillary chunks skipped for a bad CRC. */
  warnings: string[];
}

/** Options of {@linkcode readPngStructure}. */
export interface ReadPngStructureOptions {
  /** Refuse images with more pixels than this, as soon as IHDR is read. */
  maxPixels: number;
}

const KNOWN_CRITICAL_CHUNKS = new Set(["IHDR", "PLTE", "IDAT", "IEND"]);

/**
 * Checks the chunk layout of a PNG and gathers its header, palette and image data.
 *
 * @param bytes The whole PNG file.
 * @param options The pixel limit.
 * @returns The header, the palette if any, and the zlib stream of the image data.
 * @throws {PngError} when a chunk is corrupt, missing, misplaced or unknown and critical.
 *
 * @example
 * ```ts ignore
 * import { readPngStructure } from "./_png_structure.ts";
 *
 * const { header } = readPngStructure(await Deno.readFile("mask.png"), { maxPixels: 1e8 });
 * ```
 */
export function readPngStructure(
  bytes: Uint8Array,
  options: ReadPngStructureOptions,
): PngStructure {
  let header: PngHeader | undefined;
  let palette: Uint8Array | undefined;
  const imageData: Uint8Array[] = [];
  const ancillary: string[] = [];
  const warnings: string[] = [];
  let idatEnded = false;
  let ended = false;
  for (const chunk of readChunks(bytes, (warning) => warnings.push(warning))) {
    const { type, data } = chunk;
    if (header === undefined) {
      if (type !== "IHDR") {
        throw new PngError(`the PNG starts with chunk "${type}" instead of IHDR`);
      }
      header = parseHeader(data, options);
      continue;
    }
    if (imageData.length > 0 && type !== "IDAT") idatEnded = true;
    if (type === "IEND") {
      ended = true;
      break;
    }
    if (type === "IDAT") {
      if (idatEnded) {
        throw new PngError(
          `the PNG's IDAT chunks are not consecutive (another at byte ${chunk.offset})`,
        );
      }
      imageData.push(data);
    } else if (type === "PLTE") {
      palette = checkedPalette(chunk.data, { seen: palette, afterIdat: imageData.length > 0 });
    } else if (type === "IHDR") {
      throw new PngError(`the PNG has a second IHDR chunk at byte ${chunk.offset}`);
    } else if (isCritical(type) && !KNOWN_CRITICAL_CHUNKS.has(type)) {
      throw new PngError(
        `the PNG has an unknown critical chunk "${type}" that this decoder cannot read`,
      );
    } else ancillary.push(type);
  }
  if (header === undefined) throw new PngError("the PNG has no chunks: it is truncated");
  if (imageData.length === 0) {
    throw new PngError("the PNG has no IDAT chunk: it holds no image data");
  }
  if (!ended) throw new PngError("the PNG has no IEND chunk: it is truncated");
  if (header.colourType === 3 && palette === undefined) {
    throw new PngError("the PNG has colour type 3 (palette) but no PLTE chunk");
  }
  // Grey images cannot use a palette; libpng ignores one, and so do we.
  if (header.colourType === 0 || header.colourType === 4) palette = undefined;
  return { header, palette, compressed: concatenate(imageData), ancillary, warnings };
}

function isCritical(type: string): boolean {
  return (type.charCodeAt(0) & 0x20) === 0;
}

function checkedPalette(
  data: Uint8Array,
  context: { seen?: Uint8Array; afterIdat: boolean },
): Uint8Array {
  if (context.seen !== undefined) throw new PngError("the PNG has more than one PLTE chunk");
  if (context.afterIdat) throw new PngError("the PNG's PLTE chunk comes after its image data");
  if (data.length === 0 || data.length % 3 !== 0 || data.length > 256 * 3) {
    throw new PngError(
      `the PNG's PLTE chunk holds ${data.length} bytes; it must hold 1 to 256 entries of 3 bytes`,
    );
  }
  return data;
}
