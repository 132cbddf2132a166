/**
 * The export pipeline: tasks → masks → PNG files, with the SDK's folder and file naming.
 *
 * @example
 * ```ts
 * import { maskFilePath } from "@lab/masks/export";
 *
 * console.log(maskFilePath({ _id: "t1", name: "a.jpg" }, { replaceExtension: true })); // "a.png"
 * ```
 *
 * @module
 */
export * from "./convert_mask.ts";
export * from "./export_folder_name.ts";
export * from "./export_masks.ts";
export * from "./export_settings.ts";
export * from "../model/file_system.ts";
export * from "../model/export_summary.ts";
export * from "../model/mask_file_path.ts";
export * from "../model/export_metadata.ts";
export * from "./mask_files.ts";
export * from "./labelmap.ts";
export {
  MANIFEST_NAME,
  type ManifestEntry,
  type ManifestFile,
  parseManifest,
  PARTIAL_MANIFEST_NAME,
  readManifest,
} from "../model/manifest.ts";
export * from "./mask_format.ts";
export * from "../model/mask_stats.ts";
export * from "../model/platform.ts";
export * from "../model/shard.ts";
export * from "./panoptic_segments.ts";
export * from "./stuff_labels.ts";
export * from "./read_class_map.ts";
