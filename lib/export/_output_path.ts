import { ConfigError } from "../errors.ts";
import { isAbsolute, resolve } from "../_std/path.ts";

/**
 * The absolute path of what an export writes (its folder, or its one file), checked before any
 * request: the name must stay inside the output folder, so an absolute name or a `..` segment is
 * refused.
 *
 * @param outputFolder The folder it is made in (`.` when empty).
 * @param name The output filename.
 * @param what What the name names, for the message: "export folder" or "file".
 * @returns The resolved path.
 * @throws {ConfigError} when the name is absolute or has a `..` segment.
 */
export function outputPathOf(outputFolder: string | undefined, name: string, what: string): string {
  if (isAbsolute(name) || /^[A-Za-z]:|^[\\/]/.test(name)) {
    throw new ConfigError(
      `The output filename "${name}" is an absolute path; give a name inside --output-folder, ` +
        "or set --output-folder to the folder you want",
      { setting: "output-filename" },
    );
  }
  if (name.split(/[\\/]/).includes("..")) {
    throw new ConfigError(
      `The output filename "${name}" has a ".." segment; name the ${what} inside ` +
        "--output-folder, or change --output-folder",
      { setting: "output-filename" },
    );
  }
  return resolve(outputFolder || ".", name);
}
