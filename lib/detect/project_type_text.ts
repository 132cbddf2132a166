/**
 * A project's type as a refusal says it: the configuration comes from the lab, so its type may be
 * missing or not text.
 *
 * @module
 */

import { inertLine } from "../inert_text.ts";

/**
 * How a message says what a project's type is.
 *
 * @param projectType The configuration's `projectType`, as the lab sent it.
 * @returns `its type is "…"`, or `it has no type`.
 *
 * @example
 * ```ts
 * import { projectTypeText } from "./project_type_text.ts";
 *
 * console.log(projectTypeText("iat-graph")); // 'its type is "iat-graph"'
 * console.log(projectTypeText(undefined)); // "it has no type"
 * console.log(projectTypeText({ a: 1 })); // 'its type is {"a":1}'
 * ```
 */
export function projectTypeText(projectType: unknown): string {
  if (projectType === undefined || projectType === null) return "it has no type";
  return `its type is ${inertLine(JSON.stringify(projectType))}`;
}
