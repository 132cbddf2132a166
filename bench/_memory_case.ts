/**
 * The benchmark's memory cases: the peak RSS of exports of more and more tasks against the first
 * (`--only memory`), and of one and of eight very large masks at once, in every mask format
 * (`--only large`). Each export runs in a process of its own.
 *
 * @module
 */

import { BenchRuns, type CaseRun } from "./_bench_runs.ts";
import { mb } from "./_figures.ts";
import { largeProjectId } from "./_large_mask.ts";
import type { Line } from "./_report.ts";
import { MASK_FORMATS } from "../lib/export/mask_format.ts";

/** How many large masks are exported at once, and the most each may peak at (MB). */
const LARGE: readonly { count: number; limit: number }[] = [
  { count: 1, limit: 300 },
  { count: 8, limit: 600 },
];

/**
 * Exports each task count, and adds each larger run's peak against the first to `lines`: within
 * 10% up to four times the tasks, 20% beyond, and at most 200 MB.
 *
 * @param counts The task counts, the first the reference.
 * @param run Runs one export.
 * @param lines The report's lines.
 *
 * @example
 * ```ts ignore
 * await memoryCase([2400, 9600, 38400], run, lines);
 * ```
 */
export async function memoryCase(
  counts: readonly number[],
  run: CaseRun,
  lines: Line[],
): Promise<void> {
  console.log(`\n3. Peak memory, exportMasks (separate processes)`);
  const peaks: number[] = [];
  for (const count of counts) {
    const result = await run({ count, label: `ours-${count}` });
    console.log(`   ${String(count).padStart(5)} tasks: ${BenchRuns.report(result)}`);
    peaks.push(result.peakRss);
  }
  for (const [i, count] of counts.entries()) {
    if (i === 0) continue;
    const ratio = peaks[i] / peaks[0];
    const within = count <= 4 * counts[0] ? 0.1 : 0.2;
    lines.push({
      ratio: `3. peak RSS ${count} vs ${counts[0]} tasks`,
      value: ratio,
      target: `within ${within * 100}%, ≤ 200 MB`,
      pass: Math.abs(ratio - 1) <= within && peaks[i] <= 200 * 2 ** 20,
      note: `${mb(peaks[i])} vs ${mb(peaks[0])}`,
    });
  }
}

/**
 * Exports one and eight large masks at once in every mask format, and adds each peak to `lines`.
 *
 * @param size The masks' size.
 * @param run Runs one export.
 * @param lines The report's lines.
 *
 * @example
 * ```ts ignore
 * await largeCase({ width: 10000, height: 10000 }, run, lines);
 * ```
 */
export async function largeCase(
  size: { width: number; height: number },
  run: CaseRun,
  lines: Line[],
): Promise<void> {
  const { width, height } = size;
  console.log(`\n5. Peak memory, ${width}×${height} masks (separate processes)`);
  for (const format of MASK_FORMATS) {
    for (const { count, limit } of LARGE) {
      const result = await run({
        count,
        label: `large-${format}-${count}`,
        projectId: largeProjectId(count),
        maskFormat: format,
        concurrency: count,
      });
      console.log(`   ${format.padEnd(11)} ${count} at once: ${BenchRuns.report(result)}`);
      lines.push({
        ratio: `5. peak RSS, ${count} × ${width}×${height} ${format}`,
        value: result.peakRss / 2 ** 20,
        unit: " MB",
        target: `≤ ${limit} MB`,
        pass: result.peakRss <= limit * 2 ** 20,
      });
    }
  }
}

/** The large-mask counts the lab must serve. */
export const LARGE_COUNTS: readonly number[] = LARGE.map(({ count }) => count);
