/**
 * The CPU work of exporting one task, as one job on plain data so it can run on a worker (or,
 * where workers cannot start, on the calling thread, the same code): decode the mask, read its
 * statistics, render the format's files and hash them. Writing the files stays with the caller.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";
import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { transcodeMask } from "../raster/transcode_png.ts";
import { decodeTaskMask, imageSizeWarning, type TaskMask } from "./_task_decoder.ts";
import type { ImageSize } from "../detect/mask_of.ts";
import type { MaskFormat, RenderedFile } from "./mask_format.ts";
import { PixelDigest } from "../png/pixel_digest.ts";
import { BChannelTally } from "../png/b_channel_tally.ts";
import type { MaskStats } from "../model/mask_stats.ts";
import { statsOfCensus } from "../model/stats_of_census.ts";
import type { PanopticSegment } from "./panoptic_segments.ts";
import { maskRowsRenderer, rowConversionOf } from "./_mask_rows_renderer.ts";
import { addToCensus, emptyCensus, type MaskCensus } from "../png/mask_census.ts";
import { openMaskRows } from "../png/mask_rows.ts";
import type { RgbRows, RowConversion } from "../png/png_rows.ts";
import { MaskSampler, THUMBNAIL_SIDE } from "../raster/mask_sampler.ts";
import { type MaskPreview, maskPreview } from "../report/mask_preview.ts";
import { releaseBytes } from "../_release_bytes.ts";
import { createHash } from "node:crypto";
import { Sha256 } from "../sha256.ts";

/** One task's mask to export, as structured-cloneable data. */
export interface MaskJob extends TaskMask {
  /** The task's mask path (`<name>.png`). */
  file: string;
  /** The mask format. */
  format: MaskFormat;
  /** The project's classes. */
  table: ClassTable;
  /** `rgb`: colours by bChannel, from the semantic mapping. */
  colourByBChannel?: ReadonlyMap<number, RgbColour>;
  /** Also sample a thumbnail for the report, in the same pass. */
  preview?: boolean;
  /** `panoptic`: the class indices that are stuff. */
  stuffClasses?: number[];
  /** Also count each label's pixels (the dataset card's pixel shares), in the same pass. */
  tallyPixels?: boolean;
}

/** The fields of a {@linkcode MaskJob} every task of an export shares. */
export type MaskJobSettings = Pick<
  MaskJob,
  "format" | "table" | "colourByBChannel" | "preview" | "stuffClasses" | "tallyPixels"
>;

/** The fields of a {@linkcode MaskJob} that are the task's own. */
export type TaskMaskJob = Omit<MaskJob, keyof MaskJobSettings>;

/** One file of a rendered mask, ready to be written. */
export interface HashedFile {
  /** The path relative to the export folder, with `/` separators. */
  path: string;
  /** The PNG's bytes, in a buffer of their own (so a worker can transfer it). */
  bytes: Uint8Array;
  /** The SHA-256 of `bytes`, in hex. */
  sha256: string;
  /** The SHA-256 of its pixels in the canonical form (see `PixelDigest`), in hex. */
  pixelSha256?: string;
}

/** What a {@linkcode MaskJob} gives back. */
export interface RenderedMask {
  /** The files to write. */
  files: HashedFile[];
  /** The mask's width in pixels. */
  width: number;
  /** The mask's height in pixels. */
  height: number;
  /** What the mask holds, for the manifest. */
  stats: MaskStats;
  /** The report's thumbnail and pixel shares, when asked. */
  preview?: MaskPreview;
  /** Why the mask was exported though something is off: its size is not the task's image's. */
  warning?: string;
  /** `panoptic`: the segments of the PNG, for `panoptic.json`. */
  segments?: PanopticSegment[];
  /** Per label id, its pixels in the mask, when asked (`tallyPixels`). */
  labelPixels?: Record<string, number>;
}

/** Options of {@linkcode runMaskJob}. */
export interface RunMaskJobOptions {
  /**
   * Read every PNG mask of a format other than `rgb` with the general strip decoder, never with
   * the kernels' strip reader: the route the tests and the benchmark compare the kernels' with.
   * Default: `false`.
   */
  generalDecoder?: boolean;
}

/**
 * Runs one task's job: decodes the mask, reads its statistics, renders the format's files and
 * hashes them. For `rgb` PNG masks it takes the transcoder, which counts the statistics on the
 * pixels it unfilters and writes a plain 8-bit RGB mask as it came (after the full check) when
 * no mapping is asked; the other formats decode and render the mask strip by strip, 8-bit RGB
 * and RGBA masks unfiltered and counted by the kernels.
 *
 * @param job The mask and how to render it.
 * @param options The decoder of the other formats.
 * @returns The files, the size and the statistics.
 * @throws {MasksError} when the mask cannot be read.
 */
export async function runMaskJob(
  job: MaskJob,
  options: RunMaskJobOptions = {},
): Promise<RenderedMask> {
  const { table } = job;
  if (job.mask.kind === "png" && job.format === "rgb") {
    let digest: PixelDigest | undefined;
    let tally: BChannelTally | undefined;
    const { png, width, height, census, samples, warnings } = await transcodeMask(job.mask.bytes, {
      colourByBChannel: job.colourByBChannel,
      maxPixels: job.maxPixels,
      census: true,
      thumbnailSide: job.preview ? THUMBNAIL_SIDE : undefined,
      digest: (size) => digest = new PixelDigest({ ...size, layout: "rgb8" }),
      pixels: (size) => tally = tallyOf(job, size.width),
    });
    const files = hashed([{ path: job.file, bytes: png, pixelSha256: digest?.hex() }]);
    const preview = samples && maskPreview(samples, table);
    const labelPixels = tally && labelPixelsOf(tally, table);
    const stats = statsOfCensus(census!, table);
    return withWarning(
      { files, width, height, stats, preview, ...(labelPixels ? { labelPixels } : {}) },
      job.mask.image,
      warnings,
    );
  }
  if (job.mask.kind === "png") {
    // Every other format, strip by strip: no buffer the size of the mask.
    const rows = openMaskRows(job.mask.bytes, {
      maxPixels: job.maxPixels,
      generalDecoder: options.generalDecoder,
      convert: conversionOf(job),
    });
    const { width, height } = rows;
    const rendered = renderStrips(job, { width, height }, (onRows) => rows.read(onRows));
    return withWarning(rendered, job.mask.image, rows.warnings);
  }
  // Shapes are rasterized whole, then rendered as one strip.
  let warning: string | undefined;
  const image = await decodeTaskMask(job, (text) => warning = text);
  const { height, data } = image;
  const rendered = renderStrips(job, image, (onRows) => {
    const census = emptyCensus();
    addToCensus(census, data);
    onRows({ data, first: 0, count: height });
    return census;
  });
  // The decoded pixels are the job's largest buffer: freed now, before the next mask comes.
  releaseBytes(data);
  return warning === undefined ? rendered : { ...rendered, warning };
}

/**
 * How the strip reader converts the rows for the job's format: when nothing but the format's
 * renderer reads them (no thumbnail, no tally), it takes the converted rows (or labels) only.
 */
function conversionOf(job: MaskJob): RowConversion | undefined {
  const convert = rowConversionOf(job);
  const rowsRead = job.preview === true || job.tallyPixels === true;
  return convert && !rowsRead ? { ...convert, convertedOnly: true } : convert;
}

/**
 * The rendered mask, with a warning when its size is not the task's image's or its PNG was read
 * despite a fault (an ancillary chunk's CRC).
 */
function withWarning(
  rendered: RenderedMask,
  image: ImageSize | undefined,
  pngWarnings: string[],
): RenderedMask {
  const warnings = [...pngWarnings, imageSizeWarning(rendered, image)].filter((text) => !!text);
  return warnings.length === 0 ? rendered : { ...rendered, warning: warnings.join("; ") };
}

/**
 * Renders a mask from its rows, which `readRows` hands over top to bottom and whose census it
 * returns: samples the thumbnail and feeds the format's encoders on the way.
 */
function renderStrips(
  job: MaskJob,
  size: ImageSize,
  readRows: (onRows: (rows: RgbRows) => void) => MaskCensus,
): RenderedMask {
  const { width, height } = size;
  const sampler = job.preview ? new MaskSampler(width, height) : undefined;
  const tally = tallyOf(job, width);
  const renderer = maskRowsRenderer(job.file, size, job);
  try {
    const census = readRows((rows) => {
      sampler?.takeRows(rows.data, 0, width * 3, rows.first, rows.count, 3);
      // Before the renderer: `rgb` recolours the rows in place.
      tally?.update(rows.data.subarray(0, rows.count * width * 3));
      renderer.takeRows(rows);
    });
    const stats = statsOfCensus(census, job.table);
    const files = hashed(renderer.end(stats.labels));
    const preview = sampler && maskPreview(sampler.samples(), job.table);
    const segments = renderer.segments?.();
    const labelPixels = tally && labelPixelsOf(tally, job.table);
    return {
      files,
      width,
      height,
      stats,
      preview,
      ...(segments ? { segments } : {}),
      ...(labelPixels ? { labelPixels } : {}),
    };
  } finally {
    renderer.close();
  }
}

/** This thread's hasher of small files, reused: a `node:crypto` hash per file piled up. */
const fileHasher = new Sha256();

/**
 * Files up to this size are hashed by {@linkcode Sha256} (no native object left to a full
 * collection, the cost of 100,000 small tasks, whose files are far smaller); larger ones by
 * `node:crypto`, eight to ten times faster with the processor's SHA instructions (44 against 5 µs
 * at 5.7 KB, a `binary` file of a drawn 1920×1080 mask), where a task's own time dwarfs its hash's
 * garbage.
 */
const SMALL_FILE = 4 * 1024;

/**
 * The SHA-256 of bytes, in hex, synchronous (`crypto.subtle.digest`'s asynchronous round trip
 * costs more than hashing a mask-sized file).
 *
 * @param bytes The bytes to hash.
 * @returns The digest, 64 hex digits.
 */
export function sha256(bytes: Uint8Array): string {
  if (bytes.length <= SMALL_FILE) return fileHasher.update(bytes).digestHex();
  return createHash("sha256").update(bytes).digest("hex");
}

/** A tally of the job's labelled pixels by bChannel, when asked and the colours still name them. */
function tallyOf(job: MaskJob, width: number): BChannelTally | undefined {
  return job.tallyPixels && job.colourByBChannel === undefined
    ? new BChannelTally(width)
    : undefined;
}

/** Per label id, its pixels: the tally's counts of the label's bChannel. */
function labelPixelsOf(tally: BChannelTally, table: ClassTable): Record<string, number> {
  const pixels: Record<string, number> = {};
  for (const { id, bChannel } of table.classes) {
    const count = tally.counts[bChannel];
    if (count > 0 && table.labelByBChannel[bChannel] === id) pixels[id] = count;
  }
  return pixels;
}

function hashed(files: RenderedFile[]): HashedFile[] {
  return files.map(({ path, bytes, pixelSha256 }) => {
    // A view into a larger buffer (a mask written as it came) could not be transferred alone.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes
      : bytes.slice();
    return { path, bytes: own, sha256: sha256(own), pixelSha256 };
  });
}
