import { checkExportOptionTypes } from "./_export_option_types.ts";
import { planTasks } from "./_export_plan.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import { emptySummary } from "../model/empty_summary.ts";
import { ConvertPool } from "./_convert_pool.ts";
import type { CocoInstancesReader } from "../formats/coco_mask_instances.ts";
import type { CocoPolygonsReader } from "../formats/mask_instance_polygons.ts";
import type { YoloSegmentReader } from "../formats/yolo_segment_lines.ts";
import { dirname } from "../_std/path.ts";
import type { FormatWriter } from "../formats/format_writer.ts";
import { oneFileFormat } from "../formats/one_file_formats.ts";
import { type FormatSource, resolveFormatSource } from "../formats/format_source.ts";
import type { OutputFile } from "../formats/output_file.ts";
import type { PinnedClassMap } from "../detect/pinned_class_map.ts";
import { readClassMap } from "./read_class_map.ts";
import { emptySplitCounts } from "../model/split_counts.ts";
import { type SplitPlan, splitPlanOf } from "../model/split_plan.ts";
import { SplitWriter } from "./_split_writer.ts";
import { endSummary, outputFiles } from "./_output_files.ts";
import { endSplitCounts } from "./_split_summary.ts";
import type { ExportFormatOptions } from "./export_format_options.ts";
import { writeTasks } from "./_write_tasks.ts";
import { checkPolygonSettings } from "./_check_polygon_settings.ts";
import { checkClassMapOptions } from "./_check_class_map_options.ts";
import { freeOutputPath } from "./_free_output_path.ts";

export type { ExportFormatOptions } from "./export_format_options.ts";

/**
 * Exports a project as one file: the SDK's `lab` JSON array or `yolo` zip, or a COCO instances
 * JSON (the export formats spec). Tasks stream in page by page and go to the file as they come,
 * under a temporary name renamed into place at the end; a task that cannot be exported is reported
 * and the others are still written.
 *
 * @param options The project, filters, format and output file.
 * @returns What was exported, skipped and failed, and the file (`summary.file`).
 * @throws {ConfigError} when a setting is wrong, the file name lacks the format's extension, the
 * file exists (without `overwrite`), or the project does not fit the format, before any task is
 * read.
 * @throws {ApiError} when the API refuses or cannot be reached.
 * @throws {TypeError} when an option's value is of the wrong type (`overwrite: "false"`), or
 * `client` is missing.
 * @throws {RangeError} when a number is out of its range (`concurrency: 0`).
 *
 * @example Export a rectangle project for Ultralytics
 * ```ts ignore
 * import { LabClient } from "@lab/masks";
 * import { exportFormat } from "@lab/masks/formats";
 *
 * const client = new LabClient({
 *   endpoint: "https://hub-api.isahit.com/",
 *   accessId: Deno.env.get("ISAHIT_LAB_API_ACCESS_ID")!,
 *   secretKey: Deno.env.get("ISAHIT_LAB_API_SECRET_KEY")!,
 * });
 * const summary = await exportFormat({ client, projectId: "proj_boxes", format: "yolo" });
 * console.log(`Exported ${summary.exported} tasks to "${summary.file}"`);
 * ```
 */
export async function exportFormat(options: ExportFormatOptions): Promise<ExportSummary> {
  checkExportOptionTypes(options);
  const started = performance.now();
  const { client, format } = options;
  // The same checks of the project and the filters as a mask export's.
  const { projectId, startedAt: now, requestFilters } = planTasks(options);
  checkPolygonSettings(options);
  const split = splitPlanOf(options);
  checkClassMapOptions(options);
  const path = await freeOutputPath(options, now);
  const files = await outputFiles(path, split, options);
  const pinned = options.labelmapFrom === undefined
    ? undefined
    : await readClassMap(options.labelmapFrom, { fileSystem: options.fileSystem });
  const source = resolveFormatSource(await client.getProjectConfiguration(projectId), format, {
    inputId: options.inputId,
  });
  const dryRun = options.dryRun ?? false;
  // COCO's and yolo-seg's masks are read on workers (which start with the first mask), closed
  // at the end.
  using pool = format === "coco" || format === "yolo-seg" ? convertPool(options) : undefined;
  const writerOptions = { ...options, pinned, splitPlan: split, reader: pool };
  const writer = filesWriter(files, source, writerOptions, now);
  const summary: ExportSummary = {
    ...emptySummary(projectId, dirname(path), format, dryRun),
    file: path,
    format,
    annotationsLeftOut: 0,
  };
  if (split && !dryRun) summary.splits = emptySplitCounts(split);
  let done = 0;
  try {
    const onStart = (total: number) => {
      summary.total = total;
      options.onProgress?.({ type: "start", total, folder: summary.folder });
    };
    const loop = { client, projectId, filters: requestFilters, shard: options.shard, onStart };
    done = await writeTasks(writer, summary, { ...loop, signal: options.signal }, {
      split,
      onProgress: options.onProgress,
    });
    await writer.finish();
    const notes = writer.notes?.() ?? [];
    if (notes.length > 0) summary.notes = notes;
  } catch (error) {
    await writer.abandon();
    throw error;
  }
  summary.total = Math.max(summary.total, done);
  endSplitCounts(summary);
  endSummary(summary, files);
  summary.durationMs = performance.now() - started;
  return summary;
}

/** The export's pool of workers. */
function convertPool(options: ExportFormatOptions): ConvertPool {
  return new ConvertPool({ size: options.concurrency, workerUrl: options.workerUrl });
}

/** The writer of the files: the format's, or with a file per split one for each. */
function filesWriter(
  files: Map<string, OutputFile>,
  source: FormatSource,
  options: Parameters<typeof formatWriter>[2],
  now: Date,
): FormatWriter {
  const writerOf = (file: OutputFile) => formatWriter(file, source, options, now);
  if (files.size === 1) return writerOf(files.values().next().value!);
  const parts = new Map([...files].map(([name, file]) => [name, { writer: writerOf(file), file }]));
  return new SplitWriter(options.splitPlan!, parts);
}

/** The writer of the format, writing into `file`. */
function formatWriter(
  file: OutputFile,
  source: FormatSource,
  options: ExportFormatOptions & {
    pinned?: PinnedClassMap;
    splitPlan?: SplitPlan;
    reader?: CocoInstancesReader & CocoPolygonsReader & YoloSegmentReader;
  },
  now: Date,
): FormatWriter {
  return oneFileFormat(options.format).writer(file, source, {
    dryRun: options.dryRun ?? false,
    replaceExtension: options.replaceExtension ?? false,
    maxPixels: options.maxPixels,
    now,
    fileSystem: options.fileSystem,
    cocoSegmentation: options.cocoSegmentation ?? "rle",
    polygonTolerance: options.polygonTolerance ?? 0,
    reader: options.reader,
    pinning: { pinned: options.pinned, allowRemovedLabels: options.allowRemovedLabels },
    split: options.splitPlan,
  });
}
