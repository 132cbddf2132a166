/**
 * Export isahit **lab** segmentation masks as PNG files, like the Python SDK's
 * `export_tasks(format="mask")`, with pixel-identical masks: `iat-segmentation` projects and
 * `form` projects with a `tool-iat-segmentation` input, every task filter, the SDK's folder and
 * file names, `replaceExtension` and `semanticMapping`.
 *
 * ```ts ignore
 * import { exportMasks, LabClient } from "@lab/masks";
 *
 * const summary = await exportMasks({
 *   client: new LabClient({
 *     endpoint: "https://hub-api.isahit.com/",
 *     accessId: Deno.env.get("ISAHIT_LAB_API_ACCESS_ID")!,
 *     secretKey: Deno.env.get("ISAHIT_LAB_API_SECRET_KEY")!,
 *   }),
 *   projectId: "proj_seg_demo",
 *   filters: { statusIn: ["complete", "reviewed"] },
 * });
 * console.log(`Exported ${summary.exported} masks to "${summary.folder}"`);
 * ```
 *
 * Run as a program (`deno run -A jsr:@lab/masks export ...`), it is the `lab-masks` command line,
 * exactly as `@lab/masks/cli`.
 *
 * The pieces work alone too: {@linkcode LabClient} walks a project's tasks,
 * {@linkcode ExportFileSource} reads an earlier JSON export instead, {@linkcode convertMask} turns
 * one mask into the PNG the SDK writes, and {@linkcode maskFiles} yields a project's masks in memory
 * (the SDK's `in_memory`). Errors are {@linkcode ConfigError} (fix the settings),
 * {@linkcode ApiError} (the lab refused) and {@linkcode TaskError} (one task; the others are
 * exported).
 *
 * Specialist pieces have their own entry points: `@lab/masks/api` (filters, dates, request
 * events), `@lab/masks/detect` (project types, inputs, label tables), `@lab/masks/raster` (the PNG
 * codec, semantic mapping, rasterizing shapes), `@lab/masks/export` (file names, mask formats,
 * labelmaps, manifests), `@lab/masks/formats` (the `lab`, `yolo` and COCO files),
 * `@lab/masks/report`, `@lab/masks/output` (progress and summaries), `@lab/masks/cli` (the
 * command line's `run`) and `@lab/masks/testing` (a fake lab for your own tests).
 *
 * @module
 */
// The export, and where its tasks come from.
export { exportMasks, type ExportMasksOptions } from "./lib/export/export_masks.ts";
export type { ExportSettings } from "./lib/export/export_settings.ts";
export type {
  ExportEvent,
  ExportSummary,
  ListedTasks,
  TaskOutcome,
} from "./lib/model/export_summary.ts";
export { convertMask, type ConvertMaskOptions } from "./lib/export/convert_mask.ts";
export { type MaskFile, maskFiles, type MaskFilesOptions } from "./lib/export/mask_files.ts";
export { LabClient } from "./lib/api/lab_client.ts";
export type { LabClientFromEnvOptions, LabClientOptions } from "./lib/api/lab_client_options.ts";
export { DEFAULT_ENDPOINT } from "./lib/api/credentials_from_env.ts";
export { ExportFileSource, type ExportFileSourceOptions } from "./lib/api/export_file_source.ts";
export type { TaskPagesOptions, TaskSource } from "./lib/api/task_source.ts";
export type {
  ConfigurationMetadata,
  FormInput,
  Label,
  LabelOptions,
  ProjectConfiguration,
  Task,
  TaskData,
  TaskFilters,
  TaskPage,
} from "./lib/api/types.ts";
export type { RequestEvent } from "./lib/api/request_event.ts";
// The types the options and the summary are made of.
export type { RgbColour, SemanticMapping } from "./lib/detect/resolve_semantic_mapping.ts";
export type { ExportFormat } from "./lib/export/export_formats.ts";
export type { OneFileFormatName } from "./lib/formats/one_file_formats.ts";
export type { MaskFormat } from "./lib/export/mask_format.ts";
export type { Shard } from "./lib/model/shard.ts";
export type { SplitPart } from "./lib/model/split_plan.ts";
export type { SplitCount } from "./lib/model/split_counts.ts";
export type { FileSystem } from "./lib/model/file_system.ts";
export type { Platform } from "./lib/model/platform.ts";
export type { LabelStatistics } from "./lib/report/label_statistics.ts";
// The errors a script can act on.
export {
  ApiError,
  ConfigError,
  MasksError,
  PngError,
  type SettingNamer,
  type SettingRole,
  type SettingText,
  TaskError,
  UnsafePathError,
} from "./lib/errors.ts";

if (import.meta.main) {
  // Imported only when run as a program, so a library import never loads the command line.
  const { main } = await import("./cli.ts");
  await main();
}
