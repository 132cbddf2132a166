import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import type { ExportFormatOptions } from "./export_format_options.ts";

/** Refuses the class map options where they would do nothing: `lab`, or no map to keep. */
export function checkClassMapOptions(options: ExportFormatOptions): void {
  if (
    options.format === "lab" && (options.labelmapFrom !== undefined || options.allowRemovedLabels)
  ) {
    throw new ConfigError(
      settingMessage`${mention("labelmapFrom")} numbers classes, and ${
        mention("format")
      } lab has none (it keeps every task whole); leave it out`,
      { setting: "labelmapFrom" },
    );
  }
  if (options.allowRemovedLabels && options.labelmapFrom === undefined) {
    throw new ConfigError(
      settingMessage`${mention("allowRemovedLabels")} has no effect without ${
        mention("labelmapFrom")
      }: add the earlier export's class map, or leave it out`,
      { setting: "allowRemovedLabels" },
    );
  }
}
