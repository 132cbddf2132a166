import { createHash } from "node:crypto";
import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { datasetIdOf } from "../../lib/dataset/dataset_id.ts";
import type { ManifestEntry } from "../../lib/model/manifest.ts";

function maskOf(id: number, bChannel: number, flip = false): string {
  const data = new Uint8Array([id, id % 255, bChannel, 0, 0, 0, id, id % 255, bChannel, 0, 0, 0]);
  if (flip) data[3] = data[0];
  return encodeDataUri(writeMaskPng({ width: 2, height: 2, data }, { colourType: 6 }));
}

function tasks(flipped?: string): Task[] {
  return Array.from({ length: 24 }, (_, i) => {
    const id = `t${String(i).padStart(2, "0")}`;
    return maskTask(id, `f${i}.jpg`, maskOf(1 + i, 1 + (i % 2), id === flipped));
  });
}

async function exportJson(folder: string) {
  return JSON.parse(await Deno.readTextFile(`${folder}/out/export.json`));
}

Deno.test("datasetId is recorded in export.json and the summary, and equal across --concurrency 1 and 4, twice over", async () => {
  const ids: string[] = [];
  // Two machines' worth of runs: each naming rule, each concurrency.
  const runs = [[1, "posix"], [4, "windows"], [1, "windows"], [4, "posix"]] as const;
  for (const [concurrency, platform] of runs) {
    await using dir = await tempDir();
    const summary = await exportOnce(segmentationProject("p1", tasks()), dir.path, {
      concurrency,
      platform,
      maskFormat: "class-index",
    });
    const metadata = await exportJson(dir.path);
    assert.match(metadata.datasetId, /^[0-9a-f]{64}$/);
    assert.equal(summary.datasetId, metadata.datasetId);
    assert.equal(
      metadata.tool,
      "@lab/masks " + JSON.parse(await Deno.readTextFile("deno.json")).version,
    );
    assert.equal(metadata.deno, Deno.version.deno);
    assert.match(metadata.configurationSha256, /^[0-9a-f]{64}$/);
    ids.push(metadata.datasetId);
  }
  assert.deepEqual(new Set(ids).size, 1, ids.join(" "));
});

Deno.test("datasetId is the SHA-256 of the documented lines: the form, the labelmap's SHA-256, sorted path and pixelSha256", async () => {
  await using dir = await tempDir();
  const project = segmentationProject("p1", tasks());
  await exportOnce(project, dir.path, { maskFormat: "class-index" });
  const manifest = (await Deno.readTextFile(`${dir.path}/out/manifest.jsonl`)).trim().split("\n")
    .map((line) => JSON.parse(line));
  const labelmap = await Deno.readTextFile(`${dir.path}/out/labelmap.json`);
  const lines = manifest.flatMap((entry) =>
    entry.files.map((file: { path: string; pixelSha256: string }) =>
      `${file.path} ${file.pixelSha256}\n`
    )
  ).sort();
  assert.equal(lines.length, 24);
  const text = `lab-masks-dataset/1\nlabelmap ${sha(labelmap)}\n${lines.join("")}`;
  const metadata = await exportJson(dir.path);
  assert.equal(metadata.labelmapSha256, sha(labelmap));
  assert.equal(metadata.datasetId, sha(text));
});

Deno.test("datasetId differs after one pixel of one mask changes", async () => {
  await using a = await tempDir();
  await using b = await tempDir();
  await exportOnce(segmentationProject("p1", tasks()), a.path);
  await exportOnce(segmentationProject("p1", tasks("t07")), b.path);
  const [before, after] = [await exportJson(a.path), await exportJson(b.path)];
  assert.notEqual(after.datasetId, before.datasetId);
  assert.equal(after.labelmapSha256, before.labelmapSha256);
});

Deno.test("datasetIdOf sorts its lines by their UTF-8 bytes: paths sharing a prefix, non-ASCII and astral names, more lines than its first buffers hold", () => {
  const stems = ["a", "a.png", "a b", "é", "\uFF01", "\u{1F600}", "Z"];
  const entries: ManifestEntry[] = Array.from({ length: 600 }, (_, i) => ({
    taskId: `t${i}`,
    name: `n${i}`,
    outcome: "exported",
    files: [
      { path: `${stems[i % stems.length]}/${i % 50}.png`, sha256: "00", pixelSha256: sha(`${i}`) },
      { path: `${i}.json`, sha256: "00" },
    ],
  }));
  const bytes = entries.map((entry) =>
    new TextEncoder().encode(`${entry.files[0].path} ${entry.files[0].pixelSha256}\n`)
  );
  bytes.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
  const hash = createHash("sha256").update("lab-masks-dataset/1\nlabelmap cd\n");
  for (const line of bytes) hash.update(line);
  assert.deepEqual(datasetIdOf(entries, "cd"), { datasetId: hash.digest("hex"), masks: 600 });
  const old = { path: "old.png", sha256: "00" };
  const partial = [...entries, { taskId: "t", name: "n", outcome: "exported", files: [old] }];
  assert.deepEqual(datasetIdOf(partial, "cd"), { masks: 600 });
});

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

Deno.test("datasetId of an export interrupted and resumed is the one of an export run at once", async () => {
  await using whole = await tempDir();
  await exportOnce(segmentationProject("p1", tasks()), whole.path, { concurrency: 2 });
  await using dir = await tempDir();
  const controller = new AbortController();
  let done = 0;
  const stopped = await exportOnce(segmentationProject("p1", tasks()), dir.path, {
    concurrency: 2,
    signal: controller.signal,
    onProgress: (event) => {
      if (event.type === "task" && ++done === 9) controller.abort(new Error("stop"));
    },
  }).then(() => undefined, (error) => error);
  assert.ok(stopped, "the first run was stopped");
  assert.ok(await Deno.stat(`${dir.path}/out/.manifest.jsonl.part`));
  const resumed = await exportOnce(segmentationProject("p1", tasks()), dir.path, {
    concurrency: 2,
    resume: true,
  });
  assert.ok(resumed.kept >= 9, `${resumed.kept} kept`);
  assert.equal(resumed.datasetId, (await exportJson(whole.path)).datasetId);
  assert.equal((await exportJson(dir.path)).datasetId, resumed.datasetId);
});

Deno.test("lib/version.ts holds deno.json's name and version, which export.json records", async () => {
  const { PACKAGE_NAME, PACKAGE_VERSION } = await import("../../lib/version.ts");
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assert.deepEqual([PACKAGE_NAME, PACKAGE_VERSION], [denoJson.name, denoJson.version]);
});
