import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { oneFileFormat } from "../formats/one_file_formats.ts";
import { outputPathOf } from "./_output_path.ts";
import { freeDefaultPath } from "./free_default_path.ts";
import { defaultExportFolderName } from "./export_folder_name.ts";
import type { ExportFormatOptions } from "./export_format_options.ts";

/**
 * The output file's path; a default name an earlier run took in the same second gets `_2`, `_3`...
 * (a split's files get their names from it).
 */
export async function freeOutputPath(options: ExportFormatOptions, now: Date): Promise<string> {
  const path = outputPath(options, now);
  if (options.outputFilename || options.overwrite) return path;
  const { extension } = oneFileFormat(options.format);
  return await freeDefaultPath(path, { extension, fileSystem: options.fileSystem });
}

/** The output file's absolute path, checked before any request. */
function outputPath(options: ExportFormatOptions, now: Date): string {
  const { extension, prefix } = oneFileFormat(options.format);
  const stamp = defaultExportFolderName(options.projectId, now).slice(
    -"YYYY-MM-DD_HH:MM:SS".length,
  );
  const name = options.outputFilename ||
    `${prefix}${options.projectId}_${stamp}${extension}`;
  // The SDK compares the last characters exactly, so `x.ZIP` is refused as it is there.
  if (!name.endsWith(extension)) {
    throw new ConfigError(
      settingMessage`The output filename "${name}" must end with "${extension}" for ${
        mention("format")
      } ${options.format}; for example "${name.replace(/\.[^./]*$/, "")}${extension}"`,
      { setting: "outputFilename" },
    );
  }
  return outputPathOf(options.outputFolder, name, "file");
}
