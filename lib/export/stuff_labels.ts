import { ConfigError } from "../errors.ts";
import { settingMessage, subject } from "../_setting_message.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

/**
 * Reads the label ids of `stuff` written as text, as a flag or an input gives them: separated by
 * commas or lines (`\,` is a comma inside an id), each trimmed. Whether each is a label with a
 * class is checked once the project's labels are read.
 *
 * @param text The text, e.g. `"road, sky"`.
 * @returns The label ids.
 * @throws {ConfigError} with setting `stuff` when an id is empty.
 * @throws {TypeError} when `text` is not a string.
 *
 * @example
 * ```ts
 * import { parseStuffLabels } from "@lab/masks/export";
 *
 * console.log(parseStuffLabels("road, sky\ngrass")); // [ "road", "sky", "grass" ]
 * ```
 */
export function parseStuffLabels(text: string): string[] {
  checkArgumentType(text, "text", TEXT);
  const ids = text.split(/\r?\n|(?<!\\),/).map((id) => id.replaceAll("\\,", ",").trim());
  if (ids.some((id) => id === "")) {
    throw new ConfigError(
      settingMessage`${subject("stuff")} has an empty label id in ${
        JSON.stringify(text)
      }; give label ids separated by commas`,
      { setting: "stuff" },
    );
  }
  return ids;
}
