import { hostPlatform, type Platform } from "../model/platform.ts";

/** Options of {@linkcode defaultExportFolderName}. */
export interface ExportFolderNameOptions {
  /**
   * The platform the folder is made on: Windows refuses `:` in a name, so there the time is
   * written `HH-MM-SS`.
   *
   * @default {hostPlatform()}
   */
  platform?: Platform;
}

/**
 * The SDK's default export folder name: `lab_mask_<projectId>_<YYYY-MM-DD_HH:MM:SS>`, in local
 * time (`lab-api.md`, "What the SDK's mask export does", rule 3). On Windows, which refuses `:`
 * in names, the time is `HH-MM-SS`.
 *
 * @param projectId The project id.
 * @param now The export's start time.
 * @param options The platform.
 * @returns The folder name, without a parent folder.
 *
 * @example
 * ```ts
 * import { defaultExportFolderName } from "@lab/masks/export";
 *
 * const now = new Date(2024, 11, 25, 8, 5, 9);
 * console.log(defaultExportFolderName("p1", now, { platform: "posix" })); // "lab_mask_p1_2024-12-25_08:05:09"
 * console.log(defaultExportFolderName("p1", now, { platform: "windows" })); // "lab_mask_p1_2024-12-25_08-05-09"
 * ```
 */
export function defaultExportFolderName(
  projectId: string,
  now: Date,
  options: ExportFolderNameOptions = {},
): string {
  const two = (value: number) => String(value).padStart(2, "0");
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  const separator = (options.platform ?? hostPlatform()) === "windows" ? "-" : ":";
  const time = [now.getHours(), now.getMinutes(), now.getSeconds()].map(two).join(separator);
  return `lab_mask_${projectId}_${date}_${time}`;
}
