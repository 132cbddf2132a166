/**
 * The benchmark's case of many small masks (`--only scale`): fresh exports of 1,000, 10,000 and
 * 100,000 tasks, a run killed at 60% and resumed, and an incremental run over the finished
 * export with 1% of the tasks changed, each in a process of its own, side by side. The fresh
 * exports a ratio is taken against are run again just after what they are set against (10,000
 * after 100,000, 1,000 after the incremental run), and the ratio takes the mean of the two: a
 * shared machine drifting slower or faster over the case's minutes moves both sides alike.
 *
 * @module
 */

import type { RunnerResult } from "./_export_runner.ts";
import type { Line } from "./_report.ts";
import { CHANGED_EVERY, scaleProjectId } from "./_scale_project.ts";
import { mb } from "./_figures.ts";

/** One export of the case, as the benchmark's `runExport` runs it. */
export interface ScaleRun {
  count: number;
  label: string;
  projectId: string;
  resume?: boolean;
  incremental?: boolean;
  killAfter?: number;
  /** The folder of an earlier run (resume, incremental), instead of a new one. */
  folderOf?: string;
}

/**
 * Runs the case and adds its ratios to `lines`.
 *
 * @param largest The largest project (100,000); the others are a tenth and a hundredth of it.
 * @param run Runs one export and returns what it cost (nothing for a killed run).
 * @param lines The report's lines.
 */
export async function scaleCase(
  largest: number,
  run: (spec: ScaleRun) => Promise<RunnerResult | undefined>,
  lines: Line[],
): Promise<void> {
  const tenth = largest / 10;
  const hundredth = largest / 100;
  const fresh = async (count: number, again = false) => {
    const label = `scale-${count}${again ? "-again" : ""}`;
    const result = await run({ count, label, projectId: scaleProjectId(count) });
    console.log(`   fresh ${String(count).padStart(6)}: ${line(result!)}`);
    return result!;
  };
  const small = await fresh(hundredth);
  const middle = await fresh(tenth);
  const full = await fresh(largest);
  const middleAgain = await fresh(tenth, true);
  const projectId = scaleProjectId(largest);
  const killAt = Math.round(largest * 0.6);
  await run({ count: largest, label: "scale-killed", projectId, killAfter: killAt });
  const resumed = (await run({
    count: largest,
    label: "scale-resumed",
    projectId,
    resume: true,
    folderOf: "scale-killed",
  }))!;
  console.log(`   --resume after a kill at ${killAt}: ${line(resumed)}`);
  const incremental = (await run({
    count: largest,
    label: "scale-incremental",
    projectId,
    incremental: true,
    folderOf: `scale-${largest}`,
  }))!;
  const changed = largest / CHANGED_EVERY;
  console.log(`   --incremental, ${changed} changed: ${line(incremental)}`);
  const smallAgain = await fresh(hundredth, true);
  const middleMs = (middle.ms + middleAgain.ms) / 2;
  const smallMs = (small.ms + smallAgain.ms) / 2;
  const linear = full.ms / (10 * middleMs);
  const remaining = resumed.ms / (0.4 * full.ms);
  lines.push(
    {
      ratio: `6. ${largest} small tasks: peak RSS`,
      value: full.peakRss / 2 ** 20,
      unit: " MB",
      target: "≤ 200 MB",
      pass: full.peakRss <= 200 * 2 ** 20,
      note: `${tenth}: ${mb(middle.peakRss)}, ${hundredth}: ${mb(small.peakRss)}`,
    },
    {
      ratio: `6. time ${largest} vs 10 × ${tenth} tasks`,
      value: linear,
      target: "≤ 1.2×",
      pass: linear <= 1.2,
      note: `${seconds(full.ms)} vs ${seconds(middle.ms)} and ${seconds(middleAgain.ms)}`,
    },
    {
      ratio: `6. --resume of the last 40% vs 40% of a fresh run`,
      value: remaining,
      target: "≤ 1.5× (proportional)",
      pass: remaining <= 1.5,
      note: `${seconds(resumed.ms)}, peak RSS ${mb(resumed.peakRss)}`,
    },
    {
      ratio: `6. --incremental ${changed} changed vs fresh ${hundredth}`,
      value: incremental.ms / smallMs,
      target: "≤ 3×",
      pass: incremental.ms / smallMs <= 3,
      note: `${seconds(incremental.ms)} vs ${seconds(small.ms)} and ${seconds(smallAgain.ms)}, ` +
        `peak RSS ${mb(incremental.peakRss)}`,
    },
  );
}

function line(result: RunnerResult): string {
  return `${seconds(result.ms)}, ${result.files} files, peak RSS ${mb(result.peakRss)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
