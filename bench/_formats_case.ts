/**
 * The benchmark's case of every mask format, COCO (RLE and polygons) and `yolo-seg` against `rgb`
 * (`--only formats`): the same project exported once per format, each in a process of its own,
 * with an `rgb` export before the first format and after each one. Each format is set against the mean of the two `rgb` exports
 * beside it: a shared machine that drifts slower or faster over the case's minutes (its CPU time
 * for the same export moved by a third within one run here) moves both alike.
 *
 * @module
 */

import type { MaskFormat } from "../lib/export/mask_format.ts";
import type { RunnerResult } from "./_export_runner.ts";
import type { Line } from "./_report.ts";
import { describeCpu } from "./_thread_cpu.ts";

/** One export of the case. */
export interface FormatRun {
  label: string;
  maskFormat?: MaskFormat;
  format?: "coco" | "yolo-seg";
  cocoSegmentation?: "rle" | "polygon";
  /** The name in the report, when not the format's. */
  name?: string;
}

/** The formats set against rgb, and the most each may take (× rgb's time). */
const CONTENDERS: readonly { run: FormatRun; target: number }[] = [
  { run: { label: "format-class-index", maskFormat: "class-index" }, target: 1.5 },
  { run: { label: "format-palette", maskFormat: "palette" }, target: 1.5 },
  { run: { label: "format-instance", maskFormat: "instance" }, target: 1.5 },
  { run: { label: "format-binary", maskFormat: "binary" }, target: 1.5 },
  { run: { label: "format-panoptic", maskFormat: "panoptic" }, target: 2 },
  { run: { label: "format-coco", format: "coco" }, target: 2 },
  {
    run: {
      label: "format-coco-polygon",
      format: "coco",
      cocoSegmentation: "polygon",
      name: "coco-polygon",
    },
    target: 2,
  },
  { run: { label: "format-yolo-seg", format: "yolo-seg" }, target: 2 },
];

/** A format's name in the report. */
function nameOf(spec: FormatRun): string {
  return spec.name ?? spec.format ?? spec.maskFormat!;
}

/**
 * Checks the names `--formats` gives, before the benchmark starts its lab.
 *
 * @param names The names, if given.
 * @throws {Error} naming those the formats case does not run, and the ones it does.
 */
export function checkFormatNames(names: readonly string[] | undefined): void {
  const unknown = names?.filter((name) => !CONTENDERS.some(({ run }) => nameOf(run) === name));
  if (unknown?.length) {
    const known = CONTENDERS.map(({ run }) => nameOf(run)).join(", ");
    throw new Error(`--formats: no format ${unknown.join(", ")} (${known})`);
  }
}

/**
 * Runs rgb, then each format followed by rgb again, and adds each format's ratio to the mean of
 * its two neighbours to `lines`.
 *
 * @param tasks The project's task count (for the per-mask figure).
 * @param run Runs one export and returns what it cost.
 * @param lines The report's lines.
 * @param names The formats to run (their names in the report); all when not given.
 */
export async function formatsCase(
  tasks: number,
  run: (spec: FormatRun) => Promise<RunnerResult>,
  lines: Line[],
  names?: readonly string[],
): Promise<void> {
  checkFormatNames(names);
  let rgbRuns = 0;
  const rgbRun = async () => {
    // A folder each: every run's files stay until the case ends.
    const rgb = await run({ label: `format-rgb-${rgbRuns++}`, maskFormat: "rgb" });
    console.log(`   ${"rgb".padEnd(12)} ${describe(rgb, tasks)}`);
    return rgb;
  };
  let before = await rgbRun();
  for (const { run: spec, target } of CONTENDERS) {
    const name = nameOf(spec);
    if (names !== undefined && !names.includes(name)) continue;
    const result = await run(spec);
    console.log(`   ${name.padEnd(12)} ${describe(result, tasks)}`);
    const after = await rgbRun();
    const rgbMs = (before.ms + after.ms) / 2;
    lines.push({
      ratio: `7. ${name} vs rgb, end to end`,
      value: result.ms / rgbMs,
      target: `≤ ${target}×`,
      pass: result.ms / rgbMs <= target,
      note: `${seconds(result.ms)} vs ${seconds(before.ms)} and ${seconds(after.ms)}`,
    });
    before = after;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function describe(result: RunnerResult, tasks: number): string {
  const cpu = result.cpu ? `\n      CPU: ${describeCpu(result.cpu, result.ms, tasks)}` : "";
  return `${(result.ms / 1000).toFixed(2)} s (${(result.ms / tasks).toFixed(2)} ms a task), ` +
    `${result.files} files, peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MB${cpu}`;
}
