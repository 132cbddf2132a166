/**
 * The benchmark's first case (`--only export`): the SDK-like sequential baseline and our export
 * of the same project, each in a process of its own, three rounds, and the median of the three
 * ratios. Each of our runs also says where its CPU time went (the main thread, the workers, V8's
 * helpers) and how many cores it kept busy, and the case ends with what the 12× bound asks of
 * that time: what bounds the ratio, measured in the same run rather than told.
 *
 * @module
 */

import type { RunnerResult } from "./_export_runner.ts";
import type { Line } from "./_report.ts";
import { median, ms } from "./_figures.ts";
import { describeCpu } from "./_thread_cpu.ts";

/** The ratio the issue asks on an idle machine (median of three), so that a busy one shows 10×. */
const BOUND = 12;

/**
 * Runs the three rounds, prints each run, and adds the median ratio to `lines`.
 *
 * @param tasks The project's task count.
 * @param runs Runs one export of either contender; `report` says what one cost, in a line.
 * @param lines The report's lines.
 *
 * @example
 * ```ts ignore
 * await endToEndCase(2400, { run, report }, lines);
 * ```
 */
export async function endToEndCase(
  tasks: number,
  runs: {
    run: (mode: "sdk" | "ours", label: string) => Promise<RunnerResult>;
    report: (result: RunnerResult) => string;
  },
  lines: Line[],
): Promise<void> {
  const { run, report } = runs;
  const ratios: number[] = [];
  const baselines: number[] = [];
  const ours: RunnerResult[] = [];
  for (let round = 1; round <= 3; round++) {
    const sdk = await run("sdk", `sdk-${round}`);
    console.log(`   round ${round}, SDK-like sequential baseline (sharp): ${report(sdk)}`);
    const result = await run("ours", `ours-${round}`);
    console.log(`   round ${round}, exportMasks:                          ${report(result)}`);
    if (result.cpu) console.log(`      CPU: ${describeCpu(result.cpu, result.ms, tasks)}`);
    ratios.push(sdk.ms / result.ms);
    baselines.push(sdk.ms);
    ours.push(result);
  }
  const cpus = ours.flatMap((result) => result.cpu ? [result.cpu] : []);
  if (cpus.length > 0) {
    const workers = median(cpus.map((cpu) => cpu.workers));
    const cores = navigator.hardwareConcurrency;
    console.log(
      `   ${BOUND}× asks at most ${
        ms(median(baselines) / BOUND)
      } (the baseline's median / ${BOUND}); ` +
        `the workers' CPU alone (median ${ms(workers)}) takes ${ms(workers / cores)} ` +
        `of all ${cores} cores`,
    );
  }
  lines.push({
    ratio: "1. exportMasks vs SDK baseline (median of 3)",
    value: median(ratios),
    target: `≥ ${BOUND}× idle`,
    pass: median(ratios) >= BOUND,
  });
}
