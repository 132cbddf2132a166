/**
 * How the benchmark runs its contenders: the fake lab in a process of its own, and each export
 * in another, started as the Action starts Deno, after the machine settled from the run before.
 *
 * @module
 */

import { benchProjectId } from "./_bench_project.ts";
import type { LabServerSettings } from "./_lab_server.ts";
import type { RunnerResult, RunnerSettings } from "./_export_runner.ts";
import { kb, mb, ms } from "./_figures.ts";
import { BENCH_BCHANNELS } from "./_mask_pool.ts";
import { settleDisk } from "./_disk_settle.ts";

const here = new URL(".", import.meta.url);
/** As the Action runs (docs/performance.md): V8's young generation capped, `gc` exposed. */
const V8_FLAGS = ["--v8-flags=--max-semi-space-size=2,--expose-gc"];
/** The benchmark's own configuration (sharp, yaml), so no helper falls back on the root's lock. */
const BENCH_CONFIG = ["--config", new URL("deno.json", here).pathname];
const WAIT_ENDS = { quiet: "settled", steady: "steady", timeout: "gave up waiting" } as const;

/** One export the benchmark runs. */
export interface ExportRun {
  /** Ours, or the SDK-like baseline. */
  mode: RunnerSettings["mode"];
  /** The `exportMasks` module to run (default this checkout's). */
  exportModule?: string;
  /** The lab to export from. */
  lab: RunnerSettings["lab"];
  /** The project's task count. */
  count: number;
  /** The run's name in errors, and its folder's. */
  label: string;
  /** A one-file format instead of masks. */
  format?: RunnerSettings["format"];
  /** `coco`: RLE (the default) or polygons. */
  cocoSegmentation?: RunnerSettings["cocoSegmentation"];
  /** The project (default the benchmark project of `count` tasks). */
  projectId?: string;
  /** The mask format (default `rgb`). */
  maskFormat?: RunnerSettings["maskFormat"];
  /** How many masks are converted at once. */
  concurrency?: number;
  /** Finish the export in the run's folder. */
  resume?: boolean;
  /** Update the export in the run's folder. */
  incremental?: boolean;
  /** End the export's process (as a kill would) once this many tasks are done. */
  killAfter?: number;
  /** The folder of an earlier run (resume, incremental), instead of one named for the label. */
  folderOf?: string;
}

/** Runs one export of ours from the benchmark's lab (its target filled in). */
export type CaseRun = (run: Omit<ExportRun, "lab" | "mode">) => Promise<RunnerResult>;

/** The benchmark's fake lab, served by another process. */
export interface BenchLab {
  /** Where it listens and how to log in. */
  target: RunnerSettings["lab"];
  /** Stops it. */
  close(): Promise<void>;
}

/**
 * Starts the fake lab in a process of its own, serving the tasks `settings` asks for.
 *
 * @param settings The projects to serve and the latency of each request.
 * @returns The lab, listening.
 *
 * @example
 * ```ts ignore
 * const lab = await startBenchLab({ poolFile, counts: [2400], width: 1920, height: 1080, latencyMs: 20 });
 * await lab.close();
 * ```
 */
export async function startBenchLab(settings: LabServerSettings): Promise<BenchLab> {
  const server = new URL("_lab_server.ts", here).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...BENCH_CONFIG, server, JSON.stringify(settings)],
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
 * Runs exports one after another, each in a process of its own, into folders of one work folder
 * that stay until the benchmark ends.
 *
 * @example
 * ```ts ignore
 * const runs = new BenchRuns(work);
 * const result = await runs.run({ mode: "ours", lab: lab.target, count: 2400, label: "rgb" });
 * console.log(BenchRuns.report(result));
 * ```
 */
export class BenchRuns {
  #work: string;
  /** Whether the disk's cost was printed (once, at the first run), and what counts as quiet. */
  #disk = { told: false, quietUs: 50 };

  /** @param work The benchmark's work folder. */
  constructor(work: string) {
    this.#work = work;
  }

  /** What one export cost, in a line. */
  static report(result: RunnerResult): string {
    return `${ms(result.ms)}, ${result.files} files, ${kb(result.bytes / result.files)}/file, ` +
      `peak RSS ${mb(result.peakRss)} (high-water mark ${mb(result.highWaterMark)})`;
  }

  /**
   * Runs one export once the machine settled, and checks it wrote the files it should.
   *
   * @param run The export.
   * @returns What it cost (nothing, for a run killed on purpose).
   */
  async run(run: ExportRun): Promise<RunnerResult> {
    await this.#settle();
    const settings: RunnerSettings = {
      mode: run.mode,
      exportModule: run.exportModule ?? new URL("../lib/export/export_masks.ts", here).href,
      lab: run.lab,
      projectId: run.projectId ?? benchProjectId(run.count),
      folder: `${this.#work}/${run.folderOf ?? run.label}`,
      mapping: false,
      format: run.format,
      cocoSegmentation: run.cocoSegmentation,
      maskFormat: run.maskFormat,
      concurrency: run.concurrency,
      resume: run.resume,
      incremental: run.incremental,
      killAfter: run.killAfter,
    };
    const runner = new URL("_export_runner.ts", here).pathname;
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...BENCH_CONFIG, ...V8_FLAGS, runner, JSON.stringify(settings)],
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
   * Lets the machine settle before a contender starts: the files the one before wrote are
   * flushed to disk now (`sync`, where there is one) rather than by the kernel during the next
   * one's run, and while creating a file costs more than on a quiet disk (files deleted in the
   * last minutes, see `_disk_settle.ts`), the run waits.
   */
  async #settle(): Promise<void> {
    try {
      await new Deno.Command("sync").output();
    } catch {
      // No `sync` command here (Windows): the kernel flushes when it will.
    }
    const disk = this.#disk;
    const settled = await settleDisk({
      folder: `${this.#work}/disk-probes`,
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
}
