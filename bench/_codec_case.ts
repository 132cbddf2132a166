/**
 * The benchmark's per-mask case (`--only codec`): the CPU one thread spends on a mask, ours
 * against `sharp`'s, with each other format's figure and the output's size beside the SDK's.
 *
 * @module
 */

import { codecCosts, formatCosts, outputSizes } from "./_codec_cost.ts";
import { kb } from "./_figures.ts";
import type { PooledMask } from "./_mask_pool.ts";
import type { Line } from "./_report.ts";

/**
 * Measures the pool's masks, prints each figure, and adds the ratios to `lines`.
 *
 * @param pool The benchmark's distinct masks.
 * @param rounds Passes over the pool (each figure is the median).
 * @param lines The report's lines.
 *
 * @example
 * ```ts ignore
 * await codecCase(pool, 5, lines);
 * ```
 */
export async function codecCase(
  pool: readonly PooledMask[],
  rounds: number,
  lines: Line[],
): Promise<void> {
  console.log("\n2. Per-mask CPU, one thread (ms per 1920×1080 mask, median of rounds)");
  for (const cost of await codecCosts(pool, rounds)) {
    console.log(
      `   ${cost.kind.padEnd(16)} ours ${cost.ours.toFixed(2)}  general route ${
        cost.general.toFixed(2)
      }  sharp ${cost.native.toFixed(2)}`,
    );
    lines.push({
      ratio: `2. CPU/mask ${cost.kind}, ours vs sharp`,
      value: cost.ours / cost.native,
      target: "≤ 0.5×",
      pass: cost.ours / cost.native <= 0.5,
    });
  }
  console.log(
    "   Other formats, runMaskJob (ms per mask): the kernels' strip reader vs the general one",
  );
  for (const cost of await formatCosts(pool, rounds)) {
    console.log(
      `   ${cost.format.padEnd(16)} kernels ${cost.kernels.toFixed(2)}  general ${
        cost.general.toFixed(2)
      }  (${(cost.general / cost.kernels).toFixed(2)}× faster)`,
    );
  }
  const sizes = await outputSizes(pool);
  console.log(
    `   Output size per mask: ours ${kb(sizes.ours)}, the SDK's (OpenCV defaults) ${
      kb(sizes.sdk)
    }, sharp level 1 ${kb(sizes.native)}: ours/SDK = ${(sizes.ours / sizes.sdk).toFixed(2)}×`,
  );
}
