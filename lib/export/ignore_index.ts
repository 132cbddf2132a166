import { ConfigError } from "../errors.ts";
import { settingMessage, subject } from "../_setting_message.ts";

/** The highest ignore index: class-index and palette masks are 8-bit. */
const MAX_IGNORE_INDEX = 255;

/**
 * Checks an ignore index before any request: a whole number from 1 to 255 (0 is the background).
 * Whether it is above the project's class indices is known once its labels are read.
 *
 * @param index The `ignoreIndex` option.
 * @returns The index, unchanged.
 * @throws {ConfigError} with setting `ignoreIndex` when it is not a whole number from 1 to 255.
 *
 * @example
 * ```ts
 * import { checkIgnoreIndex } from "./ignore_index.ts";
 *
 * console.log(checkIgnoreIndex(200)); // 200
 * ```
 */
export function checkIgnoreIndex(index: number): number {
  if (!Number.isInteger(index) || index < 1 || index > MAX_IGNORE_INDEX) {
    throw ignoreIndexError(String(index));
  }
  return index;
}

/**
 * Reads an ignore index written as text, as a flag or an input gives it: digits only, maybe
 * surrounded by spaces. Its range is checked by the export ({@linkcode checkIgnoreIndex}).
 *
 * @param text The text, e.g. `"200"`.
 * @returns The whole number it writes.
 * @throws {ConfigError} with setting `ignoreIndex` when the text is not a whole number.
 *
 * @example
 * ```ts
 * import { parseIgnoreIndex } from "./ignore_index.ts";
 *
 * console.log(parseIgnoreIndex(" 200 ")); // 200
 * ```
 */
export function parseIgnoreIndex(text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw ignoreIndexError(JSON.stringify(text));
  return Number(text);
}

function ignoreIndexError(shown: string): ConfigError {
  return new ConfigError(
    settingMessage`${
      subject("ignoreIndex")
    } is ${shown}: give a whole number from 1 to ${MAX_IGNORE_INDEX}, above the project's class indices, or leave it out for ${MAX_IGNORE_INDEX}`,
    { setting: "ignoreIndex" },
  );
}
