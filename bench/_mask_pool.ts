/**
 * Benchmark data: a small pool of distinct 1920×1080-style masks, encoded once and reused across
 * thousands of tasks, so generating a large project takes seconds, not minutes.
 *
 * @module
 */

import { deflateSync } from "node:zlib";
import { PNG_SIGNATURE, writeChunk } from "../lib/png/_chunks.ts";
import { filterScanlines } from "../lib/png/_filter.ts";
import { encodePng } from "../lib/png/encode_png.ts";
import { encodeDataUri } from "../lib/raster/mask_data_uri.ts";
import { drawMask, type MaskInstance, type RgbaImage } from "../testing/mask_png.ts";
import { seededRandom } from "../testing/seeded_random.ts";
import { repeatedRowShare, streetScene } from "./_realistic_scene.ts";

/** How the pool's masks are drawn: street scenes as people annotate them, or rectangles and discs. */
export type BenchScene = "realistic" | "rectangles";

/** One mask of the pool, as the platform stores it. */
export interface PooledMask {
  /** `"rgba"` as a browser canvas writes it, or `"rgb"` as other tools do. */
  flavour: "rgba" | "rgb";
  /** How many labelled instances it holds. */
  instances: number;
  /** The `data:image/png;base64,...` URI. */
  uri: string;
  /** The share of its rows equal to the row above (0 to 1). */
  repeatedRows: number;
}

/** Options of {@linkcode maskPool}. */
export interface MaskPoolOptions {
  /** Mask width in pixels. Default: 1920. */
  width?: number;
  /** Mask height in pixels. Default: 1080. */
  height?: number;
  /** How many distinct masks. Default: 24. */
  count?: number;
  /** How the masks are drawn. Default: `"realistic"`. */
  scene?: BenchScene;
}

/** The bChannels of the benchmark project's labels (car, person, road, sign). */
export const BENCH_BCHANNELS: readonly number[] = [1, 2, 3, 4];

/**
 * Draws and encodes a pool of distinct masks: two in three are RGBA (background alpha 0, written
 * with libpng's defaults, adaptive filters at zlib level 6, as a canvas does), one in three RGB.
 * `realistic` masks are street scenes (`_realistic_scene.ts`): a road and 0 to 7 medium objects
 * outlined as polygons, then small regions and brush strokes; `rectangles` masks have 1 to 8
 * instances of rectangles and discs.
 *
 * @param options The mask size and the pool size.
 * @returns The masks, in a fixed (seeded) order.
 */
export async function maskPool(options: MaskPoolOptions = {}): Promise<PooledMask[]> {
  const { width = 1920, height = 1080, count = 24, scene = "realistic" } = options;
  const random = seededRandom(7);
  const pool: PooledMask[] = [];
  for (let k = 0; k < count; k++) {
    const instances = 1 + (k % 8);
    const mask = scene === "realistic"
      ? streetScene({ width, height }, instances, random)
      : drawMask({ width, height }, sceneOf(instances, { width, height, random }));
    const flavour = k % 3 === 2 ? "rgb" : "rgba";
    const png = flavour === "rgba" ? canvasPng(mask) : await encodePng(dropAlpha(mask));
    const repeatedRows = repeatedRowShare(mask);
    pool.push({ flavour, instances: instancesOf(mask), uri: encodeDataUri(png), repeatedRows });
  }
  return pool;
}

interface Scene {
  width: number;
  height: number;
  random: () => number;
}

/** A road-like band for the first instance, then boxes and discs of other labels. */
function sceneOf(count: number, { width, height, random }: Scene): MaskInstance[] {
  const instances: MaskInstance[] = [];
  for (let id = 1; id <= count; id++) {
    const bChannel = BENCH_BCHANNELS[(id - 1) % BENCH_BCHANNELS.length];
    if (id === 1) {
      const top = Math.floor(height * (0.55 + 0.2 * random()));
      instances.push({ id, bChannel: 3, rect: [0, top, width, height] });
      continue;
    }
    const w = Math.floor(width * (0.05 + 0.25 * random()));
    const h = Math.floor(height * (0.05 + 0.3 * random()));
    const x = Math.floor((width - w) * random());
    const y = Math.floor((height - h) * random());
    const r = Math.floor(Math.min(w, h) / 2);
    instances.push(
      random() < 0.5
        ? { id, bChannel, rect: [x, y, x + w, y + h] }
        : { id, bChannel, rect: [x, y + r, x + w, y + h], circle: [x + r, y + r, r] },
    );
  }
  return instances;
}

/** An RGBA PNG as libpng writes it by default: adaptive filters, zlib level 6. */
function canvasPng(image: RgbaImage): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  header.set([8, 6, 0, 0, 0], 8);
  const lines = filterScanlines(image.data, {
    rowBytes: image.width * 4,
    bytesPerPixel: 4,
    filter: "adaptive",
  });
  const chunks = [
    PNG_SIGNATURE,
    writeChunk("IHDR", header),
    writeChunk("IDAT", deflateSync(lines, { level: 6 })),
    writeChunk("IEND", new Uint8Array(0)),
  ];
  const png = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((offset, chunk) => (png.set(chunk, offset), offset + chunk.length), 0);
  return png;
}

/** How many instances (distinct red values above 0) a mask holds. */
function instancesOf(image: RgbaImage): number {
  const seen = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) if (image.data[i] > 0) seen.add(image.data[i]);
  return seen.size;
}

function dropAlpha(image: RgbaImage): { width: number; height: number; data: Uint8Array } {
  const pixels = image.width * image.height;
  const data = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels * 4; i += 4, j += 3) {
    data[j] = image.data[i];
    data[j + 1] = image.data[i + 1];
    data[j + 2] = image.data[i + 2];
  }
  return { width: image.width, height: image.height, data };
}
