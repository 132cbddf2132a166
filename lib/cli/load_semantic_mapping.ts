import { ConfigError } from "../errors.ts";
import { settingMessage, subject } from "../_setting_message.ts";

const MAPPING = subject("semanticMapping");

/**
 * Reads the `--semantic-mapping` value: JSON text (starting with `{`), or the path of a JSON file.
 * The mapping's content is checked later, against the project's labels.
 *
 * @param value The flag's value.
 * @param readTextFile Reads a file, e.g. `Deno.readTextFile`.
 * @returns The parsed JSON value.
 * @throws {ConfigError} when the file cannot be read or the JSON does not parse.
 *
 * @example
 * ```ts
 * import { loadSemanticMapping } from "@lab/masks/cli";
 *
 * const mapping = await loadSemanticMapping('{"car": [1, 2, 3]}', Deno.readTextFile);
 * console.log(mapping); // { car: [ 1, 2, 3 ] }
 * ```
 */
export async function loadSemanticMapping(
  value: string,
  readTextFile: (path: string) => Promise<string>,
): Promise<unknown> {
  const text = value.trim();
  const inline = text.startsWith("{");
  let json = text;
  if (!inline) {
    try {
      json = await readTextFile(text);
    } catch (error) {
      throw new ConfigError(
        settingMessage`${MAPPING} is neither JSON text (starting with "{") nor a readable file: cannot read "${text}": ${
          error instanceof Error ? error.message : error
        }`,
        { setting: "semanticMapping", cause: error },
      );
    }
  }
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new ConfigError(
      settingMessage`${MAPPING} is not valid JSON${inline ? "" : ` (in "${text}")`}: ${
        error instanceof Error ? error.message : error
      }; write it like {"car": [128, 64, 128]}`,
      { setting: "semanticMapping", cause: error },
    );
  }
}
