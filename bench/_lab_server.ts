/**
 * The benchmark's fake lab, in a process of its own so that serving pages takes no time from the
 * exports being measured. Reads `{ poolFile, counts, width, height, latencyMs }` as JSON from its
 * first argument, prints `{ url, accessId, secretKey }` as one JSON line, and serves until its
 * standard input closes.
 *
 * @module
 */

import { startFakeLab } from "../testing/fake_lab.ts";
import { benchProject } from "./_bench_project.ts";
import { largeProject } from "./_large_mask.ts";
import type { PooledMask } from "./_mask_pool.ts";
import { scaleProjects } from "./_scale_project.ts";

/** What the lab server is started with. */
export interface LabServerSettings {
  /** A JSON file holding the mask pool. */
  poolFile: string;
  /** One project per task count. */
  counts: number[];
  /** The masks' width. */
  width: number;
  /** The masks' height. */
  height: number;
  /** The delay of every request, in milliseconds. */
  latencyMs: number;
  /** Projects of large masks: their size, and one project per task count. */
  large?: { width: number; height: number; counts: number[] };
  /** Projects of many small masks: their size, and one project per task count. */
  scale?: { width: number; height: number; counts: number[] };
}

if (import.meta.main) {
  const settings: LabServerSettings = JSON.parse(Deno.args[0]);
  const pool: PooledMask[] = JSON.parse(await Deno.readTextFile(settings.poolFile));
  const size = { width: settings.width, height: settings.height };
  const lab = await startFakeLab({
    projects: [
      ...[...new Set(settings.counts)].map((count) => benchProject(count, pool, size)),
      ...(settings.large?.counts ?? []).map((count) => largeProject(count, settings.large!)),
      ...(settings.scale ? await scaleProjects(settings.scale.counts, settings.scale) : []),
    ],
    latencyMs: settings.latencyMs,
  });
  const { url, accessId, secretKey } = lab;
  console.log(JSON.stringify({ url, accessId, secretKey }));
  // Recorded requests would grow with every page served: the benchmark never reads them.
  const forget = setInterval(() => lab.requests.splice(0), 1000);
  for await (const _ of Deno.stdin.readable) { /* serve until the benchmark closes stdin */ }
  clearInterval(forget);
  await lab.close();
}
