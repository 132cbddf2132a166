import { checkExportOptionTypes } from "./_export_option_types.ts";
import type { TaskSource } from "../api/task_source.ts";
import type { TaskFilters } from "../api/types.ts";
import type { SemanticMapping } from "../detect/resolve_semantic_mapping.ts";
import type { ExportEvent, ExportSummary } from "../model/export_summary.ts";
import type { FileSystem } from "../model/file_system.ts";
import type { Platform } from "../model/platform.ts";
import type { Shard } from "../model/shard.ts";
import type { SplitPart } from "../model/split_plan.ts";
import { type ExportFormat, exportFormatEntry } from "./export_formats.ts";
import type { MaskFormat } from "./mask_format.ts";

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
  /** The kind of mask file: `rgb` (the SDK's), `class-index`, `palette`, `instance`, `binary`, `panoptic`. @default {"rgb"} */
  maskFormat?: MaskFormat;
  /** `class-index` and `palette`: the index of pixels whose label is unknown. @default {255} */
  ignoreIndex?: number;
  /**
   * `panoptic`: the label ids that are stuff (one segment per class per image, `isthing: 0`);
   * every other label is a thing (one segment per instance). @default {[]}
   */
  stuff?: string[];
  /** Keep an earlier export's class numbering: its `labelmap.json` or folder (updates keep their own). @default {undefined} */
  labelmapFrom?: string;
  /** With a kept class map: reserve the index of a label the configuration lost, not stop. @default {false} */
  allowRemovedLabels?: boolean;
  /** Split the tasks by a hash of each task id, `train=80,val=20`: files go under `<split>/`. @default {undefined} */
  split?: string | readonly SplitPart[];
  /** The seed hashed with each task id to split the tasks. @default {"lab-masks"} */
  splitSeed?: string;
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
   * Write the dataset card in the export folder: `README.md`, `id2label.json` and
   * `croissant.json`, recorded with their SHA-256 in `export.json`. @default {false}
   */
  card?: boolean;
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
   * `format: "coco"` from masks: each instance as `rle` (compressed RLE) or `polygon` (traced on
   * the pixel edges). @default {"rle"}
   */
  cocoSegmentation?: "rle" | "polygon";
  /**
   * Polygons traced from masks (`coco` with `cocoSegmentation: "polygon"`, `yolo-seg`):
   * Douglas–Peucker tolerance in pixels; 0 keeps every corner. @default {0}
   */
  polygonTolerance?: number;
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
 * @throws {TypeError} when an option's value is of the wrong type (`overwrite: "false"`), or
 * `client` is missing.
 * @throws {RangeError} when a number is out of its range (`concurrency: 0`).
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
  checkExportOptionTypes(options);
  return await exportFormatEntry(String(options.format ?? "mask")).run(options);
}
