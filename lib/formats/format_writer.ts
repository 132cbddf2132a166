import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskAnswers } from "../detect/task_mask.ts";
import type { FormatSource } from "./format_source.ts";

/** What became of one task in a one-file export. */
export interface FormatTaskResult {
  /** `exported` (or planned, in a dry run), `skipped` (nothing to export) or `failed`. */
  status: "exported" | "skipped" | "failed";
  /** Why it was skipped or failed. */
  reason?: string;
  /** The setting that would let a failed task through (`maxPixels`), by its canonical key. */
  setting?: string;
  /** Its entry inside the file (a YOLO label file), when it has its own. */
  file?: string;
  /** Its entry's name had it not been taken or unportable (`file` is the one given). */
  renamedFrom?: string;
  /** Why it was renamed. */
  renameReason?: string;
  /** How many of its annotations were left out (COCO: no label with a class). */
  leftOut?: number;
  /**
   * The label ids its entry shows, each once, where the format knows them (`coco`: its
   * annotations' categories; `yolo`, `yolo-seg`: its lines' classes): what the summary's label
   * shares per split count.
   */
  labels?: string[];
}

/** How a format writes tasks into its one file. */
export interface FormatWriter {
  /**
   * Takes the next task in server order. `mine` is false for a task of another shard: the
   * writer may note it (names are claimed by all shards alike) and returns `undefined`.
   */
  take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined>;
  /**
   * How many tasks the export hands to {@linkcode prepare} before it takes the first (0 or
   * absent: none). Tasks are still taken one by one, in server order.
   */
  readonly ahead?: number;
  /** Starts the work of a task to come (a COCO mask read on a worker), before it is taken. */
  prepare?(task: Task, mine: boolean): void;
  /** Completes the file, if any task was written, and moves it into place. */
  finish(): Promise<void>;
  /**
   * Writes the file with no task in it (a split's that got none, beside others that got some),
   * where the format has such a file, and moves it into place; nothing in a dry run.
   */
  finishEmpty?(): Promise<void>;
  /** Removes the unfinished file. */
  abandon(): Promise<void>;
  /** What the user should know about the file, once each, after `finish`. */
  notes?(): string[];
}

/** A task's answers for a format's source: `data.body` (or the lab export's `data`), or the input's. */
export function answersOf(
  task: Task,
  source: FormatSource,
): { answers?: Record<string, unknown>; body?: Record<string, unknown> } {
  // `taskAnswers` only reads the input; the rest of a mask source does not apply here.
  const found = taskAnswers(task, { input: source.input } as MaskSource);
  return { answers: found?.answers, body: found?.body };
}
