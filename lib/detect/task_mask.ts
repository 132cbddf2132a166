import type { Task } from "../api/types.ts";
import type { MaskSource } from "./resolve_mask_source.ts";

/**
 * Finds a task's mask: `data.body.mask` for `iat-segmentation`, `data.body.<inputId>.mask` for a
 * `form` input. Tasks in the SDK's JSON export shape (`data.mask`, `data.<inputId>.mask`) work too.
 *
 * A task that was never annotated (no `data`, an empty `body`, no or an empty mask) has none: the
 * SDK skips it, and so does the export (`lab-api.md`, "Tasks"). For polygon and rectangle projects
 * the "mask" is the task's `annotations` list, rasterized later.
 *
 * @param task The task document.
 * @param source Where the project keeps its masks.
 * @returns The mask value (normally a PNG `data:` URI, checked later), or `undefined` when the task
 * has no mask.
 *
 * @example
 * ```ts
 * import { taskMask } from "@lab/masks/detect";
 *
 * const source = { projectId: "p1", projectType: "iat-segmentation", labels: [] } as const;
 * const task = { _id: "t1", name: "a.jpg", data: { body: { mask: "data:image/png;base64,AA==" } } };
 * console.log(taskMask(task, source)); // "data:image/png;base64,AA=="
 * console.log(taskMask({ _id: "t2", name: "b.jpg" }, source)); // undefined
 * ```
 */
export function taskMask(task: Task, source: MaskSource): unknown {
  const holder = taskAnswers(task, source)?.answers;
  if (holder === undefined) return undefined;
  // Vector projects: the shapes are the mask; a task with no annotation list was never drawn on.
  if (source.kind === "polygon" || source.kind === "rectangle") {
    return Array.isArray(holder.annotations) ? holder.annotations : undefined;
  }
  const mask = holder.mask;
  return mask === null || mask === "" ? undefined : mask;
}

/** A task's answers, as {@linkcode taskAnswers} finds them. */
export interface TaskAnswers {
  /** `data.body` (API documents), or `data` itself (the SDK's JSON export). */
  body: Record<string, unknown>;
  /** The answers of the source: the form input's object in `body`, or `body` itself. */
  answers?: Record<string, unknown>;
}

/**
 * Finds where a task keeps its answers for a mask source: `data.body` in API documents, `data` in
 * the SDK's JSON export, and for a `form` input the object under the input's id. The mask, the
 * annotations and the image size are read from there.
 *
 * @param task The task document.
 * @param source The project's mask source.
 * @returns The body and the source's answers, or `undefined` for a task without data.
 *
 * @example
 * ```ts
 * import { taskAnswers } from "@lab/masks/detect";
 *
 * const source = { projectId: "f1", projectType: "form", input: { id: "seg" }, labels: [] };
 * const task = { _id: "t1", name: "a.jpg", data: { body: { seg: { mask: "m" } } } };
 * console.log(taskAnswers(task, source)?.answers); // { mask: "m" }
 * ```
 */
export function taskAnswers(task: Task, source: MaskSource): TaskAnswers | undefined {
  const data = task.data;
  if (!isRecord(data)) return undefined;
  const body = isRecord(data.body) ? data.body : data;
  const answers = source.input ? body[source.input.id] : body;
  return { body, answers: isRecord(answers) ? answers : undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
