import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { ApiError, ConfigError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type FakeProject, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import {
  formConfiguration,
  formInput,
  maskTask,
  segmentationProject,
} from "../_fixtures/project.ts";
import { listFiles, listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { join } from "../../lib/_std/path.ts";

const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);

/** Runs an export of `project` into `folder`/out against a fresh fake lab. */
async function exportProject(
  project: FakeProject,
  folder: string,
  options: Partial<ExportMasksOptions> = {},
) {
  await using lab = await startFakeLab({ projects: [project] });
  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: project.configuration.projectId,
    outputFolder: folder,
    outputFilename: "out",
    ...options,
  });
  return { summary, requests: lab.requests };
}

/** A 1×n mask whose pixels are the given RGB triplets, as a PNG data URI. */
function pixelsMask(pixels: [number, number, number][]): string {
  const data = new Uint8Array(pixels.flat());
  return encodeDataUri(writeMaskPng({ width: pixels.length, height: 1, data }, { colourType: 2 }));
}

async function pixelsOf(path: string): Promise<number[][]> {
  const image = await decodePng(await Deno.readFile(path));
  return Array.from({ length: image.width * image.height }, (_, i) => [
    ...image.data.subarray(i * 3, i * 3 + 3),
  ]);
}

Deno.test("exportMasks() writes every PNG flavour as the reference decoder's 8-bit RGB pixels", async () => {
  await using dir = await tempDir();
  const index: { file: string; expected: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  const tasks = await Promise.all(index.map(async ({ file }, i) => {
    const png = await Deno.readFile(new URL(file, FLAVOURS));
    return maskTask(`t${i}`, `flavours/${file}`, encodeDataUri(png));
  }));
  const { summary } = await exportProject(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.exported, index.length);
  assert.equal(summary.failed, 0);
  for (const { file, expected } of index) {
    const written = await Deno.readFile(`${dir.path}/out/flavours/${file}.png`);
    assert.equal(written[24], 8, `${file}: bit depth`);
    assert.equal(written[25], 2, `${file}: colour type RGB`);
    const image = await decodePng(written);
    const want = await Deno.readFile(new URL(expected, FLAVOURS));
    assertSameBytes(image.data, want, `bytes of ${file}'s pixels against the reference decoder's`);
  }
});

Deno.test("exportMasks() recolours labels, judging every mapping on the original pixel", async () => {
  await using dir = await tempDir();
  const mask = pixelsMask([[5, 5, 1], [6, 6, 2], [0, 0, 1], [7, 7, 9], [255, 0, 3]]);
  const { summary } = await exportProject(
    segmentationProject("p1", [maskTask("t1", "a.jpg", mask)]),
    dir.path,
    // The car's new colour has B = 2, the person's bChannel: it must not be recoloured again.
    { semanticMapping: { car: [10, 20, 2], person: [30, 40, 50] } },
  );
  assert.equal(summary.exported, 1);
  assert.deepEqual(await pixelsOf(`${dir.path}/out/a.jpg.png`), [
    [10, 20, 2],
    [30, 40, 50],
    [0, 0, 1],
    [7, 7, 9],
    [255, 0, 3],
  ]);
});

Deno.test("exportMasks() refuses a semantic mapping with an unknown label, naming the known ones", async () => {
  await using dir = await tempDir();
  await assert.rejects(
    exportProject(
      segmentationProject("p1", [maskTask("t1", "a.jpg", pixelsMask([[1, 1, 1]]))]),
      dir.path,
      {
        semanticMapping: { truck: [1, 2, 3] },
      },
    ),
    (error: unknown) =>
      error instanceof ConfigError && /"truck"/.test(error.message) &&
      /"car", "person", "road"/.test(error.message),
  );
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("exportMasks() skips tasks without a mask and makes no folder when none has one", async () => {
  await using dir = await tempDir();
  const tasks = [maskTask("t1", "a.jpg"), { ...maskTask("t2", "b.jpg"), data: { body: {} } }];
  tasks.push(maskTask("t3", "c.jpg", ""));
  const { summary } = await exportProject(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.skipped, 3);
  assert.equal(summary.folderCreated, false);
  assert.deepEqual(summary.skippedTasks.map((task) => task.taskId), ["t1", "t2", "t3"]);
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("exportMasks() names files as the SDK does, with subfolders and replaceExtension", async (t) => {
  const mask = pixelsMask([[1, 1, 1]]);
  const tasks = [
    maskTask("t1", "street/a.b.jpg", mask),
    maskTask("t2", "noext", mask),
    maskTask("t3", "deep/er/frame 07 é.png", mask),
  ];
  await t.step("without replaceExtension the name keeps its extension", async () => {
    await using dir = await tempDir();
    await exportProject(segmentationProject("p1", tasks), dir.path);
    assert.deepEqual(await listPngs(`${dir.path}/out`), [
      "deep/er/frame 07 é.png.png",
      "noext.png",
      "street/a.b.jpg.png",
    ]);
  });
  await t.step("with replaceExtension the name is cut at its last dot", async () => {
    await using dir = await tempDir();
    await exportProject(segmentationProject("p1", tasks), dir.path, { replaceExtension: true });
    assert.deepEqual(await listPngs(`${dir.path}/out`), [
      "deep/er/frame 07 é.png",
      "noext.png",
      "street/a.b.png",
    ]);
  });
});

Deno.test("exportMasks() keeps both masks of two tasks with the same name", async () => {
  await using dir = await tempDir();
  const tasks = [
    maskTask("t1", "a.jpg", pixelsMask([[1, 1, 1]])),
    maskTask("t2", "a.jpg", pixelsMask([[2, 2, 2]])),
    maskTask("t3", "A.jpg", pixelsMask([[3, 3, 3]])),
  ];
  const { summary } = await exportProject(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.exported, 3);
  assert.deepEqual(summary.renamed.map((task) => [task.taskId, task.renamedFrom, task.file]), [
    ["t2", "a.jpg.png", "a.jpg__t2.png"],
    ["t3", "A.jpg.png", "A.jpg__t3.png"],
  ]);
  assert.deepEqual(await pixelsOf(`${dir.path}/out/a.jpg.png`), [[1, 1, 1]]);
  assert.deepEqual(await pixelsOf(`${dir.path}/out/a.jpg__t2.png`), [[2, 2, 2]]);
  assert.deepEqual(await pixelsOf(`${dir.path}/out/A.jpg__t3.png`), [[3, 3, 3]]);
});

Deno.test("exportMasks() refuses names that would write outside the export folder", async () => {
  await using dir = await tempDir();
  const mask = pixelsMask([[1, 1, 1]]);
  const tasks = [
    maskTask("t1", "../escape.jpg", mask),
    maskTask("t2", "/etc/absolute.jpg", mask),
    maskTask("t3", "ok/../../x.jpg", mask),
    maskTask("t4", "fine.jpg", mask),
  ];
  const { summary } = await exportProject(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.exported, 1);
  assert.deepEqual(summary.failures.map((task) => task.taskId).sort(), ["t1", "t2", "t3"]);
  assert.match(summary.failures.find((task) => task.taskId === "t1")!.reason!, /"\.\." segment/);
  assert.match(summary.failures.find((task) => task.taskId === "t2")!.reason!, /absolute path/);
  assert.deepEqual(await listFiles(dir.path), [
    "out/export.json",
    "out/fine.jpg.png",
    "out/manifest.jsonl",
  ]);
});

Deno.test("exportMasks() reports each bad mask with its task and still writes the good ones", async () => {
  await using dir = await tempDir();
  const good = pixelsMask([[4, 4, 1]]);
  const png = await Deno.readFile(new URL("rgba8.png", FLAVOURS));
  const tasks = [
    maskTask("t1", "good-1.jpg", good),
    maskTask("t2", "not-a-uri.jpg", "iVBORw0KGgo="),
    maskTask("t3", "not-png.jpg", `data:image/png;base64,${btoa("GIF89a not a png")}`),
    maskTask("t4", "truncated.jpg", encodeDataUri(png.subarray(0, png.length / 2))),
    maskTask("t5", "number.jpg", 42),
    maskTask("t6", "good-2.jpg", good),
  ];
  const { summary } = await exportProject(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.exported, 2);
  assert.equal(summary.failed, 4);
  for (const failure of summary.failures) {
    assert.match(failure.reason!, /^its mask cannot be read: /, failure.taskId);
  }
  assert.deepEqual(await listPngs(`${dir.path}/out`), ["good-1.jpg.png", "good-2.jpg.png"]);
});

Deno.test("exportMasks() names its folder lab_mask_<project>_<date> and refuses an existing one", async (t) => {
  await using dir = await tempDir();
  const project = segmentationProject("p1", [maskTask("t1", "a.jpg", pixelsMask([[1, 1, 1]]))]);
  const now = new Date(2024, 11, 25, 8, 5, 9);
  await t.step("the default name is the SDK's", async () => {
    const { summary } = await exportProject(project, `${dir.path}/deep/parent`, {
      outputFilename: undefined,
      now,
    });
    // Windows refuses ":" in names: the time is written with "-" there (docs/windows.md).
    const time = Deno.build.os === "windows" ? "08-05-09" : "08:05:09";
    assert.equal(
      summary.folder,
      join(dir.path, "deep", "parent", `lab_mask_p1_2024-12-25_${time}`),
    );
    assert.deepEqual(await listPngs(summary.folder), ["a.jpg.png"]);
  });
  await t.step("a second run in the same second gets the next free name: _2, then _3", async () => {
    const time = Deno.build.os === "windows" ? "08-05-09" : "08:05:09";
    for (const suffix of ["_2", "_3"]) {
      const { summary } = await exportProject(project, `${dir.path}/deep/parent`, {
        outputFilename: undefined,
        now,
      });
      assert.equal(
        summary.folder,
        join(dir.path, "deep", "parent", `lab_mask_p1_2024-12-25_${time}${suffix}`),
      );
      assert.deepEqual(await listPngs(summary.folder), ["a.jpg.png"]);
    }
  });
  await t.step("an existing folder of a chosen name is refused before any request", async () => {
    const time = Deno.build.os === "windows" ? "08-05-09" : "08:05:09";
    await using lab = await startFakeLab({ projects: [project] });
    await assert.rejects(
      exportMasks({
        client: clientOf(lab),
        projectId: "p1",
        outputFolder: `${dir.path}/deep/parent`,
        outputFilename: `lab_mask_p1_2024-12-25_${time}`,
        now,
      }),
      (error: unknown) => error instanceof ConfigError && /already exists/.test(error.message),
    );
    assert.equal(lab.requests.length, 0);
  });
});

Deno.test("exportMasks() sends every filter to the API as the spec says", async () => {
  await using dir = await tempDir();
  const { requests } = await exportProject(segmentationProject("p1", []), dir.path, {
    filters: {
      batchIdIn: ["b1", "b2"],
      statusIn: ["complete", "reviewed"],
      taskIdIn: ["t1"],
      nameIn: ["a,b.jpg"],
      nameLike: "frame",
      createdAtGt: "2024-01-01 00:00:00",
      createdAtLte: "2024-12-31T23:59:59Z",
      updatedAtGte: "2024-12-25 00:00:00",
      updatedAtLt: "2025-01-01",
      data: { "body.camera": "front" },
      properties: { site: "paris" },
      optionalFields: ["metrics"],
    },
  });
  const taskRequests = requests.filter((request) =>
    request.path.endsWith("/api/task-manager/tasks")
  );
  assert.equal(taskRequests.length, 1);
  const query = taskRequests[0].query;
  assert.equal(query.get("projectId"), "p1");
  assert.equal(query.get("pagination"), "true");
  assert.deepEqual(query.getAll("batchIds"), ["b1", "b2"]);
  assert.deepEqual(query.getAll("statuses"), ["complete", "reviewed"]);
  assert.deepEqual(query.getAll("taskIds"), ["t1"]);
  assert.deepEqual(query.getAll("taskNames"), ["a,b.jpg"]);
  assert.equal(query.get("nameLike"), "frame");
  assert.deepEqual(query.getAll("createdAt"), [">2024-01-01 00:00:00", "<=2024-12-31T23:59:59Z"]);
  assert.deepEqual(query.getAll("updatedAt"), [">=2024-12-25 00:00:00", "<2025-01-01"]);
  assert.equal(query.get("data.body.camera"), "front");
  assert.equal(query.get("properties.site"), "paris");
  assert.deepEqual(query.getAll("optionalFields"), ["data", "data.mask", "jobs", "metrics"]);
});

Deno.test("exportMasks() walks every page of a large project", async () => {
  await using dir = await tempDir();
  const mask = pixelsMask([[1, 1, 1]]);
  const tasks = Array.from({ length: 250 }, (_, i) => maskTask(`t${i}`, `f/${i}.jpg`, mask));
  const { summary, requests } = await exportProject(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.exported, 250);
  const pages = requests.filter((request) => request.path.endsWith("/tasks"));
  assert.deepEqual(pages.map((request) => request.query.get("page")), ["1", "2", "3"]);
  assert.equal((await listPngs(`${dir.path}/out`)).length, 250);
});

Deno.test("exportMasks() exports a form project's segmentation input with its own labels", async () => {
  await using dir = await tempDir();
  const inputLabels = [{ id: "lane", name: "Lane", bChannel: 10 }];
  const configuration = formConfiguration("form1", [
    formInput("poly", "tool-iat-polygon"),
    formInput("seg", "tool-iat-segmentation", inputLabels),
  ]);
  const tasks = [{
    _id: "t1",
    name: "cam.jpg",
    data: { body: { seg: { mask: pixelsMask([[1, 1, 10], [2, 2, 1]]) }, poly: {} } },
  }];
  const { summary } = await exportProject({ configuration, tasks }, dir.path, {
    semanticMapping: { lane: [200, 100, 50] },
  });
  assert.equal(summary.exported, 1);
  assert.deepEqual(await pixelsOf(`${dir.path}/out/cam.jpg.png`), [[200, 100, 50], [2, 2, 1]]);
});

Deno.test("exportMasks() stops with an ApiError naming an unknown project", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  await assert.rejects(
    exportMasks({ client: clientOf(lab), projectId: "nope", outputFolder: dir.path }),
    (error: unknown) =>
      error instanceof ApiError && error.status === 404 && /nope/.test(error.message),
  );
});
