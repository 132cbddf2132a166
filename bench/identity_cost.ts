/**
 * The identity's cost per mask, measured in one process: each mask of the benchmark's pool is
 * converted by the export's job (decode, statistics, render, hash the files), several rounds,
 * with the pixel digest's methods timed from inside, so the digest's share of each job is
 * measured on the same run (a comparison of two runs cannot see 5% on a loaded machine). A figure
 * for `docs/performance.md`, not a test.
 *
 *   deno run -A --config bench/deno.json bench/identity_cost.ts [--rounds 7] [--count 12]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { classTable } from "../lib/detect/class_table.ts";
import { decodeDataUri } from "../lib/raster/mask_data_uri.ts";
import { runMaskJob } from "../lib/export/_mask_job.ts";
import type { MaskFormat } from "../lib/export/mask_format.ts";
import { PixelDigest } from "../lib/png/pixel_digest.ts";
import { BENCH_LABELS } from "./_bench_project.ts";
import { maskPool } from "./_mask_pool.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "7" },
    count: { type: "string", default: "12" },
  },
});
const rounds = Number(values.rounds);

/** Milliseconds spent inside the digest's methods since the last reset. */
let inDigest = 0;
for (const name of ["update", "updateRows", "hex"] as const) {
  const method = PixelDigest.prototype[name] as (...args: unknown[]) => unknown;
  (PixelDigest.prototype as unknown as Record<string, unknown>)[name] = function (
    this: PixelDigest,
    ...args: unknown[]
  ) {
    const started = performance.now();
    try {
      return method.apply(this, args);
    } finally {
      inDigest += performance.now() - started;
    }
  };
}

const pool = await maskPool({ count: Number(values.count) });
const table = classTable(BENCH_LABELS);
console.log(`${pool.length} masks of 1920×1080, ${rounds} rounds (the first not counted)`);
for (const format of ["rgb", "class-index", "palette", "instance", "binary"] as MaskFormat[]) {
  const shares: number[] = [];
  const digestMs: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    let job = 0;
    inDigest = 0;
    for (const { uri } of pool) {
      const bytes = decodeDataUri(uri);
      const started = performance.now();
      await runMaskJob({ mask: { kind: "png", bytes }, table, format, file: "a.png" });
      job += performance.now() - started;
    }
    if (round > 0) {
      shares.push(inDigest / (job - inDigest));
      digestMs.push(inDigest / pool.length);
    }
  }
  console.log(
    `${format.padEnd(12)} digest ${median(digestMs).toFixed(3)} ms per mask, ` +
      `${(median(shares) * 100).toFixed(1)}% of the rest of the job (median of rounds; ` +
      `fastest round ${(Math.min(...shares) * 100).toFixed(1)}%)`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
