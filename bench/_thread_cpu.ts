/**
 * Where a run's CPU time went, by thread, from Linux's `/proc/self`: the main thread (pages,
 * files, the manifest), V8's helper threads (collection, compilation) and the rest, which in an
 * export is the pool's workers (their threads are gone when it ends, but the process's total
 * keeps their time). Elsewhere there is no `/proc`, and nothing is measured.
 *
 * @module
 */

import { ms } from "./_figures.ts";

/** CPU time so far, in milliseconds, by kind of thread. */
export interface ThreadCpu {
  /** The whole process, threads that ended included. */
  process: number;
  /** The main thread. */
  main: number;
  /** The main thread's time in the kernel (file calls, mostly). */
  mainSystem: number;
  /** V8's platform threads (`V8 DefaultWorker`: concurrent marking, sweeping, compiling). */
  helpers: number;
  /** The runtime's own threads (tokio's), which an export barely uses. */
  runtime: number;
}

/** What an export's CPU time was spent on, in milliseconds. */
export interface CpuSplit {
  /** The main thread. */
  main: number;
  /** Of which in the kernel (file calls, mostly). */
  mainSystem: number;
  /** The pool's workers: the process's time less the other threads'. */
  workers: number;
  /** V8's helper threads and the runtime's. */
  helpers: number;
}

/**
 * Reads the CPU time used so far by this process and its threads.
 *
 * @returns The times, or `undefined` where `/proc` cannot tell.
 *
 * @example
 * ```ts
 * import { threadCpu } from "./_thread_cpu.ts";
 *
 * console.log(threadCpu()?.main); // e.g. 180
 * ```
 */
export function threadCpu(): ThreadCpu | undefined {
  try {
    const times: ThreadCpu = {
      process: cpuOf("/proc/self/stat").all,
      main: 0,
      mainSystem: 0,
      helpers: 0,
      runtime: 0,
    };
    for (const entry of Deno.readDirSync("/proc/self/task")) {
      const folder = `/proc/self/task/${entry.name}`;
      let name: string;
      let time: { all: number; system: number };
      try {
        name = Deno.readTextFileSync(`${folder}/comm`).trim();
        time = cpuOf(`${folder}/stat`);
      } catch {
        // A thread that ended meanwhile (a worker closing): its time is in the process's total.
        continue;
      }
      if (Number(entry.name) === Deno.pid) {
        times.main += time.all;
        times.mainSystem += time.system;
      } else if (name.startsWith("V8 ")) times.helpers += time.all;
      else if (name.startsWith("tokio")) times.runtime += time.all;
    }
    return times;
  } catch {
    return undefined;
  }
}

/**
 * The CPU time spent between two readings, by kind of thread.
 *
 * @param before The reading at the start.
 * @param after The reading at the end.
 * @returns The split, or `undefined` when either reading is missing.
 *
 * @example
 * ```ts
 * import { cpuSplit, threadCpu } from "./_thread_cpu.ts";
 *
 * const before = threadCpu();
 * for (let i = 0; i < 1e7; i++) Math.sqrt(i);
 * console.log(cpuSplit(before, threadCpu())?.main); // e.g. 20
 * ```
 */
export function cpuSplit(
  before: ThreadCpu | undefined,
  after: ThreadCpu | undefined,
): CpuSplit | undefined {
  if (before === undefined || after === undefined) return undefined;
  const main = after.main - before.main;
  const helpers = after.helpers - before.helpers + after.runtime - before.runtime;
  const mainSystem = after.mainSystem - before.mainSystem;
  return { main, mainSystem, helpers, workers: after.process - before.process - main - helpers };
}

/**
 * A run's CPU time by thread, per task, and the cores it kept busy on average, as printed.
 *
 * @param cpu The run's split.
 * @param wallMs The run's wall time, in milliseconds.
 * @param tasks The tasks it exported.
 * @returns One line.
 *
 * @example
 * ```ts
 * import { describeCpu } from "./_thread_cpu.ts";
 *
 * console.log(describeCpu({ main: 900, mainSystem: 300, workers: 7000, helpers: 400 }, 5000, 2400));
 * ```
 */
export function describeCpu(cpu: CpuSplit, wallMs: number, tasks: number): string {
  const { main, mainSystem, workers, helpers } = cpu;
  const perTask = (time: number) => `${(time / tasks).toFixed(2)} ms a task`;
  const busy = ((main + workers + helpers) / wallMs).toFixed(2);
  return `main thread ${ms(main)} (${perTask(main)}, ${ms(mainSystem)} in the kernel), ` +
    `workers ${ms(workers)} (${perTask(workers)}), V8's helpers ${ms(helpers)}; ` +
    `${busy} of ${navigator.hardwareConcurrency} cores busy`;
}

/** User and system time, and system time alone, of a `stat` file, in milliseconds (ticks of 10 ms). */
function cpuOf(path: string): { all: number; system: number } {
  const text = Deno.readTextFileSync(path);
  // The command name may hold spaces and parentheses: the fields start after the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const system = Number(fields[12]) * 10;
  return { all: Number(fields[11]) * 10 + system, system };
}
