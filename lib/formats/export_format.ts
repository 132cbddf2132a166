import { takeTasks } from "../api/_take_tasks.ts";
import type { TaskSource } from "../api/task_source.ts";
import type { Task, TaskFilters } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { planTasks } from "../export/_export_plan.ts";
import { outputPathOf } from "../export/_output_path.ts";
import { defaultExportFolderName } from "../export/export_folder_name.ts";
import type { ExportEvent, ExportSummary, TaskOutcome } from "../export/export_summary.ts";
import { emptySummary } from "../export/_empty_summary.ts";
import { inShard, type Shard } from "../export/shard.ts";
import { dirname } from "../_std/path.ts";
import { CocoWriter } from "./_coco_writer.ts";
import type { FormatTaskResult, FormatWriter } from "./_format_writer.ts";
import { LabWriter } from "./_lab_writer.ts";
import { YoloWriter } from "./_yolo_writer.ts";
import { type FormatSource, resolveFormatSource } from "./format_source.ts";
import { OutputFile } from "./output_file.ts";
import type { FileSystem } from "../export/file_system.ts";

/** Options of {@linkcode exportFormat}: the export's task selection and output file. */
export interface ExportFormatOptions {
  /** Where tasks come from: a `LabClient`, or an offline `ExportFileSource`. */
  client: TaskSource;
  /** The project to export. */
  projectId: string;
  /** The file format. */
  format: "lab" | "yolo" | "coco";
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
  /** `coco`: refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
  /** `coco`: how many masks are read at once, each on a worker. @default {navigator.hardwareConcurrency} */
  concurrency?: number;
  /** `coco`: the workers' module, for a bundle that ships its own. @default {the library's} */
  workerUrl?: URL;
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

const EXTENSION = { lab: ".json", yolo: ".zip", coco: ".json" } as const;
const PREFIX = { lab: "lab_", yolo: "lab_yolo_", coco: "lab_coco_" } as const;

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
  const path = outputPath(options, now);
  const file = new OutputFile(path, { fileSystem: options.fileSystem });
  if (!options.dryRun) await file.checkTarget(options.overwrite ?? false);
  const source = resolveFormatSource(await client.getProjectConfiguration(projectId), format, {
    inputId: options.inputId,
  });
  const dryRun = options.dryRun ?? false;
  const writer = formatWriter(file, source, options, now);
  const summary: ExportSummary = {
    ...emptySummary(projectId, dirname(path), format, dryRun),
    file: path,
    format,
    annotationsLeftOut: 0,
  };
  let done = 0;
  try {
    done = await writeTasks(writer, summary, { ...options, requestFilters });
    await writer.finish();
  } catch (error) {
    await writer.abandon();
    throw error;
  }
  summary.total = Math.max(summary.total, done);
  summary.folderCreated = file.started;
  if (!file.started) delete summary.file;
  summary.durationMs = performance.now() - started;
  return summary;
}

/**
 * Hands every task to the writer in server order and counts each result in the summary; a
 * writer that reads ahead is given `writer.ahead` tasks to prepare before it takes the first.
 * Returns how many tasks came.
 */
async function writeTasks(
  writer: FormatWriter,
  summary: ExportSummary,
  options: ExportFormatOptions & { requestFilters: TaskFilters },
): Promise<number> {
  const { onProgress, shard } = options;
  const ahead: { task: Task; taskId: string; taskName: string; mine: boolean }[] = [];
  let done = 0;
  const takeOldest = async () => {
    const { task, mine, ...ids } = ahead.shift()!;
    const result = await writer.take(task, mine);
    done++;
    if (result === undefined) {
      onProgress?.({ type: "advance", done, total: summary.total });
      return;
    }
    const outcome = addOutcome(summary, ids, result);
    onProgress?.({ type: "task", outcome, done, total: summary.total });
  };
  let first = true;
  for await (const page of options.client.taskPages(summary.projectId, options.requestFilters)) {
    if (first) {
      summary.total = page.totalDocs;
      onProgress?.({ type: "start", total: summary.total, folder: summary.folder });
      first = false;
    }
    for (const task of takeTasks(page)) {
      options.signal?.throwIfAborted();
      const taskId = String(task._id);
      const mine = !shard || inShard(taskId, shard);
      writer.prepare?.(task, mine);
      ahead.push({ task, taskId, taskName: String(task.name), mine });
      if (ahead.length > (writer.ahead ?? 0)) await takeOldest();
    }
  }
  while (ahead.length > 0) {
    options.signal?.throwIfAborted();
    await takeOldest();
  }
  return done;
}

/** The writer of the format, writing into `file`. */
function formatWriter(
  file: OutputFile,
  source: FormatSource,
  options: ExportFormatOptions,
  now: Date,
): FormatWriter {
  const dryRun = options.dryRun ?? false;
  if (options.format === "lab") return new LabWriter(file, { dryRun });
  if (options.format === "yolo") {
    const replaceExtension = options.replaceExtension ?? false;
    return new YoloWriter(file, source, { dryRun, replaceExtension, modified: now });
  }
  const { maxPixels, fileSystem, concurrency, workerUrl } = options;
  return new CocoWriter(file, source, {
    dryRun,
    maxPixels,
    now,
    fileSystem,
    concurrency,
    workerUrl,
  });
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
  summary[status]++;
  summary.annotationsLeftOut! += result.leftOut ?? 0;
  if (status === "planned") summary.plannedTasks.push(outcome);
  if (status === "skipped") summary.skippedTasks.push(outcome);
  if (status === "failed") summary.failures.push(outcome);
  return outcome;
}

/** The output file's absolute path, checked before any request. */
function outputPath(options: ExportFormatOptions, now: Date): string {
  const extension = EXTENSION[options.format];
  const stamp = defaultExportFolderName(options.projectId, now).slice(
    -"YYYY-MM-DD_HH:MM:SS".length,
  );
  const name = options.outputFilename ||
    `${PREFIX[options.format]}${options.projectId}_${stamp}${extension}`;
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
