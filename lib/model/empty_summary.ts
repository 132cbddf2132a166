import type { ExportSummary } from "./export_summary.ts";

/** A summary with nothing done yet, for an export of `projectId` to `folder`. */
export function emptySummary(
  projectId: string,
  folder: string,
  maskFormat: string,
  dryRun: boolean,
): ExportSummary {
  return {
    projectId,
    folder,
    maskFormat,
    dryRun,
    folderCreated: false,
    total: 0,
    exported: 0,
    kept: 0,
    planned: 0,
    skipped: 0,
    failed: 0,
    removed: 0,
    carried: 0,
    skippedTasks: [],
    plannedTasks: [],
    failures: [],
    renamed: [],
    warnings: [],
    durationMs: 0,
  };
}
