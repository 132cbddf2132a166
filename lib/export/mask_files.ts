import { checkExportOptionTypes } from "./_export_option_types.ts";
import type { TaskSource } from "../api/task_source.ts";
import type { Task, TaskFilters } from "../api/types.ts";
import type { SemanticMapping } from "../detect/resolve_semantic_mapping.ts";
import { MasksError, PngError, TaskError } from "../errors.ts";
import { planExport, planMasks } from "./_export_plan.ts";
import { readClassMap } from "./read_class_map.ts";
import { splitOf, type SplitPart } from "../model/split_plan.ts";
import { runMaskJob } from "./_mask_job.ts";
import { eachTask } from "./_task_loop.ts";
import { maskOf } from "../detect/mask_of.ts";
import { maskFailureReason, taskMaskOf } from "./_task_decoder.ts";
import { maskFilePath } from "../model/mask_file_path.ts";
import { MaskFileRegistry } from "../model/mask_file_registry.ts";
import type { MaskFormat } from "./mask_format.ts";
import { taskIdsOf } from "../model/task_ids.ts";

/** Options of {@linkcode maskFiles}: those of `exportMasks` that shape the masks and their names. */
export interface MaskFilesOptions {
  /** Where tasks come from: a `LabClient`, or an offline `ExportFileSource`. */
  client: TaskSource;
  /** The project (`project_id`). */
  projectId: string;
  /** For a `form` project with several mask inputs, the one to read (`input_id`). @default {undefined} */
  inputId?: string;
  /** Which tasks, as the SDK's get-tasks filters. @default {{}} (all tasks) */
  filters?: TaskFilters;
  /** Name files `a.png` rather than `a.jpg.png` (`replace_extension`). @default {false} */
  replaceExtension?: boolean;
  /** `rgb` format: recolour labels, label id → `[r, g, b]` (`semantic_mapping`). @default {undefined} */
  semanticMapping?: SemanticMapping;
  /** The kind of mask file: `rgb` (the SDK's), `class-index`, `palette`, `instance`, `binary`. @default {"rgb"} */
  maskFormat?: MaskFormat;
  /** `class-index` and `palette`: the index of pixels whose label is unknown. @default {255} */
  ignoreIndex?: number;
  /** Refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
  /** Keep an earlier export's class numbering: its `labelmap.json` or folder. @default {undefined} */
  labelmapFrom?: string;
  /** With a kept class map: reserve the index of a label the configuration lost, not stop. @default {false} */
  allowRemovedLabels?: boolean;
  /** Split the tasks by a hash of each task id, `train=80,val=20`: paths start `<split>/`. @default {undefined} */
  split?: string | readonly SplitPart[];
  /** The seed hashed with each task id to split the tasks. @default {"lab-masks"} */
  splitSeed?: string;
}

/** One file of a task's mask, as {@linkcode maskFiles} yields it. */
export interface MaskFile {
  /** The task the mask belongs to. */
  task: Task;
  /** The path `exportMasks` would write it to, relative to the export folder, `/`-separated. */
  path: string;
  /** The PNG file's bytes. */
  png: Uint8Array;
  /** Set instead of `png` (which is then empty) when this task's mask cannot be made. */
  error?: TaskError;
}

/**
 * The masks of a project, in memory: the SDK's `export_tasks(format="mask", in_memory=True)`, as
 * an async iterator that holds one task's mask at a time, so a project of any size fits.
 *
 * Each file has the bytes and the path `exportMasks` would write (the same naming, de-duplication
 * and portability rules). Tasks without a mask are passed over; a task whose mask or name is bad
 * yields one item with its `error`, and the others still come.
 *
 * @param options The project, filters and format.
 * @returns The files, task by task in the server's order.
 * @throws {ConfigError} when a setting is wrong or the project cannot export masks.
 * @throws {ApiError} when the API refuses or cannot be reached.
 * @throws {TypeError} when an option's value is of the wrong type (`overwrite: "false"`), or
 * `client` is missing.
 * @throws {RangeError} when a number is out of its range (`concurrency: 0`).
 *
 * @example Count the labelled masks of the demo project
 * ```ts
 * import { LabClient, maskFiles } from "@lab/masks";
 * import { demoProjects, startFakeLab } from "@lab/masks/testing";
 *
 * await using lab = await startFakeLab({ projects: demoProjects() });
 * const client = new LabClient({
 *   endpoint: lab.url,
 *   accessId: lab.accessId,
 *   secretKey: lab.secretKey,
 * });
 * let count = 0;
 * for await (const file of maskFiles({ client, projectId: "proj_seg_demo" })) {
 *   if (!file.error) count++;
 * }
 * console.log(count > 0); // true
 * ```
 */
export async function* maskFiles(options: MaskFilesOptions): AsyncGenerator<MaskFile> {
  checkExportOptionTypes(options);
  const { client } = options;
  // The same checks and the same reading of the project as `exportMasks`: no folder is involved.
  const plan = planExport(options);
  const { projectId, requestFilters: filters, maskFormat: format } = plan;
  const pinned = options.labelmapFrom === undefined
    ? undefined
    : await readClassMap(options.labelmapFrom);
  const { source, colourByBChannel, table } = planMasks(
    await client.getProjectConfiguration(projectId),
    plan,
    { ...options, pinned },
  );
  const taskMask = taskMaskOf(source, { maxPixels: options.maxPixels });
  const registry = new MaskFileRegistry();
  for await (const { task } of eachTask({ client, projectId, filters })) {
    const mask = maskOf(task, source);
    if (mask === undefined) continue;
    let rendered;
    try {
      const split = plan.split && `${splitOf(String(task._id), plan.split)}/`;
      const file = registry.claim(
        (split ?? "") + maskFilePath(task, { replaceExtension: options.replaceExtension }),
        String(task._id),
      );
      // A value that is no mask fails as a mask that cannot be read, below.
      if (mask.kind === "invalid") throw new MasksError(mask.reason);
      rendered = await runMaskJob({
        ...taskMask(mask),
        file,
        format,
        table,
        colourByBChannel,
      });
    } catch (error) {
      if (error instanceof TaskError) {
        yield { task, path: "", png: new Uint8Array(), error };
        continue;
      }
      if (!(error instanceof MasksError)) throw error;
      const reason = maskFailureReason(mask, error.message);
      const failure = new TaskError(reason, {
        ...taskIdsOf(task),
        setting: error instanceof PngError ? error.setting : undefined,
        cause: error,
      });
      yield { task, path: "", png: new Uint8Array(), error: failure };
      continue;
    }
    for (const { path, bytes } of rendered.files) yield { task, path, png: bytes };
  }
}
