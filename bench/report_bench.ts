/**
 * What `report.html` costs: the same export of a benchmark project (2,000 tasks of 1920×1080 by
 * default) with and without `report: true`, in alternating rounds against one fake lab, and the
 * report's size. Never run by the tests.
 *
 * ```sh
 * deno run -A --config bench/deno.json bench/report_bench.ts    # 2,000 tasks, 3 rounds of each
 * deno run -A --config bench/deno.json bench/report_bench.ts --tasks 200 --rounds 2
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { LabClient } from "../lib/api/lab_client.ts";
import { classTable } from "../lib/detect/class_table.ts";
import { runMaskJob } from "../lib/export/_mask_job.ts";
import { exportMasks } from "../lib/export/export_masks.ts";
import { decodeDataUri } from "../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../testing/fake_lab.ts";
import { BENCH_LABELS, benchProject, benchProjectId } from "./_bench_project.ts";
import { maskPool } from "./_mask_pool.ts";

const { values } = parseArgs({
  args: Deno.args.filter((arg) => arg !== "--"),
  options: {
    tasks: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
    latency: { type: "string", default: "20" },
  },
});
const tasks = Number(values.tasks);
const rounds = Number(values.rounds);
const size = { width: 1920, height: 1080 };

console.log(
  `Machine: ${navigator.hardwareConcurrency} cores, load average ${
    Deno.loadavg().map((v) => v.toFixed(2)).join(" ")
  }; ${tasks} tasks of ${size.width}×${size.height}, ${values.latency} ms per request`,
);
const pool = await maskPool(size);

// One thread, no lab, no load from the export's other work: what the thumbnail adds to each
// mask's job (sampling, colouring, encoding), the quantity the end-to-end runs below estimate
// more noisily on a shared machine.
const table = classTable(BENCH_LABELS);
const jobCpu = { plain: 0, report: 0 };
const jobRounds = 20;
for (let round = 0; round < jobRounds; round++) {
  for (const [i, { uri }] of pool.entries()) {
    // Mask by mask, alternating which goes first: a change in the machine's load falls on both.
    for (const preview of (round + i) % 2 === 0 ? [false, true] : [true, false]) {
      const mask = { kind: "png", bytes: decodeDataUri(uri) } as const;
      const started = performance.now();
      await runMaskJob({ mask, file: `m${i}.png`, format: "rgb", table, preview });
      jobCpu[preview ? "report" : "plain"] += performance.now() - started;
    }
  }
}
await using lab = await startFakeLab({
  projects: [benchProject(tasks, pool, size)],
  latencyMs: Number(values.latency),
});
const work = await Deno.makeTempDir({ prefix: "lab-masks-report-bench-" });
const times: Record<"plain" | "report", number[]> = { plain: [], report: [] };
let reportBytes = 0;
try {
  for (let round = 0; round < rounds; round++) {
    // Alternating, so a change in the machine's load falls on both sides alike.
    for (
      const kind of round % 2 === 0 ? ["plain", "report"] as const : ["report", "plain"] as const
    ) {
      const started = performance.now();
      const summary = await exportMasks({
        client: new LabClient({
          endpoint: lab.url,
          accessId: lab.accessId,
          secretKey: lab.secretKey,
        }),
        projectId: benchProjectId(tasks),
        outputFolder: work,
        outputFilename: `${kind}_${round}`,
        report: kind === "report",
      });
      times[kind].push(performance.now() - started);
      if (summary.exported !== tasks) throw new Error(`${summary.exported} of ${tasks} exported`);
      if (summary.report) reportBytes = (await Deno.stat(summary.report)).size;
      await Deno.remove(`${work}/${kind}_${round}`, { recursive: true });
      lab.requests.splice(0);
      console.log(
        `  round ${round + 1} ${kind.padEnd(6)} ${(times[kind].at(-1)! / 1000).toFixed(2)} s`,
      );
    }
  }
} finally {
  await Deno.remove(work, { recursive: true });
}
const median = (list: number[]) => list.toSorted((a, b) => a - b)[Math.floor(list.length / 2)];
const [jobPlain, jobReport] = [jobCpu.plain, jobCpu.report].map((ms) =>
  ms / (jobRounds * pool.length)
);
console.log(
  `One mask's job on one thread: ${jobPlain.toFixed(2)} ms, with its thumbnail ` +
    `${jobReport.toFixed(2)} ms (+${((jobReport / jobPlain - 1) * 100).toFixed(1)}%)`,
);
const plain = median(times.plain);
const withReport = median(times.report);
console.log(`Export without report: median ${(plain / 1000).toFixed(2)} s`);
console.log(`Export with report:    median ${(withReport / 1000).toFixed(2)} s`);
console.log(
  `Time added: ${((withReport / plain - 1) * 100).toFixed(1)}% (target ≤ 5%); report.html: ` +
    `${(reportBytes / 1024 / 1024).toFixed(2)} MB (target < 5 MB), ` +
    `${(reportBytes / tasks / 1024).toFixed(2)} KB per task`,
);
