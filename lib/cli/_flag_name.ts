import type { SettingRole } from "../errors.ts";
import { EXPORT_FLAGS } from "./export_flag_table.ts";

// The settings the command line reads from the environment, not from a flag.
const VARIABLES: Readonly<Record<string, string>> = {
  accessId: "ISAHIT_LAB_API_ACCESS_ID",
  secretKey: "ISAHIT_LAB_API_SECRET_KEY",
  endpoint: "ISAHIT_LAB_API_ENDPOINT",
};

/**
 * A setting in the command line's words: its flag, `Option "--output-folder"` as a message's
 * subject and `--output-folder` in passing; a credential by its environment variable.
 *
 * @param setting The canonical key, e.g. `"outputFolder"` or `"statusIn"`.
 * @param role Whether the message is about the setting, or names it in passing.
 * @returns The setting in the command line's words.
 */
export function flagName(setting: string, role: SettingRole): string {
  if (Object.hasOwn(VARIABLES, setting)) return VARIABLES[setting];
  const flag = `--${flagOf(setting)}`;
  return role === "subject" ? `Option ${JSON.stringify(flag)}` : flag;
}

/** The flag (without `--`) that sets a library option or task filter. */
function flagOf(setting: string): string {
  const kebab = setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return EXPORT_FLAGS.find((flag) => flag.setting === setting)?.name ?? kebab;
}

/**
 * The canonical key of the setting a flag sets, e.g. `--status-in` → `statusIn`,
 * `--memory-budget` → `memoryBudgetBytes`.
 *
 * @param flag The flag without `--`.
 * @returns The setting's key.
 */
export function settingOfFlag(flag: string): string {
  return EXPORT_FLAGS.find((known) => known.name === flag)?.setting ??
    flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
