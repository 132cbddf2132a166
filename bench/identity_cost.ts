/**
 * The identity's cost per mask, measured in one process: each mask of the benchmark's pool is
 * converted by the export's job (decode, statistics, render, hash the files and the pixels), and
 * by the same job from a copy of `lib/` whose pixel digest hashes nothing, alternating mask by
 * mask over several rounds, so both are timed on the same run (a comparison of two runs cannot
 * see 5% on a loaded machine). A figure for `docs/performance.md`, not a test.
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
import { BENCH_LABELS } from "./_bench_project.ts";
import { identityFreeModule } from "./_identity_free.ts";
import { maskPool } from "./_mask_pool.ts";
import { median } from "./_figures.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "7" },
    count: { type: "string", default: "12" },
  },
});
const rounds = Number(values.rounds);

const work = await Deno.makeTempDir({ prefix: "identity-cost-" });
const freeExport = await identityFreeModule(work);
const free: { runMaskJob: typeof runMaskJob } = await import(
  new URL("_mask_job.ts", freeExport).href
);
const pool = await maskPool({ count: Number(values.count) });
const table = classTable(BENCH_LABELS);
console.log(`${pool.length} masks of 1920×1080, ${rounds} rounds (the first not counted)`);
try {
  for (const format of ["rgb", "class-index", "palette", "instance", "binary"] as MaskFormat[]) {
    const ratios: number[] = [];
    const extraMs: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      let hashed = 0;
      let plain = 0;
      for (const { uri } of pool) {
        const bytes = decodeDataUri(uri);
        const job = { mask: { kind: "png", bytes } as const, table, format, file: "a.png" };
        hashed += await timed(() => runMaskJob(job));
        plain += await timed(() => free.runMaskJob(job));
      }
      if (round > 0) {
        ratios.push(hashed / plain);
        extraMs.push((hashed - plain) / pool.length);
      }
    }
    console.log(
      `${format.padEnd(12)} with the identity ${median(ratios).toFixed(3)}× the job without ` +
        `(${median(extraMs).toFixed(3)} ms a mask; median of rounds, lowest ` +
        `${Math.min(...ratios).toFixed(3)}×)`,
    );
  }
} finally {
  await Deno.remove(work, { recursive: true });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
