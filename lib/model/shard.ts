import { ConfigError } from "../errors.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

/** One part of an export split over several jobs: part `index` of `count`, from 1. */
export interface Shard {
  /** This job's part, from 1 to `count`. */
  index: number;
  /** How many parts there are. */
  count: number;
}

/**
 * Reads a shard as `i/n` (i from 1 to n, a CI matrix index plus one).
 *
 * @param text The value, e.g. `"2/4"`.
 * @returns The shard.
 * @throws {ConfigError} when it is not `i/n` with 1 <= i <= n <= 1024.
 * @throws {TypeError} when `text` is not a string.
 *
 * @example
 * ```ts
 * import { parseShard } from "@lab/masks/export";
 *
 * console.log(parseShard("2/4")); // { index: 2, count: 4 }
 * ```
 */
export function parseShard(text: string): Shard {
  checkArgumentType(text, "text", TEXT);
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count || count > 1024) {
    throw new ConfigError(
      `The shard "${text}" must be i/n with i from 1 to n (at most 1024), like 1/4; in a CI ` +
        "matrix, use the job's index plus one",
      { setting: "shard" },
    );
  }
  return { index, count };
}

/**
 * Whether a task belongs to a shard: FNV-1a of the task id modulo `count`. The same task always
 * lands in the same shard, so `n` jobs cover a project with no overlap and no gap.
 *
 * @param taskId The task id.
 * @param shard The shard.
 * @returns `true` when this shard exports the task.
 *
 * @example
 * ```ts
 * import { inShard } from "@lab/masks/export";
 *
 * const shards = [1, 2, 3].map((index) => inShard("task_0007", { index, count: 3 }));
 * console.log(shards.filter(Boolean).length); // 1
 * ```
 */
export function inShard(taskId: string, shard: Shard): boolean {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(taskId)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shard.count === shard.index - 1;
}
