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
 * ```
 *
 * Flags: `--tasks` (2400), `--width` (1920), `--height` (1080), `--latency` (20 ms),
 * `--memory-tasks` (2400,9600,38400), `--large` (10000x10000: one and eight such masks, each
 * format), `--rounds` (5, codec passes), `--coco-tasks` (2400), `--identity-tasks` (1200),
 * `--scene` (`realistic`: street scenes drawn as people annotate them; `rectangles`),
 * `--scale-tasks` (100000: the small-mask case, with a tenth and a hundredth of it),
 * `--scale-size` (64x48), `--only`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { codecCosts, formatCosts, outputSizes } from "./_codec_cost.ts";
import { benchProjectId } from "./_bench_project.ts";
import type { LabServerSettings } from "./_lab_server.ts";
import type { RunnerResult, RunnerSettings } from "./_export_runner.ts";
import { endToEndCase } from "./_end_to_end_case.ts";
import { kb, mb, median, ms } from "./_figures.ts";
import { BENCH_BCHANNELS, type BenchScene, maskPool } from "./_mask_pool.ts";
import { formatsCase } from "./_formats_case.ts";
import { scaleCase } from "./_scale_case.ts";
import { largeProjectId } from "./_large_mask.ts";
import { MASK_FORMATS } from "../lib/export/mask_format.ts";
import { startupTimes } from "./_startup.ts";
import { identityFreeModule } from "./_identity_free.ts";
import { type Line, printReport } from "./_report.ts";
import { settleDisk } from "./_disk_settle.ts";

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
const scaleTasks = Number(values["scale-tasks"]);
const [scaleWidth, scaleHeight] = values["scale-size"].split("x").map(Number);
const LARGE_COUNTS = [1, 8];
const only = new Set(values.only.split(","));
const here = new URL(".", import.meta.url);
const V8_FLAGS = ["--v8-flags=--max-semi-space-size=2,--expose-gc"];
/** The benchmark's own configuration (sharp, yaml), so no helper falls back on the root's lock. */
const BENCH_CONFIG = ["--config", new URL("deno.json", here).pathname];

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
/** Whether the disk's cost was printed (once, at the first run), and what counts as quiet. */
const disk = { told: false, quietUs: 50 };
const WAIT_ENDS = { quiet: "settled", steady: "steady", timeout: "gave up waiting" } as const;

try {
  const poolFile = `${work}/pool.json`;
  await Deno.writeTextFile(poolFile, JSON.stringify(pool));

  if (only.has("codec")) {
    console.log("\n2. Per-mask CPU, one thread (ms per 1920×1080 mask, median of rounds)");
    const costs = await codecCosts(pool, Number(values.rounds));
    for (const cost of costs) {
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
    for (const cost of await formatCosts(pool, Number(values.rounds))) {
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
    ? { width: largeWidth, height: largeHeight, counts: LARGE_COUNTS }
    : undefined;
  const scale = only.has("scale")
    ? {
      width: scaleWidth,
      height: scaleHeight,
      counts: [scaleTasks / 100, scaleTasks / 10, scaleTasks],
    }
    : undefined;
  const lab = needsLab
    ? await startLab({ poolFile, counts, ...size, latencyMs, large, scale })
    : undefined;
  try {
    if (lab && only.has("export")) {
      console.log(`\n1. End to end, ${tasks} tasks (separate processes, same lab, 3 rounds)`);
      const run = (mode: "sdk" | "ours", label: string) =>
        runExport({ mode, label, lab: lab.target, count: tasks });
      await endToEndCase(tasks, { run, report }, lines);
    }
    if (lab && only.has("memory")) {
      console.log(`\n3. Peak memory, exportMasks (separate processes)`);
      const peaks: number[] = [];
      for (const count of memoryTasks) {
        const result = await runExport({
          mode: "ours",
          lab: lab.target,
          count,
          label: `ours-${count}`,
        });
        console.log(`   ${String(count).padStart(5)} tasks: ${report(result)}`);
        peaks.push(result.peakRss);
      }
      // The targets: each larger run within 10% (up to 4× the tasks) or 20% of the first.
      for (const [i, count] of memoryTasks.entries()) {
        if (i === 0) continue;
        const ratio = peaks[i] / peaks[0];
        const within = count <= 4 * memoryTasks[0] ? 0.1 : 0.2;
        lines.push({
          ratio: `3. peak RSS ${count} vs ${memoryTasks[0]} tasks`,
          value: ratio,
          target: `within ${within * 100}%, ≤ 200 MB`,
          pass: Math.abs(ratio - 1) <= within && peaks[i] <= 200 * 2 ** 20,
          note: `${mb(peaks[i])} vs ${mb(peaks[0])}`,
        });
      }
    }
    if (lab && only.has("large")) {
      console.log(`\n5. Peak memory, ${largeWidth}×${largeHeight} masks (separate processes)`);
      for (const format of MASK_FORMATS) {
        for (const count of LARGE_COUNTS) {
          const result = await runExport({
            mode: "ours",
            lab: lab.target,
            count,
            label: `large-${format}-${count}`,
            projectId: largeProjectId(count),
            maskFormat: format,
            concurrency: count,
          });
          console.log(`   ${format.padEnd(11)} ${count} at once: ${report(result)}`);
          const limit = count === 1 ? 300 : 600;
          lines.push({
            ratio: `5. peak RSS, ${count} × ${largeWidth}×${largeHeight} ${format}`,
            value: result.peakRss / 2 ** 20,
            unit: " MB",
            target: `≤ ${limit} MB`,
            pass: result.peakRss <= limit * 2 ** 20,
          });
        }
      }
    }
    if (lab && only.has("identity")) await identityCost(lab.target);
    if (lab && only.has("coco")) {
      console.log(`\n5. COCO instances file vs PNG masks, ${cocoTasks} tasks (separate processes)`);
      const run = { lab: lab.target, count: cocoTasks } as const;
      const masks = await runExport({ ...run, mode: "ours", label: "coco-masks" });
      console.log(`   --format mask: ${report(masks)}`);
      const coco = await runExport({ ...run, mode: "ours", format: "coco", label: "coco" });
      console.log(`   --format coco: ${report(coco)}`);
      lines.push({
        ratio: "5. COCO export time vs mask export",
        value: coco.ms / masks.ms,
        target: "report",
        pass: true,
        note: `peak RSS ${mb(coco.peakRss)} vs ${mb(masks.peakRss)}`,
      });
    }
    if (lab && only.has("formats")) {
      console.log(`\n7. Each format against rgb, ${tasks} tasks (separate processes, same lab)`);
      await formatsCase(
        tasks,
        (spec) => runExport({ ...spec, mode: "ours", lab: lab.target, count: tasks }),
        lines,
      );
    }
    if (lab && only.has("scale")) {
      console.log(
        `\n6. ${scaleTasks} tasks of ${scaleWidth}×${scaleHeight} (separate processes, same lab)`,
      );
      await scaleCase(
        scaleTasks,
        (spec) => runExport({ ...spec, mode: "ours", lab: lab.target }),
        lines,
      );
    }
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

interface Lab {
  target: RunnerSettings["lab"];
  close(): Promise<void>;
}

async function startLab(settings: LabServerSettings): Promise<Lab> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      ...BENCH_CONFIG,
      new URL("_lab_server.ts", here).pathname,
      JSON.stringify(settings),
    ],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("The benchmark's lab server stopped before it listened.");
    text += value;
  }
  // The server prints nothing more; drop the rest so its pipe never fills.
  reader.cancel();
  return {
    target: JSON.parse(text.slice(0, text.indexOf("\n"))),
    async close() {
      await child.stdin.close();
      await child.status;
    },
  };
}

/**
 * 6. What hashing every mask's pixels (`pixelSha256`, the dataset id) costs: the same export with
 * and without it (a copy of `lib/` whose digest hashes nothing), three runs each, alternating.
 */
async function identityCost(target: RunnerSettings["lab"]): Promise<void> {
  console.log(`\n6. Identity cost, ${identityTasks} tasks (separate processes, alternating)`);
  const free = await identityFreeModule(work);
  const times = { with: [] as number[], without: [] as number[] };
  for (let round = 0; round < 3; round++) {
    const run = { mode: "ours", lab: target, count: identityTasks } as const;
    const hashed = await runExport({ ...run, label: `identity-${round}` });
    const plain = await runExport({ ...run, label: `identity-free-${round}`, exportModule: free });
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

async function runExport(
  run: {
    mode: RunnerSettings["mode"];
    exportModule?: string;
    lab: RunnerSettings["lab"];
    count: number;
    label: string;
    format?: RunnerSettings["format"];
    projectId?: string;
    maskFormat?: RunnerSettings["maskFormat"];
    concurrency?: number;
    resume?: boolean;
    incremental?: boolean;
    killAfter?: number;
    folderOf?: string;
  },
): Promise<RunnerResult> {
  await settle();
  const folder = `${work}/${run.folderOf ?? run.label}`;
  const settings: RunnerSettings = {
    mode: run.mode,
    exportModule: run.exportModule ?? new URL("../lib/export/export_masks.ts", here).href,
    lab: run.lab,
    projectId: run.projectId ?? benchProjectId(run.count),
    folder,
    mapping: false,
    format: run.format,
    maskFormat: run.maskFormat,
    concurrency: run.concurrency,
    resume: run.resume,
    incremental: run.incremental,
    killAfter: run.killAfter,
  };
  const output = await new Deno.Command(Deno.execPath(), {
    // As the Action runs (docs/performance.md): V8's young generation capped at 2 MB, and `gc`
    // exposed, so the export collects its heaps whole at its own pace.
    args: [
      "run",
      "-A",
      ...BENCH_CONFIG,
      ...V8_FLAGS,
      new URL("_export_runner.ts", here).pathname,
      JSON.stringify(settings),
    ],
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error(`The ${run.label} export failed.`);
  // A killed run prints nothing: what it left is for the next run to finish.
  if (run.killAfter !== undefined) return undefined as unknown as RunnerResult;
  // Every run's folder stays until the end: a profile showed ext4 creating files just after
  // thousands were deleted spend kernel time skipping the freed inodes, so removing one
  // contender's files here could tax the next one's writes.
  const result: RunnerResult = JSON.parse(
    new TextDecoder().decode(output.stdout).trim().split("\n").pop()!,
  );
  // A binary export writes one file per label present: the large masks hold all four, the
  // pool's masks some.
  const binary = run.maskFormat === "binary";
  const large = run.projectId?.startsWith("large_") ?? false;
  const expected = run.count * (binary && large ? BENCH_BCHANNELS.length : 1);
  if (binary ? result.files < expected : result.files !== expected) {
    throw new Error(`The ${run.label} export wrote ${result.files} files.`);
  }
  return result;
}

/**
 * Lets the machine settle before a contender starts: the files the one before wrote are flushed
 * to disk now (`sync`, where there is one) rather than by the kernel during the next one's run,
 * and while creating a file costs more than on a quiet disk (files deleted in the last minutes,
 * see `_disk_settle.ts`), the run waits.
 */
async function settle(): Promise<void> {
  try {
    await new Deno.Command("sync").output();
  } catch {
    // No `sync` command here (Windows): the kernel flushes when it will.
  }
  const settled = await settleDisk({
    folder: `${work}/disk-probes`,
    quietUs: disk.quietUs,
    onWait: (perFileUs) =>
      console.log(
        `   (creating a file takes ${perFileUs.toFixed(0)} µs here, files were deleted ` +
          `recently: waiting for the disk to settle)`,
      ),
  });
  // A disk found slow and steady is as quiet as it gets: the next runs wait for no better.
  if (settled.ended === "steady") disk.quietUs = 1.5 * settled.perFileUs;
  if (settled.waitedMs > 0) {
    console.log(
      `   (${WAIT_ENDS[settled.ended]} after ${ms(settled.waitedMs)}: ` +
        `${settled.perFileUs.toFixed(0)} µs a file)`,
    );
  } else if (!disk.told) {
    console.log(`   (creating a file takes ${settled.perFileUs.toFixed(0)} µs here)`);
  }
  disk.told = true;
}

function report(result: RunnerResult): string {
  return `${ms(result.ms)}, ${result.files} files, ${kb(result.bytes / result.files)}/file, ` +
    `peak RSS ${mb(result.peakRss)} (high-water mark ${mb(result.highWaterMark)})`;
}
