import type { Task } from "../api/types.ts";
import { TaskError } from "../errors.ts";
import { taskIdsOf } from "./task_ids.ts";

/** Options of {@linkcode maskFilePath}. */
export interface MaskFilePathOptions {
  /**
   * Cut the task name at its last `.` before adding `.png` (`a.b.jpg` → `a.b.png`), as the SDK's
   * `replace_extension`.
   *
   * @default {false}
   */
  replaceExtension?: boolean;
  /**
   * What the file is, in a refusal: `"label file"` for YOLO's `.txt` labels.
   *
   * @default {"mask file"}
   */
  fileKind?: string;
}

// `C:\x`, `C:/x` and `C:x` name a drive on Windows.
const DRIVE = /^[A-Za-z]:/;

/**
 * The path of a task's mask file inside the export folder, as the SDK names it:
 * `<task name>.png`, where each `/` of the name makes a subfolder (`lab-api.md`, "What the SDK's
 * mask export does", rule 4). Empty and `.` segments of the name are dropped.
 *
 * Unlike the SDK, a name that could lead outside the export folder on any system is refused: an
 * absolute path (`/x`, `\x`, `C:x`) or a `..` segment (between `/` or `\`). And `replaceExtension`
 * only cuts within the last segment (the SDK would cut `dir.v2/frame` to `dir.png`).
 *
 * The path keeps the name's other characters: `MaskFileRegistry.claim()` makes it
 * portable (control characters, `\`, Windows device names, over-long names) and unique.
 *
 * @param task The task (its id and name).
 * @param options Whether to replace the name's extension.
 * @returns A relative path with `/` separators, ending in `.png`.
 * @throws {TaskError} when the name is not text, is empty, absolute, or has a `..` segment.
 *
 * @example
 * ```ts
 * import { maskFilePath } from "@lab/masks/export";
 *
 * console.log(maskFilePath({ _id: "t1", name: "street/a.b.jpg" })); // "street/a.b.jpg.png"
 * console.log(maskFilePath({ _id: "t1", name: "a.b.jpg" }, { replaceExtension: true })); // "a.b.png"
 * ```
 */
export function maskFilePath(
  task: Pick<Task, "_id" | "name">,
  options: MaskFilePathOptions = {},
): string {
  const name: unknown = task.name;
  const refuse = (reason: string) =>
    new TaskError(
      `its name ${reason}, so no ${options.fileKind ?? "mask file"} can be named after it`,
      taskIdsOf(task),
    );
  if (typeof name !== "string") throw refuse(`is ${name === undefined ? "missing" : "not text"}`);
  if (name.trim() === "") throw refuse("is empty");
  if (name.startsWith("/") || name.startsWith("\\") || DRIVE.test(name)) {
    throw refuse("is an absolute path");
  }
  // A `\` separates folders on Windows: a `..` between backslashes leaves the folder there.
  if (name.split(/[/\\]/).includes("..")) {
    throw refuse('has a ".." segment that would leave the export folder');
  }
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.length === 0) throw refuse("has no file name part");
  let last = segments[segments.length - 1];
  if (options.replaceExtension && last.lastIndexOf(".") > -1) {
    last = last.slice(0, last.lastIndexOf("."));
  }
  segments[segments.length - 1] = `${last}.png`;
  return segments.join("/");
}
