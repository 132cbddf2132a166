import type { TaskSource } from "../api/task_source.ts";
import type { TaskFilters } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage, subject } from "../_setting_message.ts";
import { planTasks } from "./_export_plan.ts";
import { outputPathOf } from "./_output_path.ts";
import { freeDefaultPath } from "./free_default_path.ts";
import { defaultExportFolderName } from "./export_folder_name.ts";
import type { ExportEvent, ExportSummary, TaskOutcome } from "../model/export_summary.ts";
import { emptySummary } from "../model/empty_summary.ts";
import type { Shard } from "../model/shard.ts";
import { eachTask, type TaskLoop, type TaskTurn } from "./_task_loop.ts";
import { ConvertPool } from "./_convert_pool.ts";
import type { CocoInstancesReader } from "../formats/coco_mask_instances.ts";
import { dirname } from "../_std/path.ts";
import type { FormatTaskResult, FormatWriter } from "../formats/format_writer.ts";
import { oneFileFormat, type OneFileFormatName } from "../formats/one_file_formats.ts";
import { parseCocoSegmentation } from "../formats/coco_segmentation.ts";
import { type FormatSource, resolveFormatSource } from "../formats/format_source.ts";
import type { OutputFile } from "../formats/output_file.ts";
import type { FileSystem } from "../model/file_system.ts";
import type { PinnedClassMap } from "../detect/pinned_class_map.ts";
import { readClassMap } from "./read_class_map.ts";
import { countInSplit, emptySplitCounts, sortSplitLabels } from "../model/split_counts.ts";
import { splitOf, type SplitPart, type SplitPlan, splitPlanOf } from "../model/split_plan.ts";
import { SplitWriter } from "./_split_writer.ts";
import { endSummary, outputFiles } from "./_output_files.ts";

/** Options of {@linkcode exportFormat}: the export's task selection and output file. */
export interface ExportFormatOptions {
  /** Where tasks come from: a `LabClient`, or an offline `ExportFileSource`. */
  client: TaskSource;
  /** The project to export. */
  projectId: string;
  /** The file format. */
  format: OneFileFormatName;
  /** `yolo`, `coco`: for a `form` project with several fitting inputs, the one to export. @default {undefined} */
  inputId?: string;
  /** Which tasks to export, as the SDK's get-tasks filters. @default {{}} (all tasks) */
  filters?: TaskFilters;
  /** The folder the file is written in; created with its parents. @default {"."} */
  outputFolder?: string;
  /** The file's name, ending `.zip` (yolo) or `.json`. @default {"lab_<format>_<projectId>_<YYYY-MM-DD_HH:MM:SS>.<ext>"} */
  outputFilename?: string;
  /** `yolo`: name label files `a.txt` rather than `a.jpg.txt`. @default {false} */
  replaceExtension?: boolean;
  /** List what would be exported and where; write nothing. @default {false} */
  dryRun?: boolean;
  /** Export only this part of the tasks (stable by task id); each shard writes its own file. @default {undefined} */
  shard?: Shard;
  /** Replace an existing file of the same name. @default {false} */
  overwrite?: boolean;
  /** `coco`, `yolo-seg`: refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
  /** `coco`: how many masks are read at once, each on a worker. @default {navigator.hardwareConcurrency} */
  concurrency?: number;
  /** `coco`: the workers' module, for a bundle that ships its own. @default {the library's} */
  workerUrl?: URL;
  /** `yolo`, `coco`: number classes as an earlier export's `labelmap.json` (or folder) does. @default {undefined} */
  labelmapFrom?: string;
  /** With `labelmapFrom`: reserve the index of a label the configuration lost, not stop. @default {false} */
  allowRemovedLabels?: boolean;
  /** Split the tasks by a hash of each task id, `train=80,val=20`: `lab`, `coco` write a file per split, `yolo` `labels/<split>/`. @default {undefined} */
  split?: string | readonly SplitPart[];
  /** The seed hashed with each task id to split the tasks. @default {"lab-masks"} */
  splitSeed?: string;
  /**
   * `coco` from masks: each instance as `rle` (compressed RLE) or `polygon` (traced on the pixel
   * edges). @default {"rle"}
   */
  cocoSegmentation?: "rle" | "polygon";
  /** Polygons traced from masks (`coco` polygon, `yolo-seg`): Douglas–Peucker tolerance in pixels. @default {0} */
  polygonTolerance?: number;
  /**
   * The low-level file calls the export makes, through the export's file door (the output file
   * is created exclusively under a temporary name, then renamed; a link at its name is refused).
   *
   * @default {DENO_FILE_SYSTEM}
   */
  fileSystem?: FileSystem;
  /** The export's start time, for the default name and COCO's `date_created`. @default {new Date()} */
  now?: Date;
  /** Stops the export between tasks; the unfinished file is removed. */
  signal?: AbortSignal;
  /** Called at the start and after each task. */
  onProgress?: (event: ExportEvent) => void;
}

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
  // COCO's masks are read on workers (which start with the first mask), closed at the end.
  using pool = format === "coco" ? convertPool(options) : undefined;
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
  if (summary.splits) sortSplitLabels(summary.splits);
  endSummary(summary, files);
  summary.durationMs = performance.now() - started;
  return summary;
}

/**
 * Hands every task to the writer in the source's order and counts each result in the summary; a
 * writer that reads ahead (COCO's masks, on workers) is given `writer.ahead` tasks to prepare
 * before it takes the first. Returns how many tasks came.
 */
async function writeTasks(
  writer: FormatWriter,
  summary: ExportSummary,
  loop: TaskLoop,
  options: { split?: SplitPlan; onProgress?: (event: ExportEvent) => void },
): Promise<number> {
  const { split, onProgress } = options;
  const ahead: TaskTurn[] = [];
  let done = 0;
  const takeOldest = async () => {
    const { task, mine } = ahead.shift()!;
    const ids = { taskId: String(task._id), taskName: String(task.name) };
    const result = await writer.take(task, mine);
    done++;
    if (result === undefined) {
      onProgress?.({ type: "advance", done, total: summary.total });
      return;
    }
    const outcome = addOutcome(summary, ids, result);
    if (summary.splits && result.status === "exported") {
      countInSplit(summary.splits, { split: splitOf(ids.taskId, split!), labels: result.labels });
    }
    onProgress?.({ type: "task", outcome, done, total: summary.total });
  };
  for await (const turn of eachTask(loop)) {
    writer.prepare?.(turn.task, turn.mine);
    ahead.push(turn);
    if (ahead.length > (writer.ahead ?? 0)) await takeOldest();
  }
  while (ahead.length > 0) {
    loop.signal?.throwIfAborted();
    await takeOldest();
  }
  return done;
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
  const writers = new Map([...files].map(([name, file]) => [name, writerOf(file)]));
  return new SplitWriter(options.splitPlan!, writers);
}

/** The writer of the format, writing into `file`. */
function formatWriter(
  file: OutputFile,
  source: FormatSource,
  options: ExportFormatOptions & {
    pinned?: PinnedClassMap;
    splitPlan?: SplitPlan;
    reader?: CocoInstancesReader;
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
/**
 * Checks the settings of polygons traced from masks before any request.
 *
 * @throws {ConfigError} when `cocoSegmentation` is neither `rle` nor `polygon` or comes with
 * another format than `coco`, or `polygonTolerance` is not a number >= 0 or comes without
 * traced polygons.
 */
function checkPolygonSettings(options: ExportFormatOptions): void {
  const { format, cocoSegmentation, polygonTolerance } = options;
  if (cocoSegmentation !== undefined) {
    parseCocoSegmentation(cocoSegmentation);
    if (format !== "coco") {
      throw new ConfigError(
        settingMessage`${subject("cocoSegmentation")} shapes ${
          mention("format")
        } coco only; the format is ${format}`,
        { setting: "cocoSegmentation" },
      );
    }
  }
  if (polygonTolerance === undefined) return;
  if (typeof polygonTolerance !== "number" || !(polygonTolerance >= 0) || polygonTolerance > 1e6) {
    throw new ConfigError(
      settingMessage`${
        subject("polygonTolerance")
      } must be a number of pixels from 0 to 1000000; got "${polygonTolerance}"`,
      { setting: "polygonTolerance" },
    );
  }
  if (format !== "yolo-seg" && !(format === "coco" && cocoSegmentation === "polygon")) {
    throw new ConfigError(
      settingMessage`${
        subject("polygonTolerance")
      } simplifies polygons traced from masks: use it with ${mention("format")} yolo-seg, or ${
        mention("format")
      } coco and ${mention("cocoSegmentation")} polygon`,
      { setting: "polygonTolerance" },
    );
  }
}

/** Counts a task's result in the summary, and lists it where it belongs. */
function addOutcome(
  summary: ExportSummary,
  ids: { taskId: string; taskName: string },
  result: FormatTaskResult,
): TaskOutcome {
  const status = result.status === "exported" && summary.dryRun ? "planned" : result.status;
  const outcome: TaskOutcome = { ...ids, status };
  if (result.file !== undefined) outcome.file = result.file;
  if (result.reason !== undefined) outcome.reason = result.reason;
  if (result.setting !== undefined) outcome.setting = result.setting;
  if (result.renamedFrom !== undefined) {
    Object.assign(outcome, {
      renamedFrom: result.renamedFrom,
      renameReason: result.renameReason,
    });
    summary.renamed.push(outcome);
  }
  if (result.leftOut) {
    // Said once per task, as a mask export says it of the annotations it cannot draw.
    outcome.warning = result.leftOut === 1
      ? "1 annotation has no label with a class, so it was left out"
      : `${result.leftOut} annotations have no label with a class, so they were left out`;
    (summary.warnings ??= []).push(outcome);
  }
  summary[status]++;
  summary.annotationsLeftOut! += result.leftOut ?? 0;
  if (status === "planned") summary.plannedTasks.push(outcome);
  if (status === "skipped") summary.skippedTasks.push(outcome);
  if (status === "failed") summary.failures.push(outcome);
  return outcome;
}

/** Refuses the class map options where they would do nothing: `lab`, or no map to keep. */
function checkClassMapOptions(options: ExportFormatOptions): void {
  if (
    options.format === "lab" && (options.labelmapFrom !== undefined || options.allowRemovedLabels)
  ) {
    throw new ConfigError(
      settingMessage`${mention("labelmapFrom")} numbers classes, and ${
        mention("format")
      } lab has none (it keeps every task whole); leave it out`,
      { setting: "labelmapFrom" },
    );
  }
  if (options.allowRemovedLabels && options.labelmapFrom === undefined) {
    throw new ConfigError(
      settingMessage`${mention("allowRemovedLabels")} has no effect without ${
        mention("labelmapFrom")
      }: add the earlier export's class map, or leave it out`,
      { setting: "allowRemovedLabels" },
    );
  }
}

/**
 * The output file's path; a default name an earlier run took in the same second gets `_2`, `_3`...
 * (a split's files get their names from it).
 */
async function freeOutputPath(options: ExportFormatOptions, now: Date): Promise<string> {
  const path = outputPath(options, now);
  if (options.outputFilename || options.overwrite) return path;
  const { extension } = oneFileFormat(options.format);
  return await freeDefaultPath(path, { extension, fileSystem: options.fileSystem });
}

/** The output file's absolute path, checked before any request. */
function outputPath(options: ExportFormatOptions, now: Date): string {
  const { extension, prefix } = oneFileFormat(options.format);
  const stamp = defaultExportFolderName(options.projectId, now).slice(
    -"YYYY-MM-DD_HH:MM:SS".length,
  );
  const name = options.outputFilename ||
    `${prefix}${options.projectId}_${stamp}${extension}`;
  // The SDK compares the last characters exactly, so `x.ZIP` is refused as it is there.
  if (!name.endsWith(extension)) {
    throw new ConfigError(
      settingMessage`The output filename "${name}" must end with "${extension}" for ${
        mention("format")
      } ${options.format}; for example "${name.replace(/\.[^./]*$/, "")}${extension}"`,
      { setting: "outputFilename" },
    );
  }
  return outputPathOf(options.outputFolder, name, "file");
}
