import { ConfigError } from "../errors.ts";
import { settingMessage, subject } from "../_setting_message.ts";

/**
 * Reads a polygon tolerance written as text, as a flag or an input gives it: a decimal number of
 * pixels, 0 or more (`0`, `0.5`, `2`).
 *
 * @param text The text, e.g. `"0.5"`.
 * @returns The tolerance in pixels.
 * @throws {ConfigError} with setting `polygonTolerance` when the text is not such a number.
 *
 * @example
 * ```ts
 * import { parsePolygonTolerance } from "@lab/masks/formats";
 *
 * console.log(parsePolygonTolerance(" 0.5 ")); // 0.5
 * ```
 */
export function parsePolygonTolerance(text: string): number {
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text)) {
    throw new ConfigError(
      settingMessage`${subject("polygonTolerance")} is ${
        JSON.stringify(text)
      }: give a number of pixels, 0 or more, like 0.5 (0, the default, keeps every corner)`,
      { setting: "polygonTolerance" },
    );
  }
  return Number(text);
}
