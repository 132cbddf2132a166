/**
 * What a lab project id may be, checked before it names a request or a folder.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";

/**
 * A project id, refused when it cannot be a lab project's: blank, not well-formed Unicode (a
 * lone surrogate, which the URL would turn into U+FFFD, another id), with a control character
 * (which no file name may hold, and the export's folder is named after the project), or `.` or
 * `..` (which the URL would resolve to another path).
 *
 * @param projectId The project id, as given.
 * @returns The same id.
 * @throws {ConfigError} naming the id and what is wrong with it.
 *
 * @example
 * ```ts
 * import { projectIdOf } from "./project_id.ts";
 *
 * console.log(projectIdOf("64f1c2a9e4b0")); // "64f1c2a9e4b0"
 * try {
 *   projectIdOf("..");
 * } catch (error) {
 *   console.log((error as Error).message); // 'The project id ".." names a folder, not a project: give the id of a lab project.'
 * }
 * ```
 */
export function projectIdOf(projectId: string): string {
  const fault = projectIdFault(projectId);
  if (fault !== undefined) {
    throw new ConfigError(
      `The project id ${JSON.stringify(projectId)} ${fault}: give the id of a lab project.`,
      { setting: "projectId" },
    );
  }
  return projectId;
}

/**
 * What is wrong with a project id, if anything (see {@linkcode projectIdOf}).
 *
 * @param projectId The project id, as given.
 * @returns The fault, e.g. `"holds a control character"`, or `undefined` for a sound id.
 *
 * @example
 * ```ts
 * import { projectIdFault } from "./project_id.ts";
 *
 * console.log(projectIdFault("p1"), projectIdFault(" ")); // undefined "is empty"
 * ```
 */
export function projectIdFault(projectId: string): string | undefined {
  if (projectId.trim() === "") return "is empty";
  if (!projectId.isWellFormed()) return "is not well-formed Unicode (it holds a lone surrogate)";
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(projectId)) return "holds a control character";
  if (projectId === "." || projectId === "..") return "names a folder, not a project";
  return undefined;
}
