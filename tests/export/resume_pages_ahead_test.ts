import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { folderBytes, tempDir } from "../_fixtures/temp_dir.ts";
import type { Task } from "../../lib/api/types.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

const TASKS = 300;
const PAGE_SIZE = 10;

/** `count` tasks of 8×6 masks, each with its own count of labelled pixels. */
function smallTasks(count: number): Task[] {
  return Array.from({ length: count }, (_, i) => {
    const data = new Uint8Array(8 * 6 * 3);
    for (let p = 0; p <= i % 48; p++) data.set([1, 1, 1], 3 * p);
    const mask = encodeDataUri(writeMaskPng({ width: 8, height: 6, data }, { colourType: 2 }));
    return maskTask(`t${String(i).padStart(4, "0")}`, `frames/f${i}.jpg`, mask);
  });
}

/** A fetch that records the task pages asked and how many were in flight at most. */
function watchingFetch() {
  const seen = { pages: [] as number[], inFlight: 0, most: 0 };
  const fetching: typeof fetch = async (input, init) => {
    const page = new URL(String(input)).searchParams.get("page");
    if (page === null) return await fetch(input, init);
    seen.pages.push(Number(page));
    seen.most = Math.max(seen.most, ++seen.inFlight);
    try {
      return await fetch(input, init);
    } finally {
      seen.inFlight--;
    }
  };
  return { seen, fetching };
}

Deno.test("--resume asks the pages of the tasks it keeps several at once, each page once, and writes the uninterrupted export's bytes", async () => {
  await using dir = await tempDir();
  // Requests that take a while, so that pages asked together are in flight together.
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", smallTasks(TASKS))],
    latencyMs: 20,
  });
  const run = (outputFilename: string, options: Partial<Parameters<typeof exportMasks>[0]>) => {
    const { seen, fetching } = watchingFetch();
    const client = clientOf(lab, { fetch: fetching, pageSize: PAGE_SIZE });
    const exported = exportMasks({
      client,
      projectId: "p1",
      outputFolder: dir.path,
      outputFilename,
      ...options,
    });
    return { seen, done: withDeadline(exported, 60_000, `the export to ${outputFilename}`) };
  };

  const whole = run("whole", {});
  await whole.done;
  assert.equal(whole.seen.most, 1, "an export asks one page at a time");

  const stop = new AbortController();
  const stopped = run("out", {
    signal: stop.signal,
    onProgress: (event) => event.type === "task" && event.done >= 0.6 * TASKS && stop.abort(),
  });
  await stopped.done.then(() => assert.fail("the export went on after it was stopped"), () => {});

  const resumed = run("out", { resume: true });
  const summary = await resumed.done;
  assert.ok(summary.kept >= 0.6 * TASKS, `${summary.kept} tasks kept`);
  assert.equal(summary.kept + summary.exported, TASKS);
  assert.ok(resumed.seen.most >= 3, `${resumed.seen.most} pages in flight at most`);
  const pages = Array.from({ length: TASKS / PAGE_SIZE }, (_, i) => i + 1);
  assert.deepEqual(resumed.seen.pages.toSorted((a, b) => a - b), pages, "each page once");

  const expected = await folderBytes(`${dir.path}/whole`);
  const actual = await folderBytes(`${dir.path}/out`);
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
  for (const [path, bytes] of expected) assertSameBytes(actual.get(path)!, bytes, path);
});
