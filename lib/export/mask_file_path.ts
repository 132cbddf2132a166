import type { Task } from "../api/types.ts";
import { TaskError } from "../errors.ts";

/** Options of {@linkcode maskFilePath}. */
export interface MaskFilePathOptions {
  /**
   * Cut the task name at its last `.` before adding `.png` (`a.b.jpg` → `a.b.png`), as the SDK's
   * `replace_extension`.
   *
   * @default {false}
   */
  replaceExtension?: boolean;
}

/**
 * The path of a task's mask file inside the export folder: `<task name>.png`, where each `/` of
 * the name makes a subfolder.
 *
 * Unlike the SDK, a name that would write outside the export folder is refused, and
 * `replaceExtension` only cuts within the last path segment (the SDK would cut `dir.v2/frame` to
 * `dir.png`).
 *
 * @param task The task (its id and name).
 * @param options Whether to replace the name's extension.
 * @returns A relative path with `/` separators, ending in `.png`.
 * @throws {TaskError} when the name is empty, absolute, has a `..` segment, a backslash or a
 * control character.
 *
 * @example
 * ```ts
 * import { maskFilePath } from "@lab/masks";
 *
 * console.log(maskFilePath({ _id: "t1", name: "street/a.b.jpg" })); // "street/a.b.jpg.png"
 * console.log(maskFilePath({ _id: "t1", name: "a.b.jpg" }, { replaceExtension: true })); // "a.b.png"
 * ```
 */
export function maskFilePath(
  task: Pick<Task, "_id" | "name">,
  options: MaskFilePathOptions = {},
): string {
  const name = task.name;
  const refuse = (reason: string) =>
    new TaskError(`its name ${reason}, so no mask file can be named after it`, {
      taskId: task._id,
      taskName: String(name),
    });
  if (typeof name !== "string" || name.trim() === "") throw refuse("is empty");
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw refuse("has a control character");
  if (name.includes("\\")) throw refuse("has a backslash");
  if (name.startsWith("/")) throw refuse("is an absolute path");
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    throw refuse('has a ".." segment that would leave the export folder');
  }
  if (segments.length === 0) throw refuse("has no file name part");
  let last = segments[segments.length - 1];
  if (options.replaceExtension && last.lastIndexOf(".") > -1) {
    last = last.slice(0, last.lastIndexOf("."));
  }
  segments[segments.length - 1] = `${last}.png`;
  return segments.join("/");
}
