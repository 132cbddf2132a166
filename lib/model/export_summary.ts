import type { LabelStatistics } from "./label_statistics.ts";
import type { SplitCount } from "./split_counts.ts";

/** What happened to one task. */
export interface TaskOutcome {
  /** The task id. */
  taskId: string;
  /** The task name. */
  taskName: string;
  /**
   * `exported`; `kept` (resume, incremental: the files of an earlier run are already right);
   * `planned` (dry run: would be exported); `skipped` (no mask); `failed` (see `reason`);
   * `removed` (incremental: no longer matches the filters, its files were deleted).
   */
  status: "exported" | "kept" | "planned" | "skipped" | "failed" | "removed";
  /** For exported tasks: the file written, relative to the export folder, with `/` separators. */
  file?: string;
  /** For a renamed task: the path it would have had. */
  renamedFrom?: string;
  /** For a renamed task: why, e.g. `"a.png" is taken by task "t1"` or a Windows device name. */
  renameReason?: string;
  /** For an exported task: what is off, e.g. the mask's size is not the task's image's. */
  warning?: string;
  /** Why the task was skipped or failed, in words that name no setting. */
  reason?: string;
  /**
   * For a failed task that a setting would let through (a larger `memoryBudgetBytes` or
   * `maxPixels`): that setting's canonical key, for each surface to name in its own words.
   */
  setting?: string;
}

/** Progress of an export, as {@linkcode ExportMasksOptions.onProgress} receives it. */
export type ExportEvent =
  | {
    /** The project is checked and the first page of tasks has arrived. */
    type: "start";
    /** How many tasks match the filters. */
    total: number;
    /** The absolute export folder (created when the first mask is written). */
    folder: string;
  }
  | {
    /** One task is done (exported, skipped or failed). */
    type: "task";
    /** What happened to it. */
    outcome: TaskOutcome;
    /** How many tasks are done so far. */
    done: number;
    /** How many tasks match the filters. */
    total: number;
  }
  | {
    /** A task of another shard went by: progress only. */
    type: "advance";
    /** How many tasks are done so far. */
    done: number;
    /** How many tasks match the filters. */
    total: number;
  };

/** How many tasks each list of an {@linkcode ExportSummary} keeps at most. */
export const MAX_LISTED_TASKS = 1000;

/** The lists of tasks an {@linkcode ExportSummary} keeps. */
export type ListedTasks = "skippedTasks" | "plannedTasks" | "failures" | "renamed" | "warnings";

/**
 * How many tasks a summary's list names, counting those it leaves out.
 *
 * @param summary The summary.
 * @param list Which list.
 * @returns The number of tasks of that kind.
 *
 * @example
 * ```ts
 * import { listedTaskCount } from "@lab/masks/export";
 *
 * const summary = { renamed: [], unlisted: { renamed: 3 } };
 * console.log(listedTaskCount(summary, "renamed")); // 3
 * ```
 */
export function listedTaskCount(
  summary: Partial<Pick<ExportSummary, ListedTasks | "unlisted">>,
  list: ListedTasks,
): number {
  return (summary[list]?.length ?? 0) + (summary.unlisted?.[list] ?? 0);
}

/** The result of {@linkcode exportMasks}. */
export interface ExportSummary {
  /** The project id. */
  projectId: string;
  /** The absolute export folder. It exists only when `folderCreated` is true. */
  folder: string;
  /** `--format lab|yolo|coco`: the absolute path of the one file written (or planned). */
  file?: string;
  /** `--format lab|coco` with a split: each split's file, by split name (only those written). */
  splitFiles?: Record<string, string>;
  /** The export format: `mask` (PNG files, when absent), `lab`, `yolo`, `yolo-seg` or `coco`. */
  format?: string;
  /** What the user should know about the output, each said once (e.g. empty YOLO label files). */
  notes?: string[];
  /** `--format coco`: how many vector annotations were left out, having no label with a class. */
  annotationsLeftOut?: number;
  /**
   * The dataset id over the masks' pixels and the class map, recorded in `export.json` (see
   * `datasetIdOf`); absent when no folder was made or a mask has no `pixelSha256`.
   */
  datasetId?: string;
  /** The manifest's path, when one was written. */
  manifest?: string;
  /** The path of `report.html`, when one was written (the `report` option). */
  report?: string;
  /** Per label, most frequent first, when a report was written: tasks, instances, pixel share. */
  labels?: LabelStatistics[];
  /** The mask format. */
  maskFormat: string;
  /** Whether this was a dry run (nothing written). */
  dryRun: boolean;
  /** Whether the export folder was created (the SDK says "Nothing to export" otherwise). */
  folderCreated: boolean;
  /** How many tasks the API returned. */
  total: number;
  /** How many tasks' masks were written. */
  exported: number;
  /** How many tasks' files from an earlier run were already right (resume, incremental). */
  kept: number;
  /** How many tasks a dry run would export. */
  planned: number;
  /** How many tasks' files were removed (incremental: they no longer match the filters). */
  removed: number;
  /** How many tasks of an earlier export were not returned and carried over (incremental). */
  carried: number;
  /** How many tasks had no mask. */
  skipped: number;
  /** How many tasks had a mask that could not be exported. */
  failed: number;
  /**
   * How many tasks each list below leaves out: a list keeps its first
   * {@linkcode MAX_LISTED_TASKS} tasks in task order, so a summary stays small at any project size
   * (the manifest has every task). Absent when none was left out.
   */
  unlisted?: Partial<Record<ListedTasks, number>>;
  /** Tasks that were skipped, in task order. */
  skippedTasks: TaskOutcome[];
  /** Tasks a dry run would export, with their files, in task order. */
  plannedTasks: TaskOutcome[];
  /** Tasks that failed, with reasons, in task order. */
  failures: TaskOutcome[];
  /** Tasks written under another name than their own (taken, or not portable), in task order. */
  renamed: TaskOutcome[];
  /** Tasks exported with a warning (a mask whose size is not the image's), in task order. */
  warnings?: TaskOutcome[];
  /** How long the export took, in milliseconds. */
  durationMs: number;
  /**
   * With a split: per split, in the order given, its tasks with files (written, kept or carried
   * over) and how many of them show each label.
   */
  splits?: Record<string, SplitCount>;
  /**
   * With a kept class map (`labelmapFrom`, or an update's own): where it was read, the labels it
   * did not have (given new indices), those the configuration lost (indices reserved), and
   * whether labels were added or lost since the map was written.
   */
  classMap?: { from: string; added: string[]; reserved: string[]; changed: boolean };
}
