/**
 * The flags of `export`, read from the settings table (`lib/settings/export_setting_table.ts`):
 * every row with a flag, in `--help` order.
 *
 * @module
 */

import {
  EXPORT_SETTINGS,
  type FilterOf,
  keyOf,
  type SettingKind,
  type SettingRow,
} from "../settings/export_setting_table.ts";

export type { FilterOf };

/** How a flag's value is read: one string, a list, key=value pairs, or a switch. */
export type FlagKind = SettingKind;

/** What every flag of `export` has: its name, value and help line. */
export interface FlagBase {
  /** The flag without `--`, the SDK's parameter name in kebab-case. */
  name: string;
  /** Its one-letter form without `-`, e.g. `o` for `-o`, when it has one. */
  short?: string;
  /** The value's placeholder in `--help`. */
  value?: string;
  /** The help line. */
  help: string;
  /** The setting's library key (option, task filter, or the CLI's own). */
  setting: string;
  /** The settings table's row. */
  row: SettingRow;
}

/**
 * One flag of `export`: how its value is read (`string`, `list` with repeats and commas, `pairs`
 * of `key=value` with repeats, or a `boolean` switch), and the task filter it sets, if it is one,
 * typed by that kind.
 */
export type ExportFlag =
  | FlagBase & { kind: "string"; filter?: FilterOf<string> }
  | FlagBase & { kind: "list"; filter?: FilterOf<string[]> }
  | FlagBase & { kind: "pairs"; filter?: FilterOf<Record<string, string>> }
  | FlagBase & { kind: "boolean"; filter?: undefined };

/** Every flag of the `export` command, in `--help` order. */
export const EXPORT_FLAGS: readonly ExportFlag[] = EXPORT_SETTINGS.flatMap((row) => {
  if (row.flag === undefined) return [];
  const { flag: name, short, value, help, kind } = row;
  const filter = "filter" in row ? row.filter : undefined;
  const flag = { name, short, value, help, kind, filter, setting: keyOf(row), row };
  // The row's union types the filter by its kind, as the flag's does.
  return [flag as ExportFlag];
});
