import { Sha256 } from "../sha256.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { checkArgumentType, type OptionType } from "../option_types.ts";

/** Reused for every task: a `node:crypto` hash per task piled up (see sha256.ts). */
const bucketHasher = new Sha256();
const SEPARATOR = new Uint8Array([0]);

/** One split of a dataset: its name and its whole percentage of the tasks. */
export interface SplitPart {
  /** The split's name: letters, digits, `_` and `-`, e.g. `train`. */
  name: string;
  /** Its share of the tasks, a whole percentage. */
  percent: number;
}

/** How an export splits its tasks: the splits in order, and the seed of the task hash. */
export interface SplitPlan {
  /** The splits, in the order given; their percentages sum to 100. */
  parts: SplitPart[];
  /** The seed hashed with each task id. */
  seed: string;
}

/** The seed of the split hash when none is given. */
export const DEFAULT_SPLIT_SEED = "lab-masks";

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** What `parseSplit` reads: the flag's text, or the parts. */
const SPLIT: OptionType = {
  expects: "a string like train=80,val=20 or a list of { name, percent }",
  is: (value) => typeof value === "string" || Array.isArray(value),
};

/**
 * Reads the splits of an export, `train=80,val=20[,test=…]`: names of letters, digits, `_` and `-`
 * (each once, none of the names Windows refuses for a folder, such as `con`), whole percentages
 * from 0 to 100 summing to 100.
 *
 * @param split The splits, as text or as parts.
 * @param seed The seed hashed with each task id. @default {DEFAULT_SPLIT_SEED}
 * @returns The plan.
 * @throws {ConfigError} naming the part at fault.
 * @throws {TypeError} when `split` is neither a string nor a list.
 *
 * @example
 * ```ts
 * import { parseSplit } from "@lab/masks/model";
 *
 * console.log(parseSplit("train=80,val=20").parts); // [{ name: "train", percent: 80 }, { name: "val", percent: 20 }]
 * ```
 */
export function parseSplit(
  split: string | readonly SplitPart[],
  seed: string = DEFAULT_SPLIT_SEED,
): SplitPlan {
  checkArgumentType(split, "split", SPLIT);
  const fail = (why: string): never => {
    throw new ConfigError(
      `The split ${JSON.stringify(split)} cannot be used: ${why}; write it as names and whole ` +
        "percentages summing to 100, e.g. train=80,val=20",
      { setting: "split" },
    );
  };
  const parts = typeof split === "string"
    ? split.split(",").map((part) => {
      const match = /^\s*([^=\s]*)\s*=\s*(\S*)\s*$/.exec(part);
      if (!match) return fail(`"${part.trim()}" is not name=percent`);
      return { name: match[1], percent: /^\d{1,3}$/.test(match[2]) ? Number(match[2]) : NaN };
    })
    : split.map(({ name, percent }) => ({ name, percent }));
  const names = new Set<string>();
  for (const { name, percent } of parts) {
    if (typeof name !== "string" || !NAME.test(name)) {
      fail(`the name "${name}" is not 1 to 64 letters, digits, _ or -`);
    }
    // A split is a folder: one Windows refuses would be renamed there, and nowhere else.
    if (/^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i.test(name)) {
      fail(`"${name}" cannot be a folder on Windows`);
    }
    // Folders of names that differ only in case are one folder on Windows and macOS.
    if (names.has(name.toLowerCase())) fail(`"${name}" is named twice (case aside)`);
    names.add(name.toLowerCase());
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      fail(`the percentage of "${name}" is not a whole number from 0 to 100`);
    }
  }
  const total = parts.reduce((sum, part) => sum + part.percent, 0);
  if (total !== 100) fail(`the percentages sum to ${total}, not 100`);
  if (typeof seed !== "string") {
    throw new ConfigError("The split seed must be text", { setting: "splitSeed" });
  }
  return { parts, seed };
}

/**
 * The split of an export's options, checked: `undefined` without one; a seed without a split is
 * refused, as a setting that would do nothing.
 *
 * @param options The split and its seed.
 * @returns The plan, if any.
 * @throws {ConfigError} when the split is not valid, or a seed comes without it.
 *
 * @example
 * ```ts
 * import { splitPlanOf } from "@lab/masks/model";
 *
 * console.log(splitPlanOf({ split: "train=80,val=20", splitSeed: "v2" })?.seed); // "v2"
 * ```
 */
export function splitPlanOf(
  options: { split?: string | readonly SplitPart[]; splitSeed?: string },
): SplitPlan | undefined {
  if (options.split === undefined) {
    if (options.splitSeed === undefined) return undefined;
    throw new ConfigError(
      settingMessage`${mention("splitSeed")} has no effect without ${mention("split")}: add ${
        mention("split")
      }, e.g. train=80,val=20, or leave it out`,
      { setting: "splitSeed" },
    );
  }
  return parseSplit(options.split, options.splitSeed);
}

/**
 * The split of a task: the first 8 bytes of SHA-256(seed, a 0 byte, the task id, both UTF-8) as a
 * big-endian unsigned integer, modulo 100, falls in one split's range of the cumulative
 * percentages, in the order given (`train=80,val=20`: 0–79 train, 80–99 val). It depends on the
 * task id and the seed alone: the same in every run, shard, update and machine.
 *
 * @param taskId The task id.
 * @param plan The splits and the seed.
 * @returns The split's name.
 *
 * @example
 * ```ts
 * import { parseSplit, splitOf } from "@lab/masks/model";
 *
 * const plan = parseSplit("train=50,val=50");
 * console.log(splitOf("t1", plan) === splitOf("t1", plan)); // true
 * ```
 */
export function splitOf(taskId: string, plan: SplitPlan): string {
  const bucket = splitBucket(taskId, plan.seed);
  let upTo = 0;
  for (const part of plan.parts) {
    upTo += part.percent;
    if (bucket < upTo) return part.name;
  }
  // Unreachable: the percentages sum to 100.
  return plan.parts[plan.parts.length - 1].name;
}

/**
 * The bucket 0..99 of a task, as {@linkcode splitOf} computes it.
 *
 * @param taskId The task id.
 * @param seed The seed.
 * @returns The bucket.
 *
 * @example
 * ```ts
 * import { splitBucket } from "@lab/masks/model";
 *
 * const bucket = splitBucket("t1", "lab-masks");
 * console.log(bucket >= 0 && bucket < 100); // true
 * ```
 */
export function splitBucket(taskId: string, seed: string): number {
  const digest = bucketHasher.update(seed).update(SEPARATOR).update(taskId).digestHex();
  // The digest's first 8 bytes as a big-endian unsigned integer.
  return Number(BigInt(`0x${digest.slice(0, 16)}`) % 100n);
}
