import type { TaskOutcome } from "../model/export_summary.ts";

/**
 * Names a setting the way one surface does (`--memory-budget` on the command line), or gives
 * `undefined` when that surface has no way to set it.
 *
 * @param setting The canonical key, e.g. `"memoryBudgetBytes"`.
 * @returns The setting in that surface's words.
 */
export type SettingHint = (setting: string) => string | undefined;

/**
 * A failed task's reason for people: the library's words, which name no setting, followed by the
 * setting that would let the task through (when there is one) in the surface's own words.
 *
 * @param outcome The failed task's reason, and the setting that would let it through.
 * @param hintOf How the surface names a setting. @default {none: the reason alone}
 * @returns The reason, e.g. `"... to export it (--memory-budget)"`.
 *
 * @example
 * ```ts
 * import { failureReason } from "@lab/masks/output";
 *
 * const outcome = { reason: "its mask is above the memory budget", setting: "memoryBudgetBytes" };
 * console.log(failureReason(outcome, () => "--memory-budget"));
 * // "its mask is above the memory budget (--memory-budget)"
 * ```
 */
export function failureReason(
  outcome: Pick<TaskOutcome, "reason" | "setting">,
  hintOf?: SettingHint,
): string {
  const reason = outcome.reason ?? "";
  const hint = outcome.setting === undefined ? undefined : hintOf?.(outcome.setting);
  return hint === undefined ? reason : `${reason} (${hint})`;
}
