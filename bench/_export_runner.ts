/**
 * Runs one export in a process of its own and prints what it cost as one JSON line: wall time,
 * files and bytes written, and peak memory (`Deno.memoryUsage().rss`, sampled every 10 ms, and
 * the kernel's high-water mark where `/proc` has it). Settings come as JSON in the first argument.
 *
 * - `ours`: the real {@linkcode exportMasks} with a {@linkcode LabClient}, from `exportModule`
 *   (the repository's own, or a copy with a proposed change applied);
 * - `sdk`: what the SDK does, see `_sdk_baseline.ts`.
 *
 * @module
 */

import { LabClient } from "../lib/api/lab_client.ts";
import type { MaskFormat } from "../lib/export/mask_format.ts";
import { BENCH_MAPPING } from "./_bench_project.ts";
import { type CpuSplit, cpuSplit, threadCpu } from "./_thread_cpu.ts";

/** The name each export format's output gets in the run's folder. */
const ONE_FILE_NAMES = { mask: "export", coco: "coco.json", "yolo-seg": "yolo-seg.zip" } as const;

/** What one run is told. */
export interface RunnerSettings {
  /** Which export to run. */
  mode: "ours" | "sdk";
  /** The module exporting `exportMasks` (mode `ours`). */
  exportModule?: string;
  /** The fake lab. */
  lab: { url: string; accessId: string; secretKey: string };
  /** The project to export. */
  projectId: string;
  /** Where the export folder goes; it must not exist yet. */
  folder: string;
  /** Recolour with the benchmark's mapping. */
  mapping: boolean;
  /**
   * Mode `ours`: `mask` (PNG files, the default), `coco` (one instances file) or `yolo-seg` (a
   * zip of polygons traced from the masks).
   */
  format?: "mask" | "coco" | "yolo-seg";
  /** `coco`: each instance as RLE (the default) or as polygons traced from the mask. */
  cocoSegmentation?: "rle" | "polygon";
  /** The mask format (mode `ours`). Default `rgb`. */
  maskFormat?: MaskFormat;
  /** How many masks are converted at once (mode `ours`). Default: the export's. */
  concurrency?: number;
  /** Finish the interrupted export in `folder` (mode `ours`). */
  resume?: boolean;
  /** Update the earlier export in `folder` with the tasks updated since (mode `ours`). */
  incremental?: boolean;
  /** Stop the process at once, as a kill would, after this many tasks (mode `ours`). */
  killAfter?: number;
}

/** What one run reports. */
export interface RunnerResult {
  /** Wall time of the export, in milliseconds. */
  ms: number;
  /** PNG files written (COCO: images in the file). */
  files: number;
  /** Their total size in bytes. */
  bytes: number;
  /** The largest `Deno.memoryUsage().rss` seen, in bytes. */
  peakRss: number;
  /** The kernel's peak resident set size (`VmHWM`), in bytes, or 0 where unknown. */
  highWaterMark: number;
  /** The run's CPU time by thread, where `/proc` tells it. */
  cpu?: CpuSplit;
}

/** The code a run times: the baseline's (it loads `sharp`) or ours (which never does). */
interface Contender {
  sdkBaselineExport?: typeof import("./_sdk_baseline.ts").sdkBaselineExport;
  exportMasks?: typeof import("../lib/export/export_masks.ts").exportMasks;
}

/** Runs the export; a COCO export says how many images it wrote (its folder holds no PNG). */
async function runExport(
  settings: RunnerSettings,
  contender: Contender,
): Promise<number | undefined> {
  const { lab, projectId, folder } = settings;
  if (contender.sdkBaselineExport) {
    await contender.sdkBaselineExport({ ...lab, projectId, folder, mapping: settings.mapping });
    return undefined;
  }
  const exportMasks = contender.exportMasks!;
  const client = new LabClient({
    endpoint: lab.url,
    accessId: lab.accessId,
    secretKey: lab.secretKey,
  });
  const summary = await exportMasks({
    client,
    projectId,
    // An incremental run updates the folder it names, and takes no other.
    outputFolder: settings.incremental ? undefined : folder,
    outputFilename: settings.incremental ? undefined : ONE_FILE_NAMES[settings.format ?? "mask"],
    format: settings.format,
    cocoSegmentation: settings.cocoSegmentation,
    semanticMapping: settings.mapping ? BENCH_MAPPING : undefined,
    maskFormat: settings.maskFormat,
    concurrency: settings.concurrency,
    resume: settings.resume,
    incremental: settings.incremental ? `${folder}/export` : undefined,
    onProgress: settings.killAfter === undefined ? undefined : (event) => {
      // No cleanup, no flush: what a kill leaves behind.
      if (event.type === "task" && event.done >= settings.killAfter!) Deno.exit(0);
    },
  });
  if (summary.failed > 0) {
    throw new Error(`${summary.failed} tasks failed: ${summary.failures[0]?.reason}`);
  }
  return settings.format === "coco" || settings.format === "yolo-seg"
    ? summary.exported
    : undefined;
}

async function sizeOf(folder: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for await (const entry of Deno.readDir(folder)) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory) {
      const inner = await sizeOf(path);
      files += inner.files;
      bytes += inner.bytes;
    } else if (entry.name.endsWith(".png") || entry.name === "coco.json") {
      files++;
      bytes += (await Deno.stat(path)).size;
    }
  }
  return { files, bytes };
}

function highWaterMark(): number {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kib === undefined ? 0 : Number(kib) * 1024;
  } catch {
    return 0;
  }
}

if (import.meta.main) {
  const settings: RunnerSettings = JSON.parse(Deno.args[0]);
  let peakRss = Deno.memoryUsage().rss;
  const sampler = setInterval(() => peakRss = Math.max(peakRss, Deno.memoryUsage().rss), 10);
  // Both contenders' code is loaded before the clock starts, each alone: `sharp`, which the
  // baseline loads, is native memory our export's process would count as its own.
  const contender: Contender = settings.mode === "ours"
    ? { exportMasks: (await import(settings.exportModule!)).exportMasks }
    : { sdkBaselineExport: (await import("./_sdk_baseline.ts")).sdkBaselineExport };
  const started = performance.now();
  const cpuBefore = threadCpu();
  const images = await runExport(settings, contender);
  const ms = performance.now() - started;
  const cpu = cpuSplit(cpuBefore, threadCpu());
  clearInterval(sampler);
  peakRss = Math.max(peakRss, Deno.memoryUsage().rss);
  const written = await sizeOf(settings.folder);
  const result: RunnerResult = {
    ms,
    ...written,
    files: images ?? written.files,
    peakRss,
    highWaterMark: highWaterMark(),
    ...(cpu ? { cpu } : {}),
  };
  console.log(JSON.stringify(result));
  // Workers of a pool left open would keep the process alive: this run is over.
  Deno.exit(0);
}
