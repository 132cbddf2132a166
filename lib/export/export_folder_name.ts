/**
 * The SDK's default export folder name: `lab_mask_<projectId>_<YYYY-MM-DD_HH:MM:SS>`, in local
 * time (`lab-api.md`, "What the SDK's mask export does", rule 3).
 *
 * @param projectId The project id.
 * @param now The export's start time.
 * @returns The folder name, without a parent folder.
 *
 * @example
 * ```ts
 * import { defaultExportFolderName } from "@lab/masks";
 *
 * const name = defaultExportFolderName("p1", new Date(2024, 11, 25, 8, 5, 9));
 * console.log(name); // "lab_mask_p1_2024-12-25_08:05:09"
 * ```
 */
export function defaultExportFolderName(projectId: string, now: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  const time = `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
  return `lab_mask_${projectId}_${date}_${time}`;
}
