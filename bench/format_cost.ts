/**
 * Each mask format's cost per mask on one thread, measured in one process: each mask of the
 * benchmark's pool is converted by the export's job (decode, statistics, render, hash the files),
 * several rounds, every format in turn, so their ratios to `rgb` come from the same run. A figure
 * for `docs/performance.md`, not a test.
 *
 *   deno run -A --config bench/deno.json bench/format_cost.ts [--rounds 3] [--count 12] [--scene rectangles]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { classTable } from "../lib/detect/class_table.ts";
import { decodeDataUri } from "../lib/raster/mask_data_uri.ts";
import { runMaskJob } from "../lib/export/_mask_job.ts";
import type { MaskFormat } from "../lib/export/mask_format.ts";
import { BENCH_LABELS } from "./_bench_project.ts";
import { type BenchScene, maskPool } from "./_mask_pool.ts";
import { median } from "./_figures.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "3" },
    count: { type: "string", default: "12" },
    scene: { type: "string", default: "realistic" },
    formats: { type: "string", default: "rgb,class-index,palette,instance,binary,panoptic" },
  },
});
const rounds = Number(values.rounds);
const formats = values.formats.split(",") as MaskFormat[];
const pool = await maskPool({ count: Number(values.count), scene: values.scene as BenchScene });
const table = classTable(BENCH_LABELS);
const masks = pool.map(({ uri }) => decodeDataUri(uri));
console.log(`${pool.length} ${values.scene} masks of 1920×1080, median of ${rounds} rounds`);
const perMask = new Map<MaskFormat, number[]>(formats.map((format) => [format, []]));
// Rounds go over every format in turn, so a change in the machine's load touches them alike.
for (let round = 0; round <= rounds; round++) {
  for (const format of formats) {
    const started = performance.now();
    for (const bytes of masks) {
      await runMaskJob({ mask: { kind: "png", bytes }, table, format, file: "a.png" });
    }
    if (round > 0) perMask.get(format)!.push((performance.now() - started) / masks.length);
  }
}
const rgb = perMask.has("rgb") ? median(perMask.get("rgb")!) : undefined;
for (const [format, times] of perMask) {
  const ms = median(times);
  const ratio = rgb === undefined ? "" : ` (${(ms / rgb).toFixed(2)}× rgb)`;
  console.log(`${format.padEnd(12)} ${ms.toFixed(1)} ms a mask${ratio}`);
}
console.log(`load average ${Deno.loadavg().map((load) => load.toFixed(2)).join(" ")}`);
