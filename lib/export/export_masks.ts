import type { LabClient } from "../api/lab_client.ts";
import type { Task, TaskFilters } from "../api/types.ts";
import { validateTaskFilters } from "../api/validate_task_filters.ts";
import { resolveMaskSource } from "../detect/resolve_mask_source.ts";
import {
  resolveSemanticMapping,
  type SemanticMapping,
} from "../detect/resolve_semantic_mapping.ts";
import { taskMask } from "../detect/task_mask.ts";
import { ConfigError, TaskError } from "../errors.ts";
import { exists } from "../_std/fs.ts";
import { resolve } from "../_std/path.ts";
import { TaskPool } from "./_task_pool.ts";
import { defaultExportFolderName } from "./export_folder_name.ts";
import type { ExportEvent, ExportSummary, TaskOutcome } from "./export_summary.ts";
import { maskFilePath } from "./mask_file_path.ts";
import { MaskFileRegistry } from "./mask_file_registry.ts";
import { MaskWriter } from "./_mask_writer.ts";

/** Options of {@linkcode exportMasks}: the SDK's `export_tasks(format="mask")` parameters. */
export interface ExportMasksOptions {
  /** The lab API client, e.g. `new LabClient({ endpoint, accessId, secretKey })`. */
  client: LabClient;
  /** The project to export (`project_id`). */
  projectId: string;
  /**
   * For a `form` project with several segmentation inputs, the one to export (`input_id`).
   *
   * @default {undefined} (the form's single `tool-iat-segmentation` input)
   */
  inputId?: string;
  /** Which tasks to export, as the SDK's get-tasks filters. @default {{}} (all tasks) */
  filters?: TaskFilters;
  /** The folder the export folder is made in (`output_folder`). @default {"."} */
  outputFolder?: string;
  /**
   * The export folder's name (`output_filename`).
   *
   * @default {"lab_mask_<projectId>_<YYYY-MM-DD_HH:MM:SS>"}
   */
  outputFilename?: string;
  /** Name files `a.png` rather than `a.jpg.png` (`replace_extension`). @default {false} */
  replaceExtension?: boolean;
  /** Recolour labels: label id → `[r, g, b]` (`semantic_mapping`). @default {undefined} */
  semanticMapping?: SemanticMapping;
  /** How many masks are converted at once. @default {navigator.hardwareConcurrency, at least 2} */
  concurrency?: number;
  /** Refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
  /** The export's start time, for the default folder name. @default {new Date()} */
  now?: Date;
  /** Stops the export between tasks; masks already written stay complete. */
  signal?: AbortSignal;
  /** Called at the start and after each task, for progress bars and logs. */
  onProgress?: (event: ExportEvent) => void;
}

/**
 * Exports a project's segmentation masks as PNG files, like the SDK's
 * `export_tasks(format="mask")`, with pixel-identical masks.
 *
 * Tasks stream in page by page and are written as they come; a task without a mask is skipped, a
 * task whose mask or name is bad is reported in the summary while the others are still written,
 * and two tasks with the same name both keep their mask.
 *
 * @param options The project, filters, output and recolouring.
 * @returns What was exported, skipped and failed, and where.
 * @throws {ConfigError} when a setting is wrong, the project cannot export masks, or the export
 * folder already exists (before any mask is written).
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
  const started = performance.now();
  const { client, projectId, signal } = options;
  if (typeof projectId !== "string" || projectId.trim() === "") {
    throw new ConfigError("The project id is missing: give the id of the project to export", {
      setting: "project-id",
    });
  }
  const filters = validateTaskFilters(options.filters ?? {});
  const folder = resolve(
    options.outputFolder || ".",
    options.outputFilename || defaultExportFolderName(projectId, options.now ?? new Date()),
  );
  if (await exists(folder)) {
    throw new ConfigError(
      `The export folder "${folder}" already exists; choose another output filename or move ` +
        `the old export away (the SDK refuses it too)`,
      { setting: "output-filename" },
    );
  }
  const source = resolveMaskSource(await client.getProjectConfiguration(projectId), options);
  const colourByBChannel = options.semanticMapping === undefined
    ? undefined
    : resolveSemanticMapping(options.semanticMapping, source.labels);

  const writer = new MaskWriter(folder, { colourByBChannel, maxPixels: options.maxPixels });
  const registry = new MaskFileRegistry();
  const pool = new TaskPool(options.concurrency ?? Math.max(2, navigator.hardwareConcurrency));
  const summary: ExportSummary = {
    projectId,
    folder,
    folderCreated: false,
    total: 0,
    exported: 0,
    skipped: 0,
    failed: 0,
    skippedTasks: [],
    failures: [],
    renamed: [],
    durationMs: 0,
  };
  let done = 0;
  let fatal: unknown;
  const finish = (outcome: TaskOutcome) => {
    done++;
    if (outcome.status === "exported") summary.exported++;
    if (outcome.status === "skipped") (summary.skipped++, summary.skippedTasks.push(outcome));
    if (outcome.status === "failed") (summary.failed++, summary.failures.push(outcome));
    if (outcome.renamedFrom !== undefined) summary.renamed.push(outcome);
    options.onProgress?.({ type: "task", outcome, done, total: summary.total });
  };

  try {
    let first = true;
    for await (const page of client.taskPages(projectId, filters)) {
      if (first) {
        summary.total = page.totalDocs;
        options.onProgress?.({ type: "start", total: summary.total, folder });
        first = false;
      }
      for (const task of page.docs) {
        signal?.throwIfAborted();
        if (fatal !== undefined) throw fatal;
        const planned = planTask(task, source, registry, options);
        if (!("mask" in planned)) {
          finish(planned);
          continue;
        }
        await pool.run(async () => {
          try {
            finish(await writer.write(planned.mask, planned.outcome));
          } catch (error) {
            fatal ??= error;
          }
        });
      }
    }
  } finally {
    await pool.drain();
  }
  if (fatal !== undefined) throw fatal;
  summary.folderCreated = writer.folderCreated;
  summary.durationMs = performance.now() - started;
  return summary;
}

interface PlannedTask {
  mask: unknown;
  outcome: TaskOutcome & { file: string };
}

/** Decides, in task order, whether a task is skipped or failed at once, or which file it gets. */
function planTask(
  task: Task,
  source: ReturnType<typeof resolveMaskSource>,
  registry: MaskFileRegistry,
  options: ExportMasksOptions,
): PlannedTask | TaskOutcome {
  const base = { taskId: String(task._id), taskName: String(task.name) };
  const mask = taskMask(task, source);
  if (mask === undefined) return { ...base, status: "skipped", reason: "no mask" };
  let wanted: string;
  try {
    wanted = maskFilePath(task, { replaceExtension: options.replaceExtension });
  } catch (error) {
    if (!(error instanceof TaskError)) throw error;
    return { ...base, status: "failed", reason: error.reason };
  }
  const file = registry.claim(wanted, base.taskId);
  const outcome: TaskOutcome & { file: string } = { ...base, status: "exported", file };
  if (file !== wanted) outcome.renamedFrom = wanted;
  return { mask, outcome };
}
