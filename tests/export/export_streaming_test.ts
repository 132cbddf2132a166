import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

Deno.test("exportMasks() writes masks while later pages are still to come", async () => {
  await using dir = await tempDir();
  const mask = encodeDataUri(
    writeMaskPng({ width: 1, height: 1, data: new Uint8Array([1, 1, 1]) }, { colourType: 2 }),
  );
  const tasks = Array.from({ length: 500 }, (_, i) => maskTask(`t${i}`, `${i}.jpg`, mask));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  let pagesAskedAtFirstMask = -1;
  let firstFile = "";
  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: "p1",
    outputFolder: dir.path,
    outputFilename: "out",
    onProgress: (event) => {
      if (event.type !== "task" || pagesAskedAtFirstMask >= 0) return;
      pagesAskedAtFirstMask = lab.requests.filter((request) =>
        request.path.endsWith("/tasks")
      ).length;
      firstFile = event.outcome.file ?? "";
    },
  });
  assert.equal(summary.exported, 500);
  // Page 1 is being written, page 2 may be prefetched; pages 3 to 5 are not asked yet.
  assert.ok(
    pagesAskedAtFirstMask <= 2,
    `${pagesAskedAtFirstMask} pages asked before the first mask`,
  );
  assert.ok((await Deno.stat(`${dir.path}/out/${firstFile}`)).isFile);
});

Deno.test("exportMasks() stops between tasks when its signal aborts, leaving only complete files", async () => {
  await using dir = await tempDir();
  const mask = encodeDataUri(
    writeMaskPng({ width: 1, height: 1, data: new Uint8Array([1, 1, 1]) }, { colourType: 2 }),
  );
  const tasks = Array.from({ length: 300 }, (_, i) => maskTask(`t${i}`, `${i}.jpg`, mask));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const controller = new AbortController();
  await assert.rejects(
    exportMasks({
      client: clientOf(lab),
      projectId: "p1",
      outputFolder: dir.path,
      outputFilename: "out",
      signal: controller.signal,
      concurrency: 2,
      onProgress: (event) => event.type === "task" && event.done === 10 && controller.abort(),
    }),
    { name: "AbortError" },
  );
  const names = [];
  for await (const entry of Deno.readDir(`${dir.path}/out`)) {
    if (entry.name.endsWith(".png")) names.push(entry.name);
  }
  assert.ok(names.length >= 10 && names.length < 300, `${names.length} files`);
  for (const name of names) {
    assert.match(name, /^\d+\.jpg\.png$/);
    assert.deepEqual([...await Deno.readFile(`${dir.path}/out/${name}`)].slice(0, 4), [
      137,
      80,
      78,
      71,
    ]);
  }
});
