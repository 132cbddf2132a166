import { ConfigError } from "../errors.ts";
import { type SemanticMapping, semanticMappingOf } from "./resolve_semantic_mapping.ts";
import { parseJsonText } from "../parse_json_text.ts";
import { settingMessage, subject } from "../_setting_message.ts";
import { readNamedFile } from "../named_file.ts";
import { CALLBACK, checkArgumentType, TEXT } from "../option_types.ts";

const MAPPING = subject("semanticMapping");

/** A mapping is a few hundred labels: a bigger file is not one, and is not read whole. */
const MAX_MAPPING_BYTES = 16 * 1024 * 1024;

/**
 * Reads the `--semantic-mapping` value: JSON text (starting with `{`), or the path of a JSON file.
 * Its shape is checked here; its label ids later, against the project's labels.
 *
 * @param value The flag's value.
 * @param readTextFile Reads a file. @default {a reader of regular files up to 16 MiB}
 * @returns The mapping.
 * @throws {ConfigError} when the file cannot be read, the JSON does not parse, or it is not an
 * object of label id to `[r, g, b]`.
 * @throws {TypeError} when an argument is not of its type.
 *
 * @example
 * ```ts
 * import { loadSemanticMapping } from "@lab/masks/detect";
 *
 * const mapping = await loadSemanticMapping('{"car": [1, 2, 3]}');
 * console.log(mapping); // { car: [ 1, 2, 3 ] }
 * ```
 */
export async function loadSemanticMapping(
  value: string,
  readTextFile: (path: string) => Promise<string> = (path) =>
    readNamedFile(path, { maxBytes: MAX_MAPPING_BYTES }),
): Promise<SemanticMapping> {
  checkArgumentType(value, "value", TEXT);
  checkArgumentType(readTextFile, "readTextFile", CALLBACK);
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
  let parsed: unknown;
  try {
    parsed = parseJsonText(json);
  } catch (error) {
    // The message says where, never what: a file named by mistake may hold a secret.
    throw new ConfigError(
      settingMessage`${MAPPING} is not valid JSON${inline ? "" : ` (in "${text}")`}: ${
        error instanceof Error ? error.message : error
      }; write it like {"car": [128, 64, 128]}`,
      { setting: "semanticMapping" },
    );
  }
  return semanticMappingOf(parsed);
}
