/**
 * The options of a one-file export (`exportFormat`): the task selection, the format and the
 * output file.
 *
 * @module
 */

import type { TaskSource } from "../api/task_source.ts";
import type { TaskFilters } from "../api/types.ts";
import type { ExportEvent } from "../model/export_summary.ts";
import type { Shard } from "../model/shard.ts";
import type { FileSystem } from "../model/file_system.ts";
import type { SplitPart } from "../model/split_plan.ts";
import type { OneFileFormatName } from "../formats/one_file_formats.ts";

/** Options of {@linkcode exportFormat}: the export's task selection and output file. */
export interface ExportFormatOptions {
  /** Where tasks come from: a `LabClient`, or an offline `ExportFileSource`. */
  client: TaskSource;
  /** The project to export. */
  projectId: string;
  /** The file format. */
  format: OneFileFormatName;
  /** `yolo`, `coco`: for a `form` project with several fitting inputs, the one to export. @default {undefined} */
  inputId?: string;
  /** Which tasks to export, as the SDK's get-tasks filters. @default {{}} (all tasks) */
  filters?: TaskFilters;
  /** The folder the file is written in; created with its parents. @default {"."} */
  outputFolder?: string;
  /** The file's name, ending `.zip` (yolo) or `.json`. @default {"lab_<format>_<projectId>_<YYYY-MM-DD_HH:MM:SS>.<ext>"} */
  outputFilename?: string;
  /** `yolo`: name label files `a.txt` rather than `a.jpg.txt`. @default {false} */
  replaceExtension?: boolean;
  /** List what would be exported and where; write nothing. @default {false} */
  dryRun?: boolean;
  /** Export only this part of the tasks (stable by task id); each shard writes its own file. @default {undefined} */
  shard?: Shard;
  /** Replace an existing file of the same name. @default {false} */
  overwrite?: boolean;
  /** `coco`, `yolo-seg`: refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
  /** `coco`: how many masks are read at once, each on a worker. @default {navigator.hardwareConcurrency} */
  concurrency?: number;
  /** `coco`: the workers' module, for a bundle that ships its own. @default {the library's} */
  workerUrl?: URL;
  /** `yolo`, `coco`: number classes as an earlier export's `labelmap.json` (or folder) does. @default {undefined} */
  labelmapFrom?: string;
  /** With `labelmapFrom`: reserve the index of a label the configuration lost, not stop. @default {false} */
  allowRemovedLabels?: boolean;
  /** Split the tasks by a hash of each task id, `train=80,val=20`: `lab`, `coco` write a file per split, `yolo` `labels/<split>/`. @default {undefined} */
  split?: string | readonly SplitPart[];
  /** The seed hashed with each task id to split the tasks. @default {"lab-masks"} */
  splitSeed?: string;
  /**
   * `coco` from masks: each instance as `rle` (compressed RLE) or `polygon` (traced on the pixel
   * edges). @default {"rle"}
   */
  cocoSegmentation?: "rle" | "polygon";
  /** Polygons traced from masks (`coco` polygon, `yolo-seg`): Douglas–Peucker tolerance in pixels. @default {0} */
  polygonTolerance?: number;
  /**
   * The low-level file calls the export makes, through the export's file door (the output file
   * is created exclusively under a temporary name, then renamed; a link at its name is refused).
   *
   * @default {DENO_FILE_SYSTEM}
   */
  fileSystem?: FileSystem;
  /** The export's start time, for the default name and COCO's `date_created`. @default {new Date()} */
  now?: Date;
  /** Stops the export between tasks; the unfinished file is removed. */
  signal?: AbortSignal;
  /** Called at the start and after each task. */
  onProgress?: (event: ExportEvent) => void;
}
