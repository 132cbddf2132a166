import { UnsafePathError } from "../errors.ts";
import { isAbsolute } from "../_std/path.ts";

/**
 * The segments of a path relative to the export folder.
 *
 * @param relative A path relative to the export folder, `/`-separated.
 * @returns Its names, outermost first.
 * @throws {UnsafePathError} when it is empty, absolute or has an empty, `.` or `..` segment.
 *
 * @example
 * ```ts
 * import { segmentsOf } from "./segments_of.ts";
 *
 * console.log(segmentsOf("street/a.png")); // ["street", "a.png"]
 * ```
 */
export function segmentsOf(relative: string): string[] {
  if (typeof relative !== "string" || relative === "") {
    throw new UnsafePathError(String(relative), "it is empty");
  }
  if (isAbsolute(relative) || /^[A-Za-z]:|^[\\/]/.test(relative)) {
    throw new UnsafePathError(relative, "it is absolute; paths must stay inside the export folder");
  }
  const segments = relative.split(/[\\/]/);
  if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) {
    throw new UnsafePathError(relative, "it climbs out of the export folder or has an empty part");
  }
  return segments;
}

/**
 * The folder of a path relative to the export folder.
 *
 * @param relative A path relative to the export folder, `/`-separated.
 * @returns Its folder, `/`-separated (`""`: the export folder itself).
 * @throws {UnsafePathError} when the path is not one (see {@linkcode segmentsOf}).
 *
 * @example
 * ```ts
 * import { parentOf } from "./segments_of.ts";
 *
 * console.log(parentOf("street/a.png")); // "street"
 * ```
 */
export function parentOf(relative: string): string {
  return segmentsOf(relative).slice(0, -1).join("/");
}
