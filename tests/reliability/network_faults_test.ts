import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { type FakeLabOptions, startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { clientFor, exportFrom, readTree, variedMaskTasks } from "./_fixtures.ts";

const PROJECT = segmentationProject("p1", variedMaskTasks(200));

/** Exports PROJECT into `folder` through a fake lab with the given faults. */
async function exportThrough(folder: string, faults?: FakeLabOptions["faults"]) {
  await using lab = await startFakeLab({ projects: [PROJECT], faults });
  const client = clientFor(lab, {
    // Small pages make many requests for the faults to hit; tiny waits keep the test quick.
    pageSize: 2,
    retryDelayMs: 1,
    maxRetries: 8,
    // Shorter than a "delay" fault, so each one times out and is retried.
    timeoutMs: 100,
  });
  const summary = await exportFrom(lab, folder, { client });
  return { summary, faults: lab.requests.map((request) => request.fault) };
}

Deno.test("exportMasks() loses no mask when 20% of requests fail in every way the lab can", async () => {
  await using dir = await tempDir();
  const clean = await exportThrough(`${dir.path}/clean`);
  const faulty = await exportThrough(`${dir.path}/faulty`, {
    rate: 0.2,
    seed: 2024,
    kinds: ["429", "500", "503", "reset", "delay"],
    delayMs: 500,
  });

  const injected = new Set(faulty.faults.filter((fault) => fault !== undefined));
  assert.deepEqual([...injected].sort(), ["429", "500", "503", "delay", "reset"]);
  assert.equal(clean.summary.exported, 200);
  assert.equal(faulty.summary.exported, 200);
  assert.equal(faulty.summary.failed, 0);
  // The masks, not the export's own files (a manifest may hold times and durations).
  const masksIn = async (folder: string) =>
    new Map([...await readTree(folder)].filter(([file]) => file.endsWith(".png")));
  const expected = await masksIn(`${dir.path}/clean/out`);
  const actual = await masksIn(`${dir.path}/faulty/out`);
  assert.equal(expected.size, 200);
  assert.deepEqual([...actual.keys()], [...expected.keys()]);
  for (const [file, bytes] of expected) {
    assertSameData(actual.get(file), bytes, `${file} differs from the fault-free export`);
  }
});
