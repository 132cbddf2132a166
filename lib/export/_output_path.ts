import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
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
      settingMessage`The output filename "${name}" is an absolute path; give a name inside ${
        mention("outputFolder")
      }, or set ${mention("outputFolder")} to the folder you want`,
      { setting: "outputFilename" },
    );
  }
  if (name.split(/[\\/]/).includes("..")) {
    throw new ConfigError(
      settingMessage`The output filename "${name}" has a ".." segment; name the ${what} inside ${
        mention("outputFolder")
      }, or change ${mention("outputFolder")}`,
      { setting: "outputFilename" },
    );
  }
  return resolve(outputFolder || ".", name);
}
