/** What happened to one task. */
export interface TaskOutcome {
  /** The task id. */
  taskId: string;
  /** The task name. */
  taskName: string;
  /** `exported`, `skipped` (no mask) or `failed` (see `reason`). */
  status: "exported" | "skipped" | "failed";
  /** For exported tasks: the file written, relative to the export folder, with `/` separators. */
  file?: string;
  /** For a task whose name was taken by an earlier task: the path it would have had. */
  renamedFrom?: string;
  /** Why the task was skipped or failed. */
  reason?: string;
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
  };

/** The result of {@linkcode exportMasks}. */
export interface ExportSummary {
  /** The project id. */
  projectId: string;
  /** The absolute export folder. It exists only when `exported + failed > 0` made it. */
  folder: string;
  /** Whether the export folder was created (the SDK says "Nothing to export" otherwise). */
  folderCreated: boolean;
  /** How many tasks the API returned. */
  total: number;
  /** How many masks were written. */
  exported: number;
  /** How many tasks had no mask. */
  skipped: number;
  /** How many tasks had a mask that could not be exported. */
  failed: number;
  /** Tasks that were skipped, in task order. */
  skippedTasks: TaskOutcome[];
  /** Tasks that failed, with reasons, in the order they ended. */
  failures: TaskOutcome[];
  /** Tasks whose file name was taken by an earlier task, and the name they got instead. */
  renamed: TaskOutcome[];
  /** How long the export took, in milliseconds. */
  durationMs: number;
}
