/**
 * What `ConvertPool` runs, shared by its two sides: the jobs by name (the same functions run in
 * a worker or, as a fallback, on the calling thread), the messages, and errors as plain data
 * that come back as the class they were thrown as.
 *
 * @module
 */

import { ApiError, ConfigError, MasksError, PngError, TaskError } from "../errors.ts";
import { type MaskJob, type RenderedMask, runMaskJob } from "./_mask_job.ts";
import {
  type CocoMaskInstances,
  cocoMaskInstances,
  type CocoMaskJob,
} from "../formats/coco_mask_instances.ts";
import {
  type CocoPolygonInstances,
  cocoPolygonInstances,
  type MaskPolygonsJob,
} from "../formats/mask_instance_polygons.ts";
import {
  type YoloSegmentFile,
  yoloSegmentFile,
  type YoloSegmentJob,
} from "../formats/yolo_segment_lines.ts";
import { intactFiles, type IntactFilesJob } from "./_intact_files.ts";
import { join } from "../_std/path.ts";
import { unsafeEntries } from "./_reused_folder_check.ts";
import { type ManifestLines, unwrittenLines } from "./_unwritten_lines.ts";

/** The jobs a pool runs, each with its input and its result. */
export interface PoolJobs {
  /** {@linkcode runMaskJob}: one task's files, size and statistics. */
  render: { input: MaskJob; result: RenderedMask };
  /** {@linkcode cocoMaskInstances}: one mask's instances as COCO's RLE annotations. */
  cocoInstances: { input: CocoMaskJob; result: CocoMaskInstances };
  /** {@linkcode cocoPolygonInstances}: one mask's instances traced, as COCO's JSON text. */
  cocoPolygons: { input: MaskPolygonsJob; result: CocoPolygonInstances };
  /** {@linkcode yoloSegmentFile}: one mask's `yolo-seg` label file, deflated. */
  yoloSegmentFile: { input: YoloSegmentJob; result: YoloSegmentFile };
  /** {@linkcode intactFiles}: whether each of an earlier run's files is intact. */
  intactFiles: { input: IntactFilesJob; result: Uint8Array };
  /** {@linkcode unsafeEntries} of the folder at `root`, walked with `Deno.readDir`. */
  unsafeEntries: { input: { root: string }; result: string[] };
  /** {@linkcode unwrittenLines}: the manifest lines an update parses and writes again. */
  unwrittenLines: { input: ManifestLines; result: number[] };
}

/** The name of a job. */
export type PoolJobName = keyof PoolJobs;

/** How each job runs, and which buffers of its result are transferred rather than copied. */
export const POOL_JOBS: {
  [Name in PoolJobName]: {
    run(input: PoolJobs[Name]["input"]): Promise<PoolJobs[Name]["result"]>;
    transfer(result: PoolJobs[Name]["result"]): ArrayBuffer[];
  };
} = {
  render: {
    run: runMaskJob,
    transfer: (rendered) => [
      ...rendered.files.map((file) => file.bytes.buffer as ArrayBuffer),
      ...(rendered.preview ? [rendered.preview.png.buffer as ArrayBuffer] : []),
    ],
  },
  cocoInstances: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (job) => cocoMaskInstances(job),
    transfer: () => [],
  },
  cocoPolygons: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (job) => cocoPolygonInstances(job),
    transfer: () => [],
  },
  yoloSegmentFile: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (job) => yoloSegmentFile(job),
    transfer: (file) => [file.deflated.buffer as ArrayBuffer],
  },
  intactFiles: {
    run: (job) => intactFiles(job),
    transfer: (intact) => [intact.buffer as ArrayBuffer],
  },
  unsafeEntries: {
    run: ({ root }) =>
      unsafeEntries((folder) =>
        Deno.readDir(folder === "" ? root : join(root, ...folder.split("/")))
      ),
    transfer: () => [],
  },
  unwrittenLines: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (lines) => unwrittenLines(lines),
    transfer: () => [],
  },
};

/** A job as posted to a worker. */
export interface PoolRequest {
  /** The job's number, echoed in the answer. */
  id: number;
  /** Which job. */
  name: PoolJobName;
  /** Its input (structured-cloned), without the shared fields. */
  input: unknown;
  /**
   * Input fields many jobs share (an export's format and class table), copied to each worker
   * once rather than with every job: their number, and the fields with the first job that needs
   * them.
   */
  shared?: { id: number; fields?: object };
}

/**
 * The shared input fields one side of the pool was sent, by number; each job's whole input is
 * its shared fields and its own.
 *
 * @example
 * ```ts
 * import { SharedInputs } from "./_pool_jobs.ts";
 *
 * const inputs = new SharedInputs();
 * inputs.inputOf({ id: 0, name: "render", input: { file: "a.png" }, shared: { id: 1, fields: { format: "rgb" } } });
 * console.log(inputs.inputOf({ id: 1, name: "render", input: { file: "b.png" }, shared: { id: 1 } }));
 * // { format: "rgb", file: "b.png" }
 * ```
 */
export class SharedInputs {
  #fields = new Map<number, object>();

  /** The request's whole input; keeps shared fields sent with it for the next requests. */
  inputOf(request: PoolRequest): unknown {
    if (request.shared === undefined) return request.input;
    const { id, fields } = request.shared;
    if (fields !== undefined) this.#fields.set(id, fields);
    const known = this.#fields.get(id);
    if (known === undefined) throw new RangeError(`Shared input ${id} was never sent`);
    return { ...known, ...request.input as object };
  }
}

/** A worker's answer: the job's result, or the error that stopped it. */
export type PoolAnswer =
  | { id: number; result: unknown }
  | { id: number; error: ErrorData };

/**
 * Runs a job posted to a worker, on that worker.
 *
 * @param request The job.
 * @param shared The shared input fields this worker was sent.
 * @returns The answer to post back, and the buffers to transfer with it.
 */
export async function answerOf(
  request: PoolRequest,
  shared: SharedInputs,
): Promise<{ answer: PoolAnswer; transfer: ArrayBuffer[] }> {
  const { id, name } = request;
  const job = POOL_JOBS[name] as {
    run(input: unknown): Promise<unknown>;
    transfer(result: unknown): ArrayBuffer[];
  };
  try {
    const result = await job.run(shared.inputOf(request));
    return { answer: { id, result }, transfer: job.transfer(result) };
  } catch (error) {
    return { answer: { id, error: errorData(error) }, transfer: [] };
  }
}

/**
 * Runs a job on the calling thread (a pool whose workers cannot start), its shared input fields
 * put back into its input.
 *
 * @param job The job's name, its input, and the fields shared with other jobs, if any.
 * @returns The job's result.
 */
export function runJobHere(
  job: { name: PoolJobName; input: unknown; shared?: object },
): Promise<unknown> {
  const { run } = POOL_JOBS[job.name] as { run(input: unknown): Promise<unknown> };
  return run(job.shared === undefined ? job.input : { ...job.shared, ...job.input as object });
}

/** An error as plain data. */
export interface ErrorData {
  /** The class name, e.g. `PngError`. */
  name: string;
  /** The message. */
  message: string;
  /** The stack, where it was thrown. */
  stack?: string;
  /** The class's own fields (`setting`, `status`, `taskId`...). */
  fields: Record<string, string | number | boolean | undefined>;
}

const ERROR_CLASSES: Readonly<Record<string, { prototype: Error }>> = {
  MasksError,
  ConfigError,
  ApiError,
  TaskError,
  PngError,
  // A programmer's error (an option out of range) stays one across the worker boundary.
  RangeError,
  TypeError,
};

/**
 * Turns an error into plain data that can be posted.
 *
 * @param error What was thrown.
 * @returns Its class name, message, stack and own fields.
 */
export function errorData(error: unknown): ErrorData {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  const fields: ErrorData["fields"] = {};
  for (const [key, value] of Object.entries(error instanceof Error ? error : {})) {
    if (value === undefined || ["string", "number", "boolean"].includes(typeof value)) {
      fields[key] = value;
    }
  }
  return { name, message, stack, fields };
}

/**
 * Turns error data back into an error: an instance of the same class for this package's errors
 * (so callers tell a bad mask from a bug as they would on one thread), else an `Error` with the
 * worker's name, message and stack.
 *
 * @param data The error as plain data.
 * @returns The error to throw.
 */
export function errorOf(data: ErrorData): Error {
  const error = new Error(data.message);
  const known = Object.hasOwn(ERROR_CLASSES, data.name) ? ERROR_CLASSES[data.name] : undefined;
  if (known !== undefined) Object.setPrototypeOf(error, known.prototype);
  else if (data.stack !== undefined) error.stack = data.stack;
  return Object.assign(error, data.fields, { name: data.name });
}
