import type { ExportSummary } from "../model/export_summary.ts";
import type { SplitPlan } from "../model/split_plan.ts";
import type { ExportFormatOptions } from "./export_format_options.ts";
import { OutputFile } from "../formats/output_file.ts";
import { oneFileFormat } from "../formats/one_file_formats.ts";

/**
 * The files to write, checked before any request: one, or with a split (`lab`, `coco`) one per
 * split, `<name>_<split>.json`, by split name. A zip (`yolo`, `yolo-seg`) holds every split's
 * `labels/<split>/` folder and stays one file.
 */
export async function outputFiles(
  path: string,
  split: SplitPlan | undefined,
  options: ExportFormatOptions,
): Promise<Map<string, OutputFile>> {
  const paths = split === undefined || oneFileFormat(options.format).extension === ".zip"
    ? new Map([["", path]])
    : new Map(split.parts.map(({ name }) => [name, path.replace(/(\.[^./\\]*)$/, `_${name}$1`)]));
  const files = new Map<string, OutputFile>();
  for (const [name, each] of paths) {
    // A file per split: all are placed, or none (see `OutputFile.commitAll`).
    const together = paths.size > 1;
    const file = new OutputFile(each, { fileSystem: options.fileSystem, together });
    if (!options.dryRun) await file.checkTarget(options.overwrite ?? false);
    files.set(name, file);
  }
  return files;
}

/** Names the files written: the first as `file`, and each split's in `splitFiles`. */
export function endSummary(summary: ExportSummary, files: Map<string, OutputFile>): void {
  const started = [...files].filter(([, file]) => file.started);
  summary.folderCreated = started.length > 0;
  if (files.size > 1) {
    summary.splitFiles = Object.fromEntries(started.map(([name, file]) => [name, file.path]));
    if (started.length > 0) summary.file = started[0][1].path;
  }
  if (!summary.folderCreated) delete summary.file;
}
