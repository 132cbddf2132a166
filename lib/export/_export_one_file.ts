import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { exportFormat } from "./export_format.ts";
import type { OneFileFormatName } from "../formats/one_file_formats.ts";
import type { ExportMasksOptions } from "./export_masks.ts";
import type { ExportSummary } from "../model/export_summary.ts";

/** A format that writes one file: refuses the settings that shape masks or folders, then writes the file. */
export function exportOneFile(
  options: ExportMasksOptions,
  format: OneFileFormatName,
): Promise<ExportSummary> {
  const maskOnly = [
    ["maskFormat", options.maskFormat],
    ["semanticMapping", options.semanticMapping],
    ["ignoreIndex", options.ignoreIndex],
    ["stuff", options.stuff],
    ["resume", options.resume || undefined],
    ["incremental", options.incremental],
  ] as const;
  for (const [setting, value] of maskOnly) {
    if (value === undefined) continue;
    const why = setting === "resume" || setting === "incremental"
      ? "it works on an export folder's manifest, and this format writes one file"
      : "it shapes mask files";
    throw new ConfigError(
      settingMessage`${mention(setting)} is not supported with ${
        mention("format")
      } ${format}: ${why}; remove it, or use ${mention("format")} mask`,
      { setting },
    );
  }
  return exportFormat({ ...options, format });
}
