/**
 * The benchmark's identity case (`--only identity`): what hashing every mask's pixels
 * (`pixelSha256`, the dataset id) costs, as the same export with and without it (a copy of `lib/`
 * whose digest hashes nothing), three runs each, alternating.
 *
 * @module
 */

import { median, ms } from "./_figures.ts";
import { identityFreeModule } from "./_identity_free.ts";
import type { CaseRun } from "./_bench_runs.ts";
import type { Line } from "./_report.ts";

/**
 * Runs the three pairs and adds the ratio of the medians to `lines`.
 *
 * @param count The project's task count.
 * @param work The benchmark's work folder (where the copy of `lib/` goes).
 * @param run Runs one export.
 * @param lines The report's lines.
 *
 * @example
 * ```ts ignore
 * await identityCase(1200, work, run, lines);
 * ```
 */
export async function identityCase(
  count: number,
  work: string,
  run: CaseRun,
  lines: Line[],
): Promise<void> {
  console.log(`\n6. Identity cost, ${count} tasks (separate processes, alternating)`);
  const free = await identityFreeModule(work);
  const times = { with: [] as number[], without: [] as number[] };
  for (let round = 0; round < 3; round++) {
    const hashed = await run({ count, label: `identity-${round}` });
    const plain = await run({ count, label: `identity-free-${round}`, exportModule: free });
    times.with.push(hashed.ms);
    times.without.push(plain.ms);
    console.log(`   round ${round + 1}: with ${ms(hashed.ms)}, without ${ms(plain.ms)}`);
  }
  const ratio = median(times.with) / median(times.without);
  lines.push({
    ratio: "6. identity cost: export with pixelSha256 vs without",
    value: ratio,
    target: "≤ 1.05×",
    pass: ratio <= 1.05,
    note: `medians ${ms(median(times.with))} vs ${ms(median(times.without))}`,
  });
}
