import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { isAbsolute, resolve } from "../_std/path.ts";

/**
 * The absolute path of what an export writes (its folder, or its one file), checked before any
 * request: the name must stay inside the output folder, so an absolute name, a `..` segment or
 * a name for the output folder itself (`.`) is refused.
 *
 * @param outputFolder The folder it is made in (`.` when empty).
 * @param name The output filename.
 * @param what What the name names, for the message: "export folder" or "file".
 * @returns The resolved path.
 * @throws {ConfigError} when the name is absolute, has a `..` segment or names the output folder.
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
  const path = resolve(outputFolder || ".", name);
  // `.` or `./`: the SDK would find it taken; the Action, which may write only there, could not
  // even check it.
  if (path === resolve(outputFolder || ".")) {
    throw new ConfigError(
      settingMessage`The output filename "${name}" names ${
        mention("outputFolder")
      } itself; give the ${what} a name of its own inside it`,
      { setting: "outputFilename" },
    );
  }
  return path;
}
