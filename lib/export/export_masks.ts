import { takeTasks } from "../api/_take_tasks.ts";
import type { TaskSource } from "../api/task_source.ts";
import type { TaskFilters } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import type { SemanticMapping } from "../detect/resolve_semantic_mapping.ts";
import type { ExportFormat } from "../formats/format_source.ts";
import { ExportReport } from "../report/export_report.ts";
import { ConvertPool } from "./_convert_pool.ts";
import { exportOneFile } from "./_export_one_file.ts";
import { MaskDetacher } from "./_detach_masks.ts";
import { emptySummary } from "./_empty_summary.ts";
import { ExportFolder } from "./_export_folder.ts";
import { type ExportPlan, type MaskPlan, planExport, planMasks } from "./_export_plan.ts";
import type { PreparedFolder } from "./_folder_preparation.ts";
import type { EarlierManifest } from "./_earlier_manifest.ts";
import { ExportRun } from "./_export_run.ts";
import { incrementalFilters, removedEntry, removeLeftTasks } from "./_incremental.ts";
import { TaskExporter } from "./_task_exporter.ts";
import type { ExportFolderFs } from "./export_folder_fs.ts";
import type { ExportEvent, ExportSummary } from "./export_summary.ts";
import type { FileSystem } from "./file_system.ts";
import type { MaskFormat } from "./mask_format.ts";
import { hostPlatform, type Platform } from "./platform.ts";
import type { Shard } from "./shard.ts";
import { MaskFileRegistry } from "./mask_file_registry.ts";

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
  /**
   * How many masks are converted at once, one worker each; twice as many tasks are in flight, so
   * a worker never waits for the next mask while the main thread writes files.
   *
   * @default {navigator.hardwareConcurrency}
   */
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
  const plan = planExport(options);
  const folder = new ExportFolder(plan.folder, plan.mode, {
    fileSystem: options.fileSystem,
    dryRun: plan.dryRun,
  });
  // The earlier export's names are claimed as its manifest is read: one pass over it, not two.
  const registry = new MaskFileRegistry({
    reserved: ExportFolder.RESERVED_NAMES,
    platform: options.platform ?? hostPlatform(),
  });
  const prepared = await folder.open((entry) => {
    if (entry.path) registry.claim(entry.path, entry.taskId);
  });
  // The earlier manifest's file stays open for the run, and is closed however this ends.
  using earlier = prepared.previous;
  const masks = planMasks(
    await options.client.getProjectConfiguration(plan.projectId),
    plan,
    options,
  );
  const filters = plan.mode === "incremental"
    ? incrementalFilters(plan.requestFilters, prepared, plan.maskFormat, masks.settings)
    : plan.requestFilters;
  await folder.clearEarlier();

  const summary = emptySummary(plan.projectId, plan.folder, plan.maskFormat, plan.dryRun);
  // Closed when this function returns or throws: the run has drained its tasks by then.
  using pool = new ConvertPool({ workerUrl: options.workerUrl, size: options.concurrency });
  const report = options.report && !plan.dryRun
    ? new ExportReport(masks.table.classes, folder.files)
    : undefined;
  const run = exportRun(folder, {
    plan,
    masks,
    prepared,
    summary,
    pool,
    report,
    options,
    registry,
  });
  await runTasks(run, {
    plan,
    filters,
    source: masks.source,
    files: folder.files,
    earlier,
    summary,
    options,
  });
  await run.finish();
  if (summary.folderCreated) {
    const { projectId, startedAt, maskFormat } = plan;
    const { settings } = masks;
    await folder.writeMetadata({
      projectId,
      startedAt: startedAt.toISOString(),
      maskFormat,
      settings,
    });
  }
  summary.durationMs = performance.now() - started;
  if (report && summary.folderCreated) {
    const { projectId, filters, startedAt } = plan;
    await folder.writeReport(
      report,
      { projectId, filters, shard: options.shard, startedAt },
      summary,
    );
    summary.durationMs = performance.now() - started;
  }
  return summary;
}

/** What the run of an export is made of. */
interface RunParts {
  plan: ExportPlan;
  masks: MaskPlan;
  prepared: PreparedFolder;
  summary: ExportSummary;
  pool: ConvertPool;
  report?: ExportReport;
  options: ExportMasksOptions;
  registry: MaskFileRegistry;
}

/** The run of an export: its task exporter, its folder's names, and its pace. */
function exportRun(folder: ExportFolder, parts: RunParts): ExportRun {
  const { plan, masks, options } = parts;
  return new ExportRun(folder, {
    exporter: new TaskExporter(folder.files, {
      format: plan.maskFormat,
      table: masks.table,
      colourByBChannel: masks.colourByBChannel,
      source: masks.source,
      maxPixels: options.maxPixels,
      pool: parts.pool,
      report: parts.report,
      budget: plan.budget,
    }),
    summary: parts.summary,
    createFolder: () => folder.create(plan.maskFormat, masks.table),
    reservedNames: ExportFolder.RESERVED_NAMES,
    previous: parts.prepared.previous,
    keepComplete: plan.mode === "resume",
    replaceExtension: options.replaceExtension,
    shard: options.shard,
    dryRun: plan.dryRun,
    platform: options.platform ?? hostPlatform(),
    registry: parts.registry,
    // One mask waiting for each worker while it converts another.
    inFlight: 2 * parts.pool.size,
    onProgress: options.onProgress,
  });
}

/** What {@linkcode runTasks} works with. */
interface TaskRunContext {
  plan: ExportPlan;
  filters: TaskFilters;
  source: MaskSource;
  files: ExportFolderFs;
  /** The earlier export's manifest (incremental). */
  earlier: EarlierManifest;
  summary: ExportSummary;
  options: ExportMasksOptions;
}

/**
 * Streams the tasks page by page into the run; an incremental run then carries over, or removes,
 * the earlier export's tasks that did not come back. On any error the run stops after its
 * running tasks, keeping the partial manifest for `resume`.
 */
async function runTasks(run: ExportRun, context: TaskRunContext): Promise<void> {
  const { plan, filters, summary, options } = context;
  const { client, signal } = options;
  try {
    if (plan.mode === "incremental" && !plan.dryRun) await run.begin();
    let first = true;
    const masks = new MaskDetacher(context.source);
    for await (const page of client.taskPages(plan.projectId, filters, { onTask: masks.detach })) {
      if (first) {
        summary.total = page.totalDocs;
        options.onProgress?.({ type: "start", total: summary.total, folder: plan.folder });
        first = false;
      }
      for (const task of takeTasks(page)) {
        signal?.throwIfAborted();
        await run.take(task, masks.take(task));
      }
    }
    if (plan.mode === "incremental") {
      const { projectId, filters: userFilters } = plan;
      const query = { projectId, filters, userFilters };
      const files = plan.dryRun ? undefined : context.files;
      const removed = await removeLeftTasks(client, query, context.earlier, files);
      summary.removed = removed;
      summary.carried = await run.carryOver(removedEntry) - removed;
    }
    // Read no more: closed before the new manifest is renamed over it.
    context.earlier.close();
  } catch (error) {
    await run.abandon();
    throw error;
  }
}
