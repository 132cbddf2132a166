/**
 * What an export shows people: a progress bar or progress lines, and the closing summary.
 *
 * @example
 * ```ts
 * import { ProgressBar } from "@lab/masks/output";
 *
 * const bar = new ProgressBar({ write: () => {} });
 * bar.update(1, 2);
 * ```
 *
 * @module
 */
export * from "./failure_reason.ts";
export * from "./format_summary.ts";
export * from "./progress_bar.ts";
export * from "./progress_reporter.ts";
