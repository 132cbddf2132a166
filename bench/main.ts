/**
 * `deno task bench`: the four ratios of the performance issue, each measured side by side in one
 * run on this machine, printed next to its target with PASS or MISS.
 *
 * ```sh
 * deno task bench                          # 2,400 tasks of 1920×1080, 20 ms per request
 * deno task bench --tasks 200              # a quick run
 * deno task bench --only codec,startup     # some ratios: export, codec, memory, large, startup,
 *                                          # coco, identity, formats, scale
 * deno task bench --scene rectangles       # the same ratios on masks of rectangles and discs
 * deno task bench --only formats --formats yolo-seg,coco-polygon   # two formats against rgb
 * ```
 *
 * Flags: `--tasks` (2400), `--width` (1920), `--height` (1080), `--latency` (20 ms),
 * `--memory-tasks` (2400,9600,38400), `--large` (10000x10000: one and eight such masks, each
 * format), `--rounds` (5, codec passes), `--coco-tasks` (2400), `--identity-tasks` (1200),
 * `--scene` (`realistic`: street scenes drawn as people annotate them; `rectangles`),
 * `--scale-tasks` (100000: the small-mask case, with a tenth and a hundredth of it),
 * `--scale-size` (64x48), `--formats` (the formats case's formats, by their names in the report:
 * all when not given), `--only`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { type BenchLab, BenchRuns, type CaseRun, startBenchLab } from "./_bench_runs.ts";
import { codecCase } from "./_codec_case.ts";
import { endToEndCase } from "./_end_to_end_case.ts";
import { mb, ms } from "./_figures.ts";
import { type BenchScene, maskPool } from "./_mask_pool.ts";
import { checkFormatNames, formatsCase } from "./_formats_case.ts";
import { identityCase } from "./_identity_case.ts";
import { LARGE_COUNTS, largeCase, memoryCase } from "./_memory_case.ts";
import { scaleCase } from "./_scale_case.ts";
import { startupTimes } from "./_startup.ts";
import { type Line, printReport } from "./_report.ts";

const { values } = parseArgs({
  args: Deno.args.filter((arg) => arg !== "--"),
  options: {
    tasks: { type: "string", default: "2400" },
    width: { type: "string", default: "1920" },
    height: { type: "string", default: "1080" },
    latency: { type: "string", default: "20" },
    "memory-tasks": { type: "string", default: "2400,9600,38400" },
    large: { type: "string", default: "10000x10000" },
    rounds: { type: "string", default: "5" },
    "coco-tasks": { type: "string", default: "2400" },
    "identity-tasks": { type: "string", default: "1200" },
    scene: { type: "string", default: "realistic" },
    "scale-tasks": { type: "string", default: "100000" },
    "scale-size": { type: "string", default: "64x48" },
    formats: { type: "string" },
    only: {
      type: "string",
      default: "export,codec,memory,large,startup,coco,identity,formats,scale",
    },
  },
});
const tasks = Number(values.tasks);
const size = { width: Number(values.width), height: Number(values.height) };
const latencyMs = Number(values.latency);
const memoryTasks = values["memory-tasks"].split(",").map(Number);
const cocoTasks = Number(values["coco-tasks"]);
const identityTasks = Number(values["identity-tasks"]);
const [largeWidth, largeHeight] = values.large.split("x").map(Number);
const scene = values.scene as BenchScene;
if (scene !== "realistic" && scene !== "rectangles") {
  throw new Error(`--scene is realistic or rectangles, not ${scene}`);
}
const formatNames = values.formats?.split(",");
checkFormatNames(formatNames);
const scaleTasks = Number(values["scale-tasks"]);
const [scaleWidth, scaleHeight] = values["scale-size"].split("x").map(Number);
const only = new Set(values.only.split(","));

console.log(
  `Machine: ${navigator.hardwareConcurrency} cores, ${Deno.build.os}/${Deno.build.arch}, ` +
    `deno ${Deno.version.deno}, load average ${Deno.loadavg().map((v) => v.toFixed(2)).join(" ")}`,
);
console.log(
  `Project: ${tasks} tasks of ${size.width}×${size.height} (2/3 RGBA, 1/3 RGB), ` +
    `${latencyMs} ms per request, ${scene} masks`,
);
const started = performance.now();
const pool = await maskPool({ ...size, scene });
const instances = pool.map((mask) => mask.instances);
const repeated = pool.reduce((sum, mask) => sum + mask.repeatedRows, 0) / pool.length;
console.log(
  `Mask pool: ${pool.length} distinct masks in ${ms(performance.now() - started)}, ` +
    `${Math.min(...instances)} to ${Math.max(...instances)} instances, ` +
    `${(repeated * 100).toFixed(0)}% of rows equal to the row above`,
);
const work = await Deno.makeTempDir({ prefix: "lab-masks-bench-" });
const lines: Line[] = [];
const runs = new BenchRuns(work);

try {
  const poolFile = `${work}/pool.json`;
  await Deno.writeTextFile(poolFile, JSON.stringify(pool));

  if (only.has("codec")) await codecCase(pool, Number(values.rounds), lines);

  const needsLab = ["export", "memory", "large", "coco", "identity", "formats", "scale"].some((
    name,
  ) => only.has(name));
  const counts = [
    ...(only.has("export") || only.has("formats") ? [tasks] : []),
    ...(only.has("identity") ? [identityTasks] : []),
    ...(only.has("memory") ? memoryTasks : []),
    ...(only.has("coco") ? [cocoTasks] : []),
  ];
  const large = only.has("large")
    ? { width: largeWidth, height: largeHeight, counts: [...LARGE_COUNTS] }
    : undefined;
  const scale = only.has("scale")
    ? {
      width: scaleWidth,
      height: scaleHeight,
      counts: [scaleTasks / 100, scaleTasks / 10, scaleTasks],
    }
    : undefined;
  const lab = needsLab
    ? await startBenchLab({ poolFile, counts, ...size, latencyMs, large, scale })
    : undefined;
  try {
    if (lab) await labCases(lab.target);
  } finally {
    await lab?.close();
  }

  if (only.has("startup")) {
    const startup = await startupTimes(5);
    console.log(
      `\n4. Start-up of ${startup.entry} to its first request: ${ms(startup.toFirstRequest)} ` +
        `(deno on an empty script: ${ms(startup.emptyScript)})`,
    );
    lines.push({
      ratio: `4. start-up to first request (${startup.entry})`,
      value: startup.toFirstRequest / 1000,
      unit: "s",
      target: "≤ 0.5 s",
      pass: startup.toFirstRequest <= 500,
    });
  }
  printReport(lines);
} finally {
  await Deno.remove(work, { recursive: true });
}

/** The cases that export from the fake lab, each export in a process of its own. */
async function labCases(target: BenchLab["target"]): Promise<void> {
  const run: CaseRun = (spec) => runs.run({ ...spec, mode: "ours", lab: target });
  if (only.has("export")) {
    console.log(`\n1. End to end, ${tasks} tasks (separate processes, same lab, 3 rounds)`);
    const both = (mode: "sdk" | "ours", label: string) =>
      runs.run({ mode, label, lab: target, count: tasks });
    await endToEndCase(tasks, { run: both, report: BenchRuns.report }, lines);
  }
  if (only.has("memory")) await memoryCase(memoryTasks, run, lines);
  if (only.has("large")) {
    await largeCase({ width: largeWidth, height: largeHeight }, run, lines);
  }
  if (only.has("identity")) await identityCase(identityTasks, work, run, lines);
  if (only.has("coco")) {
    console.log(`\n5. COCO instances file vs PNG masks, ${cocoTasks} tasks (separate processes)`);
    const masks = await run({ count: cocoTasks, label: "coco-masks" });
    console.log(`   --format mask: ${BenchRuns.report(masks)}`);
    const coco = await run({ count: cocoTasks, format: "coco", label: "coco" });
    console.log(`   --format coco: ${BenchRuns.report(coco)}`);
    lines.push({
      ratio: "5. COCO export time vs mask export",
      value: coco.ms / masks.ms,
      target: "report",
      pass: true,
      note: `peak RSS ${mb(coco.peakRss)} vs ${mb(masks.peakRss)}`,
    });
  }
  if (only.has("formats")) {
    console.log(`\n7. Each format against rgb, ${tasks} tasks (separate processes, same lab)`);
    await formatsCase(tasks, (spec) => run({ ...spec, count: tasks }), lines, formatNames);
  }
  if (only.has("scale")) {
    console.log(
      `\n6. ${scaleTasks} tasks of ${scaleWidth}×${scaleHeight} (separate processes, same lab)`,
    );
    await scaleCase(scaleTasks, run, lines);
  }
}
