/**
 * Where a run's CPU time went, by thread, from Linux's `/proc/self`: the main thread (pages,
 * files, the manifest), V8's helper threads (collection, compilation) and the rest, which in an
 * export is the pool's workers (their threads are gone when it ends, but the process's total
 * keeps their time). Elsewhere there is no `/proc`, and nothing is measured.
 *
 * @module
 */

/** CPU time so far, in milliseconds, by kind of thread. */
export interface ThreadCpu {
  /** The whole process, threads that ended included. */
  process: number;
  /** The main thread. */
  main: number;
  /** V8's platform threads (`V8 DefaultWorker`: concurrent marking, sweeping, compiling). */
  helpers: number;
  /** The runtime's own threads (tokio's), which an export barely uses. */
  runtime: number;
}

/** What an export's CPU time was spent on, in milliseconds. */
export interface CpuSplit {
  /** The main thread. */
  main: number;
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
    const times: ThreadCpu = { process: cpuOf("/proc/self/stat"), main: 0, helpers: 0, runtime: 0 };
    for (const entry of Deno.readDirSync("/proc/self/task")) {
      const folder = `/proc/self/task/${entry.name}`;
      let name: string;
      let time: number;
      try {
        name = Deno.readTextFileSync(`${folder}/comm`).trim();
        time = cpuOf(`${folder}/stat`);
      } catch {
        // A thread that ended meanwhile (a worker closing): its time is in the process's total.
        continue;
      }
      if (Number(entry.name) === Deno.pid) times.main += time;
      else if (name.startsWith("V8 ")) times.helpers += time;
      else if (name.startsWith("tokio")) times.runtime += time;
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
  return { main, helpers, workers: after.process - before.process - main - helpers };
}

/** User and system time of a `stat` file, in milliseconds (clock ticks of 10 ms). */
function cpuOf(path: string): number {
  const text = Deno.readTextFileSync(path);
  // The command name may hold spaces and parentheses: the fields start after the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
