/**
 * One-file export formats: the SDK's `lab` JSON and `yolo` zip, and COCO instances, with the
 * pieces they are made of (Python number printing, COCO RLE, a ZIP64-capable zip writer).
 *
 * @example
 * ```ts
 * import { pythonFloat } from "@lab/masks/formats";
 *
 * console.log(pythonFloat(0.5), pythonFloat(2)); // "0.5" "2.0"
 * ```
 *
 * @module
 */
export * from "./annotation_label_ids.ts";
export * from "./coco_categories.ts";
export * from "./coco_mask_instances.ts";
export * from "./coco_rle.ts";
export * from "./coco_segmentation.ts";
export * from "./coco_vector_annotation.ts";
export * from "../export/export_format.ts";
export * from "./format_source.ts";
export type { OneFileFormatName } from "./one_file_formats.ts";
export {
  EXPORT_FORMAT_ENTRIES,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportFormatEntry,
  exportFormatEntry,
  type FormatOutput,
  parseExportFormat,
} from "../export/export_formats.ts";
export * from "./lab_task_document.ts";
export * from "./mask_instances.ts";
export * from "./mask_instance_polygons.ts";
export * from "./mask_instance_scanner.ts";
export * from "./output_file.ts";
export * from "./python_json.ts";
export * from "./polygon_tolerance.ts";
export * from "./python_number.ts";
export * from "./simplify_ring.ts";
export * from "./trace_polygons.ts";
export * from "./yolo_label_lines.ts";
export * from "./yolo_names.ts";
export * from "./yolo_segment_lines.ts";
export * from "./zip_writer.ts";
