import type { ExportMasksOptions } from "./export_masks.ts";

/**
 * An export's settings as a user chooses them: what the command line's flags and the Action's
 * inputs are both read into. {@linkcode ExportMasksOptions} less what a program supplies at run
 * time (the task source, the signal, progress, the file system, the worker, the clock, the
 * platform).
 *
 * @example
 * ```ts
 * import type { ExportSettings } from "@lab/masks";
 *
 * const settings: ExportSettings = { projectId: "p1", maskFormat: "class-index" };
 * console.log(settings.maskFormat); // "class-index"
 * ```
 */
export type ExportSettings = Omit<
  ExportMasksOptions,
  "client" | "signal" | "onProgress" | "fileSystem" | "workerUrl" | "now" | "platform"
>;
