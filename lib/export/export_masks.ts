import type { TaskSource } from "../api/task_source.ts";
import type { Task, TaskFilters } from "../api/types.ts";
import { exportTaskFilters } from "../api/export_task_filters.ts";
import { validateTaskFilters } from "../api/validate_task_filters.ts";
import { classTable } from "../detect/class_table.ts";
import { resolveMaskSource } from "../detect/resolve_mask_source.ts";
import { MaskDetacher } from "./_detach_masks.ts";
import {
  resolveSemanticMapping,
  type SemanticMapping,
} from "../detect/resolve_semantic_mapping.ts";
import { ConfigError } from "../errors.ts";
import { resolve } from "../_std/path.ts";
import { labelmapJson, labelmapTxt } from "./labelmap.ts";
import { ExportFolderFs } from "./export_folder_fs.ts";
import type { FileSystem } from "./file_system.ts";
import {
  createExportFolder,
  type FolderMode,
  METADATA_NAME,
  prepareExportFolder,
  probeExportFolder,
  writeMetadata,
} from "./_export_folder.ts";
import { ExportRun } from "./_export_run.ts";
import { incrementalFilters, removedEntries } from "./_incremental.ts";
import { ConvertPool } from "./_convert_pool.ts";
import { DEFAULT_MEMORY_BUDGET_BYTES, MemoryBudget } from "./_memory_budget.ts";
import { TaskExporter } from "./_task_exporter.ts";
import { defaultExportFolderName } from "./export_folder_name.ts";
import { hostPlatform, type Platform } from "./platform.ts";
import type { ExportEvent, ExportSummary } from "./export_summary.ts";
import { emptySummary } from "./_empty_summary.ts";
import { MASK_FORMATS, type MaskFormat } from "./mask_format.ts";
import type { Shard } from "./shard.ts";
import { exportFormat } from "../formats/export_format.ts";
import { outputPathOf } from "./_output_path.ts";
import { EXPORT_FORMATS, type ExportFormat } from "../formats/format_source.ts";
import { ExportReport } from "../report/export_report.ts";

/** Options of {@linkcode exportMasks}: the SDK's `export_tasks(format="mask")` parameters, and more. */
export interface ExportMasksOptions {
  /** Where tasks come from: a `LabClient`, or an offline `ExportFileSource`. */
  client: TaskSource;
  /** The project to export (`project_id`). */
  projectId: string;
  /**
   * What to write: `mask` (PNG files, the SDK's `format="mask"`), or one file: `lab` (the SDK's
   * JSON), `yolo` (the SDK's zip) or `coco` (COCO instances JSON); see `exportFormat`.
   *
   * @default {"mask"}
   */
  format?: ExportFormat;
  /** For a `form` project with several mask inputs, the one to export (`input_id`). @default {undefined} */
  inputId?: string;
  /** Which tasks to export, as the SDK's get-tasks filters. @default {{}} (all tasks) */
  filters?: TaskFilters;
  /** The folder the export folder is made in (`output_folder`). @default {"."} */
  outputFolder?: string;
  /** The export folder's name (`output_filename`). @default {"lab_mask_<projectId>_<YYYY-MM-DD_HH:MM:SS>"} (`HH-MM-SS` on Windows) */
  outputFilename?: string;
  /** Name files `a.png` rather than `a.jpg.png` (`replace_extension`). @default {false} */
  replaceExtension?: boolean;
  /** `rgb` format: recolour labels, label id → `[r, g, b]` (`semantic_mapping`). @default {undefined} */
  semanticMapping?: SemanticMapping;
  /** The kind of mask file: `rgb` (the SDK's), `class-index`, `palette`, `instance`, `binary`. @default {"rgb"} */
  maskFormat?: MaskFormat;
  /** `class-index` and `palette`: the index of pixels whose label is unknown. @default {255} */
  ignoreIndex?: number;
  /** List what would be exported and where; write nothing. @default {false} */
  dryRun?: boolean;
  /** Export only this part of the tasks (stable by task id), for CI matrices. @default {undefined} */
  shard?: Shard;
  /** Finish an interrupted export in its folder, keeping complete files. @default {false} */
  resume?: boolean;
  /** Update an earlier export (its folder or manifest) with the tasks updated since. @default {undefined} */
  incremental?: string;
  /** Replace an earlier export in the same folder. @default {false} */
  overwrite?: boolean;
  /** Write `report.html` in the export folder: labels, histograms, thumbnails. @default {false} */
  report?: boolean;
  /**
   * The worker module that converts masks, for a bundled program whose own copy of it sits
   * elsewhere (the Action's `action/dist/convert_worker.js`). Without a usable worker, masks are
   * converted on the calling thread.
   *
   * @default {the module next to this one}
   */
  workerUrl?: URL;
  /** How many masks are converted at once. @default {navigator.hardwareConcurrency, at least 2} */
  concurrency?: number;
  /** Refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
  /**
   * The low-level file calls the export makes, all through one door that refuses paths leaving
   * the export folder and symbolic links inside it; tests inject failures here.
   *
   * @default {DENO_FILE_SYSTEM}
   */
  fileSystem?: FileSystem;
  /**
   * How many bytes the masks being converted at once may hold together (a PNG mask: its bytes
   * twice and a strip of its rows; shapes: 3 bytes a pixel): masks wait their turn beyond it,
   * and a mask that alone costs more fails with a reason. @default {536_870_912} (512 MiB)
   */
  memoryBudgetBytes?: number;
  /** The export's start time, for the default folder name. @default {new Date()} */
  now?: Date;
  /**
   * Whose naming rules the folder and files follow: on `"windows"` the default folder name has
   * `-` for `:`, and task names lose the characters Windows refuses (reported as renamed).
   * @default {hostPlatform()}
   */
  platform?: Platform;
  /** Stops the export between tasks; files already written stay complete. */
  signal?: AbortSignal;
  /** Called at the start and after each task, for progress bars and logs. */
  onProgress?: (event: ExportEvent) => void;
}

/**
 * Exports a project's segmentation masks as PNG files, like the SDK's
 * `export_tasks(format="mask")`, with pixel-identical masks, plus a `manifest.jsonl`.
 *
 * Tasks stream in page by page and are written as they come; a task without a mask is skipped, a
 * task whose mask or name is bad is reported while the others are still written, and two tasks
 * with the same name both keep their mask.
 *
 * @param options The project, filters, output and format.
 * @returns What was exported, skipped and failed, and where.
 * @throws {ConfigError} when a setting is wrong, the project cannot export masks, or the export
 * folder exists (new exports) or holds no export (resume, incremental), before any mask is written.
 * @throws {ApiError} when the API refuses or cannot be reached.
 *
 * @example Export the completed tasks of a project
 * ```ts ignore
 * import { exportMasks, LabClient } from "@lab/masks";
 *
 * const client = new LabClient({
 *   endpoint: "https://hub-api.isahit.com/",
 *   accessId: Deno.env.get("ISAHIT_LAB_API_ACCESS_ID")!,
 *   secretKey: Deno.env.get("ISAHIT_LAB_API_SECRET_KEY")!,
 * });
 * const summary = await exportMasks({
 *   client,
 *   projectId: "proj_seg_demo",
 *   filters: { statusIn: ["complete"] },
 *   outputFolder: "./output",
 *   replaceExtension: true,
 * });
 * console.log(`Exported ${summary.exported} masks to "${summary.folder}"`);
 * ```
 */
export async function exportMasks(options: ExportMasksOptions): Promise<ExportSummary> {
  if ((options.format ?? "mask") !== "mask") return await exportOneFile(options);
  const started = performance.now();
  const startedAt = options.now ?? new Date();
  const { client, projectId, signal } = options;
  if (typeof projectId !== "string" || projectId.trim() === "") {
    throw new ConfigError("The project id is missing: give the id of the project to export", {
      setting: "project-id",
    });
  }
  // the lab API spec, "Tasks": without these optional fields the lab sends no masks.
  let filters = exportTaskFilters(validateTaskFilters(options.filters ?? {}));
  const maskFormat = options.maskFormat ?? "rgb";
  if (!MASK_FORMATS.includes(maskFormat)) {
    throw new ConfigError(
      `The mask format "${maskFormat}" is unknown; choose one of ${MASK_FORMATS.join(", ")}`,
      { setting: "mask-format" },
    );
  }
  const budget = new MemoryBudget(options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES);
  const mode = folderMode(options);
  const folder = exportFolder(options, startedAt);
  const files = new ExportFolderFs(folder, { fileSystem: options.fileSystem });
  if (!options.dryRun) await probeExportFolder(files, mode);
  const prepared = options.dryRun || mode === "overwrite"
    ? { previous: [] }
    : await prepareExportFolder(files, mode);
  const source = resolveMaskSource(await client.getProjectConfiguration(projectId), options);
  if (options.semanticMapping !== undefined && maskFormat !== "rgb") {
    throw new ConfigError(
      `A semantic mapping recolours "rgb" masks only; the mask format is "${maskFormat}"`,
      { setting: "semantic-mapping" },
    );
  }
  const colourByBChannel = options.semanticMapping === undefined
    ? undefined
    : resolveSemanticMapping(options.semanticMapping, source.labels);
  const table = classTable(source.labels, { ignoreIndex: options.ignoreIndex });
  const settings = {
    inputId: source.input?.id,
    replaceExtension: options.replaceExtension ?? false,
    semanticMapping: options.semanticMapping,
    ignoreIndex: table.ignoreIndex,
    filters: options.filters ?? {},
    shard: options.shard,
  };
  if (mode === "incremental") filters = incrementalFilters(filters, prepared, maskFormat, settings);
  if (mode === "overwrite" && !options.dryRun) await prepareExportFolder(files, mode);

  const summary = emptySummary(projectId, folder, maskFormat, options.dryRun ?? false);
  // Closed when this function returns or throws: the run has drained its tasks by then.
  using pool = new ConvertPool({ workerUrl: options.workerUrl });
  const report = options.report && !options.dryRun
    ? new ExportReport(table.classes, files)
    : undefined;
  const run = new ExportRun(files, {
    exporter: new TaskExporter(files, {
      format: maskFormat,
      table,
      colourByBChannel,
      source,
      maxPixels: options.maxPixels,
      pool,
      report,
      budget,
    }),
    summary,
    createFolder: async () => {
      await createExportFolder(files, mode);
      if (maskFormat === "class-index" || maskFormat === "palette") {
        await files.writeFile("labelmap.json", TEXT.encode(labelmapJson(table)));
        await files.writeFile("labelmap.txt", TEXT.encode(labelmapTxt(table)));
      }
    },
    previous: prepared.previous,
    keepComplete: mode === "resume",
    replaceExtension: options.replaceExtension,
    shard: options.shard,
    dryRun: options.dryRun ?? false,
    platform: options.platform ?? hostPlatform(),
    concurrency: options.concurrency ?? Math.max(2, navigator.hardwareConcurrency),
    onProgress: options.onProgress,
  });
  try {
    if (mode === "incremental" && !options.dryRun) await run.begin();
    let first = true;
    const masks = new MaskDetacher(source);
    for await (const page of client.taskPages(projectId, filters, { onTask: masks.detach })) {
      if (first) {
        summary.total = page.totalDocs;
        options.onProgress?.({ type: "start", total: summary.total, folder });
        first = false;
      }
      for (const task of page.docs) {
        signal?.throwIfAborted();
        await run.take(task as Task, masks.take(task as Task));
      }
    }
    if (mode === "incremental") {
      const unseen = run.unseen();
      const removed = await removedEntries(
        client,
        projectId,
        filters,
        options.filters ?? {},
        unseen,
        files,
      );
      summary.removed = removed.size;
      summary.carried = unseen.length - removed.size;
      run.append(unseen.map((entry) => removed.get(entry.taskId) ?? entry));
    }
  } catch (error) {
    await run.abandon();
    throw error;
  }
  await run.finish(folder);
  if (summary.folderCreated) {
    // Written last: an incremental update starts from this time, so it must only ever follow a
    // complete manifest. A resumed export keeps its first run's time, when its tasks were read.
    const metadata = { projectId, startedAt: startedAt.toISOString(), maskFormat, settings };
    if (mode !== "resume" || !(await files.exists(METADATA_NAME))) {
      await writeMetadata(files, metadata);
    }
  }
  summary.durationMs = performance.now() - started;
  if (report && summary.folderCreated) {
    const run = { projectId, filters: options.filters ?? {}, shard: options.shard, startedAt };
    const { path, labels } = await report.write(run, summary);
    Object.assign(summary, { report: path, labels });
    summary.durationMs = performance.now() - started;
  }
  return summary;
}

const TEXT = new TextEncoder();

/** `lab`, `yolo`, `coco`: refuses the settings that shape masks or folders, then writes the file. */
function exportOneFile(options: ExportMasksOptions): Promise<ExportSummary> {
  const format = options.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new ConfigError(
      `The format "${format}" is unknown; choose one of ${EXPORT_FORMATS.join(", ")}`,
      { setting: "format" },
    );
  }
  const maskOnly = [
    ["mask-format", options.maskFormat],
    ["semantic-mapping", options.semanticMapping],
    ["ignore-index", options.ignoreIndex],
    ["resume", options.resume || undefined],
    ["incremental", options.incremental],
  ] as const;
  for (const [setting, value] of maskOnly) {
    if (value === undefined) continue;
    const why = setting === "resume" || setting === "incremental"
      ? "it works on an export folder's manifest, and this format writes one file"
      : "it shapes mask files";
    throw new ConfigError(
      `--${setting} is not supported with --format ${format}: ${why}; remove it, or use ` +
        "--format mask",
      { setting },
    );
  }
  return exportFormat({ ...options, format: format as "lab" | "yolo" | "coco" });
}

function folderMode(options: ExportMasksOptions): FolderMode {
  const chosen = [
    options.resume ? "resume" : undefined,
    options.incremental !== undefined ? "incremental" : undefined,
    options.overwrite ? "overwrite" : undefined,
  ].filter((mode) => mode !== undefined);
  if (chosen.length > 1) {
    throw new ConfigError(
      `Choose one of --${chosen.join(", --")}: they treat an existing export folder differently`,
      { setting: chosen[1] },
    );
  }
  return (chosen[0] as FolderMode | undefined) ?? "new";
}

function exportFolder(options: ExportMasksOptions, startedAt: Date): string {
  if (options.incremental !== undefined) {
    if (options.outputFolder || options.outputFilename) {
      throw new ConfigError(
        "An incremental export updates the folder it names; leave out --output-folder and " +
          "--output-filename",
        { setting: "incremental" },
      );
    }
    const target = resolve(options.incremental);
    return target.endsWith(".jsonl") ? resolve(target, "..") : target;
  }
  if (options.resume && !options.outputFilename) {
    throw new ConfigError(
      "To resume, give the interrupted export's --output-filename (and --output-folder): the " +
        "default name has the time in it",
      { setting: "output-filename" },
    );
  }
  const name = options.outputFilename ||
    defaultExportFolderName(options.projectId, startedAt, { platform: options.platform });
  return outputPathOf(options.outputFolder, name, "export folder");
}
