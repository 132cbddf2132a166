import { pathToFileURL as toFileUrl } from "node:url";
import assert from "../_std/assert.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { decodeDataUri, encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 0, 1, 1, 0, 1]) }, {
    colourType: 2,
  }),
);

/** Runs `work` counting the workers this thread starts meanwhile. */
async function countingWorkers(work: () => Promise<unknown>): Promise<number> {
  const original = globalThis.Worker;
  let started = 0;
  globalThis.Worker = class extends original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      started++;
    }
  };
  try {
    await work();
  } finally {
    globalThis.Worker = original;
  }
  return started;
}

for (const size of [1, 2, 3]) {
  Deno.test(`ConvertPool({ size: ${size} }) given 20 jobs at once starts exactly ${size} worker(s), each with jobs`, async () => {
    // A worker that answers each job with the name it drew when it started.
    const dir = await Deno.makeTempDir();
    try {
      const worker = `${dir}/named.js`;
      await Deno.writeTextFile(
        worker,
        `const name = crypto.randomUUID();
         self.onmessage = ({ data }) => self.postMessage({ id: data.id, result: { name } });`,
      );
      let names: string[] = [];
      const started = await countingWorkers(async () => {
        using pool = new ConvertPool({ size, workerUrl: toFileUrl(worker) });
        const job = { mask: { kind: "png" as const, bytes: decodeDataUri(MASK) }, file: "a.png" };
        const answers = Array.from({ length: 20 }, () => pool.render(job as never));
        const all = await withDeadline(Promise.all(answers), 30_000, "20 jobs on the pool");
        names = (all as unknown as { name: string }[]).map((answer) => answer.name);
      });
      assert.equal(started, size, "workers started");
      assert.equal(new Set(names).size, size, "workers that answered");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

for (const concurrency of [1, 3]) {
  Deno.test(`exportMasks({ concurrency: ${concurrency} }) starts at most ${concurrency} worker(s) for 30 tasks`, async () => {
    await using dir = await tempDir();
    const tasks = Array.from({ length: 30 }, (_, i) => maskTask(`t${i}`, `f${i}.jpg`, MASK));
    let exported = 0;
    const started = await countingWorkers(async () => {
      const summary = await withDeadline(
        exportOnce(segmentationProject("p1", tasks), dir.path, { concurrency }),
        60_000,
        "the export",
      );
      exported = summary.exported;
    });
    assert.equal(exported, 30);
    assert.ok(started >= 1 && started <= concurrency, `${started} workers started`);
  });
}

Deno.test("an export starts its workers before it asks for its first page of tasks", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [maskTask("t1", "f1.jpg", MASK)])],
    latencyMs: 50,
  });
  // The requests the lab had received when each worker was made.
  const seen: string[][] = [];
  const original = globalThis.Worker;
  globalThis.Worker = class extends original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      seen.push(lab.requests.map((request) => request.path));
      super(...args);
    }
  };
  try {
    const summary = await withDeadline(
      exportMasks({
        client: clientOf(lab),
        projectId: "p1",
        outputFolder: dir.path,
        outputFilename: "out",
        concurrency: 2,
      }),
      60_000,
      "the export",
    );
    assert.equal(summary.exported, 1);
  } finally {
    globalThis.Worker = original;
  }
  // Both, though one task came: they load while the configuration and the page are fetched.
  assert.equal(seen.length, 2, "workers started");
  for (const paths of seen) {
    assert.ok(!paths.some((path) => path.includes("task-manager/tasks")), paths.join(", "));
  }
});
