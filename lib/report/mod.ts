/**
 * The export's report: `report.html`, one self-contained page with per-label bars, histograms
 * and a gallery of mask thumbnails, built from what the export pass already computed.
 *
 * @example
 * ```ts
 * import { histogram, SHARE_BINS } from "@lab/masks/report";
 *
 * console.log(histogram([0, 0.004, 0.6], SHARE_BINS)[0]); // { label: "empty", count: 1 }
 * ```
 *
 * @module
 */
export * from "./colour_thumbnail.ts";
export * from "./escape_html.ts";
export { REPORT_NAME } from "./export_report.ts";
export * from "./histogram.ts";
export * from "./label_statistics.ts";
export * from "./mask_preview.ts";
export * from "./render_report.ts";
export * from "./report_task.ts";
export * from "./unicode_bar.ts";
