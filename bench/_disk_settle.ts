/**
 * Waiting for the disk to settle before a timed run. On some file systems (ext4 without a
 * journal, as on this benchmark's machines) a file created within a few minutes of a mass
 * deletion costs many times its usual time: the kernel skips every inode freed recently, one by
 * one. A benchmark started just after another one removed its files, or after `rm -rf` of an old
 * export, would then time the file system's bookkeeping rather than the export, and a format that
 * writes more files (`binary`: one per label) would pay most. So each timed run first creates a
 * few empty files, as an export does (created exclusively, renamed into place), and waits while
 * that costs more than a quiet disk's time.
 *
 * @module
 */

/** What the probe found. */
export interface DiskSettle {
  /** Microseconds per file of the last probe. */
  perFileUs: number;
  /** How long the wait took, in milliseconds (0: the disk was quiet). */
  waitedMs: number;
  /**
   * Why the wait ended: the disk is `quiet`, or its cost held `steady` for three minutes (a slow
   * disk, not a settling one: a caller may take that cost as quiet from then on), or the wait
   * gave up (`timeout`).
   */
  ended: "quiet" | "steady" | "timeout";
}

/** Settings of {@linkcode settleDisk}. */
export interface DiskSettleOptions {
  /** Where the probes' files go (they stay, so that removing them taxes nothing). */
  folder: string;
  /** The most a quiet disk takes per file, in microseconds. @default {50} */
  quietUs?: number;
  /** The longest wait, in milliseconds. @default {480_000} */
  maxWaitMs?: number;
  /** Between probes, in milliseconds. @default {10_000} */
  intervalMs?: number;
  /** Files per probe, in four folders. @default {200} */
  files?: number;
  /** Told once when the disk is slow and the wait starts. */
  onWait?: (perFileUs: number) => void;
}

let probes = 0;
const EMPTY = new Uint8Array(0);
/** How long a disk's cost must hold to be taken as steady. */
const STEADY_MS = 180_000;

/**
 * Probes the cost of creating files and waits while it is above a quiet disk's.
 *
 * @param options Where the probes write, and how long to wait.
 * @returns The last probe's cost and the wait.
 *
 * @example
 * ```ts
 * import { settleDisk } from "./_disk_settle.ts";
 *
 * const folder = await Deno.makeTempDir();
 * const settled = await settleDisk({ folder, maxWaitMs: 0 });
 * console.log(settled.perFileUs > 0); // true
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function settleDisk(options: DiskSettleOptions): Promise<DiskSettle> {
  const quietUs = options.quietUs ?? 50;
  const maxWaitMs = options.maxWaitMs ?? 480_000;
  const intervalMs = options.intervalMs ?? 10_000;
  const files = options.files ?? 200;
  const window = Math.ceil(STEADY_MS / intervalMs);
  const started = performance.now();
  const costs = [probe(options.folder, files)];
  if (costs[0] > quietUs) options.onWait?.(costs[0]);
  let ended = endOf(costs, quietUs, window);
  while (ended === undefined && performance.now() - started < maxWaitMs) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    costs.push(probe(options.folder, files));
    ended = endOf(costs, quietUs, window);
  }
  return {
    perFileUs: costs.at(-1)!,
    waitedMs: costs.length > 1 ? performance.now() - started : 0,
    ended: ended ?? "timeout",
  };
}

/**
 * Quiet at the last probe; or steady, a slow disk rather than a settling one: three minutes of
 * probes within 20% of each other (a disk settling from a mass deletion changes within minutes).
 */
function endOf(costs: number[], quietUs: number, window: number): "quiet" | "steady" | undefined {
  if (costs.at(-1)! <= quietUs) return "quiet";
  if (costs.length < window) return undefined;
  const recent = costs.slice(-window);
  return Math.max(...recent) <= 1.2 * Math.min(...recent) ? "steady" : undefined;
}

/**
 * Creates `files` empty files as an export does, in four folders of their own (a new folder may
 * land in another part of the disk, with its own recently freed inodes, or none), after a few
 * untimed ones: microseconds per file, the median of the four.
 */
function probe(folder: string, files: number): number {
  const batch = Math.max(1, Math.floor(files / 4));
  const costs: number[] = [];
  for (let part = 0; part < 4; part++) {
    const here = `${folder}/probe-${++probes}`;
    Deno.mkdirSync(here, { recursive: true });
    const create = (name: string) => {
      Deno.writeFileSync(`${here}/.${name}.tmp`, EMPTY, { createNew: true });
      Deno.renameSync(`${here}/.${name}.tmp`, `${here}/${name}.png`);
    };
    for (let i = 0; i < 5; i++) create(`warm-${i}`);
    const started = performance.now();
    for (let i = 0; i < batch; i++) create(String(i));
    costs.push((performance.now() - started) * 1000 / batch);
  }
  costs.sort((a, b) => a - b);
  return (costs[1] + costs[2]) / 2;
}
