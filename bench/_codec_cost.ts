/**
 * Ratio 2: the CPU one mask costs, ours against a native codec (`sharp`, libvips) on the same
 * masks, measured on this thread, alternating the contenders mask by mask so machine noise hits
 * them alike. Ours is the export's whole job for a mask (`runMaskJob`: decode, statistics,
 * encode, hash), which does more than the yardstick's decode and encode. Also the written files' sizes against the SDK's (OpenCV's defaults: Sub filter, zlib
 * level 1 with the RLE strategy).
 *
 * @module
 */

import { constants, deflateSync } from "node:zlib";
import { Buffer } from "node:buffer";
import { runMaskJob } from "../lib/export/_mask_job.ts";
import { classTable } from "../lib/detect/class_table.ts";
import { MASK_FORMATS, type MaskFormat } from "../lib/export/mask_format.ts";
import { convertMask } from "../lib/export/convert_mask.ts";
import { filterScanlines } from "../lib/png/_filter.ts";
import { decodePng } from "../lib/png/decode_png.ts";
import { encodePng } from "../lib/png/encode_png.ts";
import { decodeDataUri } from "../lib/raster/mask_data_uri.ts";
import { applySemanticMapping } from "../lib/raster/semantic_mapping.ts";
import { BENCH_LABELS, BENCH_MAPPING } from "./_bench_project.ts";
import type { PooledMask } from "./_mask_pool.ts";
import { colourTable, transcode } from "./_sdk_baseline.ts";
import { median } from "./_figures.ts";

/** Milliseconds per mask, by contender, for one kind of mask. */
export interface CodecCost {
  /** `RGBA`, `RGB`, `RGBA + mapping`... */
  kind: string;
  /** `runMaskJob` in the `rgb` format: what the export's workers do for a mask. */
  ours: number;
  /** `decodePng` + mapping + `encodePng`, the general route. */
  general: number;
  /** `sharp`: decode, (mapping in JavaScript,) encode. */
  native: number;
}

/** Sizes in bytes per mask, averaged over the pool. */
export interface OutputSizes {
  /** Ours. */
  ours: number;
  /** The SDK's files (OpenCV defaults), re-created with `node:zlib`. */
  sdk: number;
  /** `sharp` at compression level 1. */
  native: number;
}

const colourByBChannel = new Map(
  Object.entries(BENCH_MAPPING).map(([id, colour]) => {
    return [BENCH_LABELS.find((label) => label.id === id)!.bChannel!, colour] as const;
  }),
);

/**
 * Measures the per-mask cost of each contender on every mask of the pool, `rounds` times.
 *
 * @param pool The masks.
 * @param rounds How many passes over the pool (the median of them is kept).
 * @returns One line per kind of mask: RGBA, RGB, and each with the mapping.
 */
export async function codecCosts(
  pool: readonly PooledMask[],
  rounds: number,
): Promise<CodecCost[]> {
  const table = colourTable();
  const classes = classTable(BENCH_LABELS);
  const costs: CodecCost[] = [];
  for (const mapped of [false, true]) {
    for (const flavour of ["rgba", "rgb"] as const) {
      const masks = pool.filter((mask) => mask.flavour === flavour).map((mask) => mask.uri);
      const options = mapped ? { colourByBChannel } : {};
      const contenders = {
        ours: (uri: string) =>
          runMaskJob({
            mask: { kind: "png", bytes: decodeDataUri(uri) },
            file: "a.png",
            format: "rgb",
            table: classes,
            ...options,
          }),
        general: async (uri: string) => {
          const image = await decodePng(decodeDataUri(uri));
          return await encodePng(mapped ? applySemanticMapping(image, colourByBChannel) : image);
        },
        native: (uri: string) => transcode(payload(uri), mapped ? table : undefined),
      };
      const times = { ours: [] as number[], general: [] as number[], native: [] as number[] };
      for (let round = 0; round <= rounds; round++) {
        const totals = { ours: 0, general: 0, native: 0 };
        for (const uri of masks) {
          for (const name of ["ours", "general", "native"] as const) {
            const started = performance.now();
            await contenders[name](uri);
            totals[name] += performance.now() - started;
          }
        }
        // Round 0 warms every path up (JIT, WebAssembly, libvips) and is not counted.
        if (round > 0) {
          for (const name of Object.keys(totals) as (keyof typeof totals)[]) {
            times[name].push(totals[name] / masks.length);
          }
        }
      }
      costs.push({
        kind: `${flavour.toUpperCase()}${mapped ? " + mapping" : ""}`,
        ours: median(times.ours),
        general: median(times.general),
        native: median(times.native),
      });
    }
  }
  return costs;
}

/** Milliseconds per mask of a format other than `rgb`, by route. */
export interface FormatCost {
  /** The mask format. */
  format: MaskFormat;
  /** `runMaskJob`: 8-bit RGB and RGBA masks read by the kernels' strip reader. */
  kernels: number;
  /** `runMaskJob` with every mask read by the general strip decoder. */
  general: number;
}

/**
 * Measures each format but `rgb` through the export's job both ways, alternating the routes
 * mask by mask, `rounds` times (the median of them is kept).
 *
 * @param pool The masks.
 * @param rounds How many passes over the pool.
 * @returns One line per format.
 */
export async function formatCosts(
  pool: readonly PooledMask[],
  rounds: number,
): Promise<FormatCost[]> {
  const table = classTable(BENCH_LABELS);
  const costs: FormatCost[] = [];
  for (const format of MASK_FORMATS.filter((format) => format !== "rgb")) {
    const times = { kernels: [] as number[], general: [] as number[] };
    for (let round = 0; round <= rounds; round++) {
      const totals = { kernels: 0, general: 0 };
      for (const { uri } of pool) {
        for (const route of ["kernels", "general"] as const) {
          const job = { mask: { kind: "png", bytes: decodeDataUri(uri) } as const, table, format };
          const started = performance.now();
          await runMaskJob({ ...job, file: "a.png" }, { generalDecoder: route === "general" });
          totals[route] += performance.now() - started;
        }
      }
      // Round 0 warms both routes up and is not counted.
      if (round > 0) {
        times.kernels.push(totals.kernels / pool.length);
        times.general.push(totals.general / pool.length);
      }
    }
    costs.push({ format, kernels: median(times.kernels), general: median(times.general) });
  }
  return costs;
}

/**
 * Compares the size of the files written for the pool's masks.
 *
 * @param pool The masks.
 * @returns Average bytes per mask.
 */
export async function outputSizes(pool: readonly PooledMask[]): Promise<OutputSizes> {
  const sizes = { ours: 0, sdk: 0, native: 0 };
  for (const { uri } of pool) {
    sizes.ours += (await convertMask(uri)).length;
    sizes.native += (await transcode(payload(uri))).length;
    const image = await decodePng(decodeDataUri(uri));
    const lines = filterScanlines(image.data, {
      rowBytes: image.width * 3,
      bytesPerPixel: 3,
      filter: "sub",
    });
    // 57 bytes: signature, IHDR, IDAT and IEND framing.
    sizes.sdk += deflateSync(lines, { level: 1, strategy: constants.Z_RLE }).length + 57;
  }
  return {
    ours: sizes.ours / pool.length,
    sdk: sizes.sdk / pool.length,
    native: sizes.native / pool.length,
  };
}

function payload(uri: string): Uint8Array {
  return Buffer.from(uri.slice(uri.indexOf(",") + 1), "base64");
}
