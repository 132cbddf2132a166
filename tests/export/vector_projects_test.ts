import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import type { ProjectConfiguration, Task } from "../../lib/api/types.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { formConfiguration, formInput, LABELS } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

function labelled(labelId: string) {
  return { Objects: { labels: [{ id: labelId, name: labelId }] } };
}

/** An 8×4 image: a car box on the left half, a person triangle on the right with a hole. */
const BODY = {
  image: { width: 8, height: 4 },
  annotations: [
    {
      id: "a1",
      labels: labelled("car"),
      polygons: [{ geometry: { vertices: [0, 0, 0.5, 0, 0.5, 1, 0, 1] } }],
    },
    {
      id: "a2",
      labels: labelled("person"),
      polygons: [{ geometry: { vertices: [0.5, 0, 1, 0, 1, 1, 0.5, 1] } }],
      minus: [{ geometry: { vertices: [0.75, 0.25, 1, 0.25, 1, 0.75, 0.75, 0.75] } }],
    },
  ],
};

async function exportProject(
  configuration: ProjectConfiguration,
  tasks: Task[],
  options: Partial<ExportMasksOptions> = {},
) {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [{ configuration, tasks }] });
  const client = clientOf(lab);
  const summary = await exportMasks({
    client,
    projectId: configuration.projectId,
    outputFolder: dir.path,
    outputFilename: "out",
    ...options,
  });
  const rows: string[] = [];
  if (summary.exported > 0) {
    const image = await decodePng(
      await Deno.readFile(`${dir.path}/out/t1.jpg.png`),
    );
    for (let y = 0; y < image.height; y++) {
      const row = [];
      for (let x = 0; x < image.width; x++) {
        const [r, , b] = image.data.subarray((y * image.width + x) * 3);
        row.push(r === 0 ? "." : `${r}${b}`);
      }
      rows.push(row.join(" "));
    }
  }
  return { summary, rows };
}

const polygonProject: ProjectConfiguration = {
  projectId: "poly1",
  projectType: "iat-polygon",
  metadata: { labelOptions: { availableLabels: { objects: LABELS } } },
};

Deno.test("polygon projects are rasterized in the R/G/B convention, holes cut out", async () => {
  const { summary, rows } = await exportProject(polygonProject, [{
    _id: "t1",
    name: "t1.jpg",
    data: { body: BODY },
  }]);
  assert.equal(summary.exported, 1);
  // Instance 1 (car, bChannel 1) and instance 2 (person, bChannel 2), with a 2×2 hole.
  assert.deepEqual(rows, [
    "11 11 11 11 22 22 22 22",
    "11 11 11 11 22 22 . .",
    "11 11 11 11 22 22 . .",
    "11 11 11 11 22 22 22 22",
  ]);
});

Deno.test("rectangle projects and every mask format work from shapes too", async () => {
  const configuration = { ...polygonProject, projectId: "rect1", projectType: "iat-rectangle" };
  const body = {
    image: { width: 8, height: 4 },
    annotations: [{
      id: "r1",
      labels: labelled("road"),
      polygons: [{ geometry: { vertices: [0.25, 0.5, 0.75, 1] } }],
    }],
  };
  const { rows } = await exportProject(configuration, [{
    _id: "t1",
    name: "t1.jpg",
    data: { body },
  }]);
  assert.deepEqual(rows, [
    ". . . . . . . .",
    ". . . . . . . .",
    ". . 13 13 13 13 . .",
    ". . 13 13 13 13 . .",
  ]);
  const classIndex = await exportProject(configuration, [{
    _id: "t1",
    name: "t1.jpg",
    data: { body },
  }], {
    maskFormat: "class-index",
  });
  assert.deepEqual(classIndex.rows[2], ". . 33 33 33 33 . .", "class 3 (road), read back as grey");
});

Deno.test("a vector task without an image size fails with a clear reason; the others are exported", async () => {
  const tasks: Task[] = [
    { _id: "t0", name: "nosize.jpg", data: { body: { annotations: BODY.annotations } } },
    { _id: "t1", name: "t1.jpg", data: { body: BODY } },
    { _id: "t2", name: "never.jpg" },
  ];
  const { summary } = await exportProject(polygonProject, tasks);
  assert.deepEqual([summary.exported, summary.failed, summary.skipped], [1, 1, 1]);
  assert.match(summary.failures[0].reason!, /image size is missing \(data\.body\.image/);
});

Deno.test("a form's polygon input is exported with the input's own labels", async () => {
  const lane = [{ id: "lane", name: "Lane" }];
  const configuration = formConfiguration("form1", [
    formInput("q", "text"),
    formInput("poly", "tool-iat-polygon", lane),
  ]);
  const body = {
    poly: {
      image: { width: 2, height: 1 },
      annotations: [{
        id: "l1",
        labels: labelled("lane"),
        polygons: [{ geometry: { vertices: [0, 0, 0.5, 0, 0.5, 1, 0, 1] } }],
      }],
    },
  };
  const { rows } = await exportProject(configuration, [{
    _id: "t1",
    name: "t1.jpg",
    data: { body },
  }]);
  assert.deepEqual(rows, ["11 ."]);
});
