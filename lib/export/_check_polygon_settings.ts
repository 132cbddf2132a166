import { ConfigError } from "../errors.ts";
import { mention, settingMessage, subject } from "../_setting_message.ts";
import { parseCocoSegmentation } from "../formats/coco_segmentation.ts";
import type { ExportFormatOptions } from "./export_format_options.ts";

/**
 * Checks the settings of polygons traced from masks before any request.
 *
 * @throws {ConfigError} when `cocoSegmentation` is neither `rle` nor `polygon` or comes with
 * another format than `coco`, or `polygonTolerance` is not a number >= 0 or comes without
 * traced polygons.
 */
export function checkPolygonSettings(options: ExportFormatOptions): void {
  const { format, cocoSegmentation, polygonTolerance } = options;
  if (cocoSegmentation !== undefined) {
    parseCocoSegmentation(cocoSegmentation);
    if (format !== "coco") {
      throw new ConfigError(
        settingMessage`${subject("cocoSegmentation")} shapes ${
          mention("format")
        } coco only; the format is ${format}`,
        { setting: "cocoSegmentation" },
      );
    }
  }
  if (polygonTolerance === undefined) return;
  if (typeof polygonTolerance !== "number" || !(polygonTolerance >= 0) || polygonTolerance > 1e6) {
    throw new ConfigError(
      settingMessage`${
        subject("polygonTolerance")
      } must be a number of pixels from 0 to 1000000; got "${polygonTolerance}"`,
      { setting: "polygonTolerance" },
    );
  }
  if (format !== "yolo-seg" && !(format === "coco" && cocoSegmentation === "polygon")) {
    throw new ConfigError(
      settingMessage`${
        subject("polygonTolerance")
      } simplifies polygons traced from masks: use it with ${mention("format")} yolo-seg, or ${
        mention("format")
      } coco and ${mention("cocoSegmentation")} polygon`,
      { setting: "polygonTolerance" },
    );
  }
}
