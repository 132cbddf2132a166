/**
 * Datasets you can trust: each mask's `pixelSha256` and the export's `datasetId`, `verify`
 * (an export folder against its manifest), `diff` (two exports, task by task and label by label)
 * and the dataset card (`README.md`, `id2label.json`, `croissant.json`).
 *
 * @example Check an export folder
 * ```ts ignore
 * import { verifyExport } from "@lab/masks/dataset";
 *
 * const report = await verifyExport("./lab_mask_export");
 * if (!report.intact) console.log(report.missing, report.changed, report.unlisted);
 * ```
 *
 * @module
 */
export * from "./card_readme.ts";
export * from "./class_counts.ts";
export * from "./croissant_json.ts";
export * from "./dataset_card_tally.ts";
export * from "./dataset_id.ts";
export * from "./dataset_lines.ts";
export * from "./diff_exports.ts";
export * from "./diff_markdown.ts";
export * from "./export_identity.ts";
export * from "./id2label.ts";
export * from "./read_export.ts";
export * from "./verify_export.ts";
