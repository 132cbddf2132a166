import { ConfigError } from "../errors.ts";
import { settingMessage, subject } from "../_setting_message.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

/** How COCO holds an instance of a mask: compressed RLE, or polygons traced on its pixel edges. */
export type CocoSegmentation = "rle" | "polygon";

/**
 * Reads how COCO should hold masks' instances, as a user typed it.
 *
 * @param text `rle` or `polygon`.
 * @returns The choice.
 * @throws {ConfigError} with setting `cocoSegmentation` when it is neither.
 * @throws {TypeError} when `text` is not a string.
 *
 * @example
 * ```ts
 * import { parseCocoSegmentation } from "@lab/masks/formats";
 *
 * console.log(parseCocoSegmentation("polygon")); // "polygon"
 * ```
 */
export function parseCocoSegmentation(text: string): CocoSegmentation {
  checkArgumentType(text, "text", TEXT);
  if (text === "rle" || text === "polygon") return text;
  throw new ConfigError(
    settingMessage`${subject("cocoSegmentation")} must be "rle" or "polygon"; got "${text}"`,
    { setting: "cocoSegmentation" },
  );
}
